// Adds or edits a report schedule: cron time in a time zone, e-mail recipients, webhooks, enabled. The server checks
// everything; its error is shown by the control of the field it names.

import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { createSchedule, updateSchedule, type ReportSchedule, type SavedSchedule } from '../../api/reports.js';
import {
  CRON_PRESETS,
  draftOf,
  newScheduleDraft,
  scheduleErrorKey,
  scheduleInputOf,
  timeZones,
  type ScheduleDraft,
  type WebhookDraft,
} from './schedule-model.js';

export interface ScheduleEditorProps {
  project: string;
  saved?: ReportSchedule | undefined;
  timeZone: string;
  onSaved: (schedule: SavedSchedule) => void;
  onCancel: () => void;
}

export function ScheduleEditor({ project, saved, timeZone, onSaved, onCancel }: ScheduleEditorProps) {
  const [draft, setDraft] = useState<ScheduleDraft>(() => (saved ? draftOf(saved) : newScheduleDraft(timeZone)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const errorKey = useMemo(() => (error ? scheduleErrorKey(error.field, draft) : null), [error, draft]);
  const zones = useMemo(() => timeZones(), []);

  const set = (patch: Partial<ScheduleDraft>) => {
    setDraft({ ...draft, ...patch });
    setError(null);
  };
  const setWebhook = (i: number, patch: Partial<WebhookDraft>) =>
    set({ webhooks: draft.webhooks.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  const invalid = (key: string) =>
    errorKey === key ? { 'aria-invalid': true, 'aria-describedby': `schedule-error-${key}` } : {};
  const errorAt = (key: string): ReactNode =>
    error && errorKey === key ? (
      <p className="reports-field-error" role="alert" id={`schedule-error-${key}`}>
        {error.field && !error.message.startsWith(error.field) ? `${error.field} ` : ''}
        {error.message}
      </p>
    ) : null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = scheduleInputOf(draft, saved === undefined);
      onSaved(saved ? await updateSchedule(project, saved.id, input) : await createSchedule(project, input));
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { field: err.field, message: err.message }
          : { message: err instanceof Error ? err.message : String(err) },
      );
      setBusy(false);
    }
  };

  return (
    <form
      className="reports-schedule-editor"
      onSubmit={(e) => void save(e)}
      aria-label={saved ? `Edit schedule ${saved.id}` : 'New schedule'}
    >
      <div className="reports-editor-row">
        <label className="field">
          <span>Id</span>
          <input
            value={draft.id}
            readOnly={saved !== undefined}
            onChange={(e) => set({ id: e.target.value })}
            size={14}
            {...invalid('id')}
          />
          {errorAt('id')}
        </label>
        <label className="field">
          <span>When (cron: minute hour day month weekday)</span>
          <input value={draft.cron} onChange={(e) => set({ cron: e.target.value })} size={16} {...invalid('cron')} />
          {errorAt('cron')}
        </label>
        <label className="field">
          <span>Common times</span>
          <select
            value={CRON_PRESETS.some((p) => p.cron === draft.cron) ? draft.cron : ''}
            onChange={(e) => e.target.value !== '' && set({ cron: e.target.value })}
          >
            <option value="">Other</option>
            {CRON_PRESETS.map((p) => (
              <option key={p.cron} value={p.cron}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Time zone</span>
          <input
            value={draft.timeZone}
            onChange={(e) => set({ timeZone: e.target.value })}
            list="report-time-zones"
            size={18}
            {...invalid('timeZone')}
          />
          <datalist id="report-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {errorAt('timeZone')}
        </label>
        <label className="reports-checkbox">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled
        </label>
      </div>
      <label className="field">
        <span>E-mail recipients (one a line, or comma-separated)</span>
        <textarea
          value={draft.recipients}
          onChange={(e) => set({ recipients: e.target.value })}
          rows={3}
          placeholder={'marketing@example.com\ncro@example.com'}
          {...invalid('recipients')}
        />
        {errorAt('recipients')}
      </label>
      <fieldset className="field reports-webhooks" {...invalid('webhooks')}>
        <legend>Webhooks (a signed JSON POST of the report)</legend>
        {draft.webhooks.map((w, i) => (
          <div key={i} className="reports-webhook-row">
            <label className="field field-grow">
              <span>URL</span>
              <input
                value={w.url}
                onChange={(e) => setWebhook(i, { url: e.target.value })}
                placeholder="https://hooks.example.com/waymark"
                {...invalid(`webhooks.${i}.url`)}
              />
              {errorAt(`webhooks.${i}.url`)}
            </label>
            <label className="field">
              <span>Secret (optional)</span>
              <input
                value={w.secret}
                onChange={(e) => setWebhook(i, { secret: e.target.value })}
                placeholder={w.secretHint ? `keep ${w.secretHint}` : 'generate one'}
                size={18}
                {...invalid(`webhooks.${i}.secret`)}
              />
              {errorAt(`webhooks.${i}.secret`)}
            </label>
            <button
              type="button"
              className="button act-small"
              onClick={() => set({ webhooks: draft.webhooks.filter((_, j) => j !== i) })}
              aria-label={`Remove webhook ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button act-small reports-add-webhook"
          onClick={() => set({ webhooks: [...draft.webhooks, { url: '', secret: '' }] })}
        >
          + Add webhook
        </button>
        {errorAt('webhooks')}
      </fieldset>
      {errorAt('form')}
      {errorAt('enabled')}
      <div className="reports-editor-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : saved ? 'Save schedule' : 'Create schedule'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
