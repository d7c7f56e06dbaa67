// Creating a slot (#/personalization/new) or editing one (#/personalization/<id>/edit): name and id, variants with
// their content, rules in order with their conditions and strategy, the default and the holdout. The server checks
// the whole slot on save; its error is shown next to the control of the field it names. Saving opens the slot's page,
// where the preview is.

import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { listExperiments } from '../../api/experiments.js';
import { createSlot, getSlot, updateSlot, type Slot } from '../../api/personalization.js';
import { listSegments } from '../../api/segments.js';
import { listEventNames } from '../../api/waymark.js';
import { Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { SlotRulesEditor } from './SlotRulesEditor.js';
import { SlotVariantsEditor } from './SlotVariantsEditor.js';
import { draftOf, newSlotDraft, slotIdFor, slotOf, type SlotDraft } from './slot-editor-model.js';
import { slotErrorKey } from './slot-errors.js';

/** What the editor offers in its pickers. */
export interface SlotChoices {
  segments: { id: string; name: string }[];
  experiments: { id: string; name: string }[];
  events: string[];
}

/** Shows the error for one control, when there is one: `errorAt('rules[0].when[1]')`. */
export type ErrorAt = (key: string) => ReactNode;

export function SlotEditor({ project, id }: { project: string; id?: string }) {
  const loaded = useAsync(
    async (signal) => {
      const [segments, experiments, events, slot] = await Promise.all([
        listSegments(project, signal),
        listExperiments(project, signal),
        listEventNames(project, signal),
        id === undefined ? Promise.resolve(undefined) : getSlot(project, id, signal),
      ]);
      return { choices: { segments, experiments, events }, slot };
    },
    [project, id],
  );
  return (
    <div className="view">
      <nav aria-label="Breadcrumb" className="slot-breadcrumb">
        <a href={id === undefined ? hashTo('personalization') : hashTo('personalization', id)}>
          ← {id === undefined ? 'All slots' : 'Back to the slot'}
        </a>
      </nav>
      <header className="view-header">
        <h1>{id === undefined ? 'New slot' : `Edit ${loaded.status === 'done' ? loaded.data.slot?.name : id}`}</h1>
        <p className="view-summary">
          Rules are tried from the highest priority down; the first whose conditions match decides. Everyone else sees
          the default.
        </p>
      </header>
      {loaded.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading segments, experiments and events…" rows={4} />
        </section>
      )}
      {loaded.status === 'error' && <Failure error={loaded.error} onRetry={loaded.reload} />}
      {loaded.status === 'done' && (
        <SlotForm project={project} saved={loaded.data.slot} choices={loaded.data.choices} />
      )}
    </div>
  );
}

function SlotForm({ project, saved, choices }: { project: string; saved?: Slot | undefined; choices: SlotChoices }) {
  const [draft, setDraft] = useState<SlotDraft>(() => (saved ? draftOf(saved) : newSlotDraft()));
  const [idEdited, setIdEdited] = useState(saved !== undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const errorKey = useMemo(() => (error ? slotErrorKey(error.field, draft) : null), [error, draft]);

  const change = (next: SlotDraft) => {
    setDraft(next);
    setError(null);
  };
  const set = (patch: Partial<SlotDraft>) => change({ ...draft, ...patch });
  const errorAt: ErrorAt = (key) =>
    error && errorKey === key ? (
      <p className="field-error" role="alert" id={`slot-error-${key}`}>
        {error.field ? `${error.field} ` : ''}
        {error.field && error.message.startsWith(error.field)
          ? error.message.slice(error.field.length).trim()
          : error.message}
      </p>
    ) : null;
  const invalid = (key: string) =>
    errorKey === key ? { 'aria-invalid': true, 'aria-describedby': `slot-error-${key}` } : {};

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const made = slotOf(draft);
    if ('problem' in made) {
      setError({ field: made.problem.field, message: made.problem.message });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const slot = saved ? await updateSlot(project, saved.id, made.slot) : await createSlot(project, made.slot);
      window.location.hash = hashTo('personalization', slot.id);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { field: err.field, message: err.message }
          : { message: err instanceof Error ? err.message : String(err) },
      );
      setSaving(false);
    }
  };

  return (
    <form className="slot-editor" onSubmit={(e) => void save(e)} aria-label="Slot editor">
      <section className="panel slot-editor-top" aria-label="Slot">
        <label className="field">
          <span>Name</span>
          <input
            value={draft.name}
            required
            placeholder="e.g. Checkout banner"
            onChange={(e) => set({ name: e.target.value, ...(idEdited ? {} : { id: slotIdFor(e.target.value) }) })}
            {...invalid('name')}
          />
          {errorAt('name')}
        </label>
        <label className="field">
          <span>Id (used by /v1/decide)</span>
          <input
            value={draft.id}
            readOnly={saved !== undefined}
            onChange={(e) => {
              setIdEdited(true);
              set({ id: e.target.value });
            }}
            {...invalid('id')}
          />
          {errorAt('id')}
        </label>
        <label className="field field-grow">
          <span>Description (optional)</span>
          <input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
          {errorAt('description')}
        </label>
        <label className="field">
          <span>Status</span>
          <select
            value={draft.status}
            onChange={(e) => set({ status: e.target.value as SlotDraft['status'] })}
            {...invalid('status')}
          >
            <option value="active">Active</option>
            <option value="paused">Paused: everyone sees the default</option>
          </select>
        </label>
      </section>
      <SlotVariantsEditor draft={draft} onChange={change} errorAt={errorAt} invalid={invalid} />
      <SlotRulesEditor draft={draft} onChange={change} choices={choices} errorAt={errorAt} invalid={invalid} />
      <section className="panel slot-editor-top" aria-label="Default and holdout">
        <label className="field">
          <span>Default variant (no rule matched, holdout, paused)</span>
          <select value={draft.default} onChange={(e) => set({ default: e.target.value })} {...invalid('default')}>
            {!draft.variants.some((v) => v.id === draft.default) && (
              <option value={draft.default}>{draft.default}</option>
            )}
            {draft.variants.map((v, i) => (
              <option key={i} value={v.id}>
                {v.name ? `${v.name} (${v.id})` : v.id}
              </option>
            ))}
          </select>
          {errorAt('default')}
        </label>
        <label className="field">
          <span>Holdout: % who always see the default (0–50)</span>
          <input
            type="number"
            min={0}
            max={50}
            step={0.5}
            value={Number.isNaN(draft.holdoutPercent) ? '' : draft.holdoutPercent}
            onChange={(e) => set({ holdoutPercent: e.target.valueAsNumber })}
            {...invalid('holdout')}
          />
          {errorAt('holdout')}
        </label>
      </section>
      <div className="slot-editor-actions">
        {errorAt('form')}
        {errorAt('variants')}
        {errorAt('rules')}
        <button type="submit" className="button button-primary" disabled={saving || draft.name.trim() === ''}>
          {saving ? 'Saving…' : saved ? 'Save changes' : 'Create slot'}
        </button>
        <a className="button" href={saved ? hashTo('personalization', saved.id) : hashTo('personalization')}>
          Cancel
        </a>
      </div>
    </form>
  );
}
