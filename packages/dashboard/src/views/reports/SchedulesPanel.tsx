// The project's report schedules: when the report goes out and to whom, with the next run times. Analysts and
// admins add, edit and delete them; viewers only read.

import { useState } from 'react';
import { deleteSchedule, type ReportSchedule, type SavedSchedule } from '../../api/reports.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import type { AsyncState } from '../../lib/use-async.js';
import { ScheduleEditor } from './ScheduleEditor.js';
import { formatTime } from './report-model.js';

export interface SchedulesPanelProps {
  project: string;
  schedules: AsyncState<ReportSchedule[]> & { reload: () => void };
  canEdit: boolean;
  timeZone: string;
}

export function SchedulesPanel({ project, schedules, canEdit, timeZone }: SchedulesPanelProps) {
  // `null`: a new schedule; a schedule: editing it; undefined: no editor open.
  const [editing, setEditing] = useState<ReportSchedule | null | undefined>(undefined);
  const [saved, setSaved] = useState<SavedSchedule | null>(null);
  const list = schedules.status === 'done' ? schedules.data : [];

  const closeWith = (result: SavedSchedule) => {
    setEditing(undefined);
    setSaved(result);
    schedules.reload();
  };

  return (
    <section className="panel" aria-labelledby="schedules-heading">
      <header className="panel-header">
        <div>
          <h2 id="schedules-heading" className="panel-title">
            Schedules
          </h2>
          <p className="panel-subtitle">
            Each run sends the last complete week, by e-mail (through the server’s SMTP settings) and to signed
            webhooks. See <code>docs/reports-delivery.md</code>.
          </p>
        </div>
        {canEdit && editing === undefined && (
          <button type="button" className="button" onClick={() => setEditing(null)}>
            + New schedule
          </button>
        )}
      </header>
      {saved && saved.webhooks.length > 0 && (
        <div className="reports-secrets" role="status">
          <p>
            Saved “{saved.id}”. Webhook signing secrets, shown this once (receivers verify{' '}
            <code>X-Waymark-Signature</code> with them):
          </p>
          <ul>
            {saved.webhooks.map((w) => (
              <li key={w.url}>
                <span className="reports-target">{w.url}</span> <code data-testid="webhook-secret">{w.secret}</code>{' '}
                <CopyButton
                  text={w.secret}
                  label="Copy secret"
                  what={`the secret of ${w.url}`}
                  className="button act-small"
                />
              </li>
            ))}
          </ul>
        </div>
      )}
      {editing !== undefined && canEdit && (
        <ScheduleEditor
          key={editing?.id ?? 'new'}
          project={project}
          saved={editing ?? undefined}
          timeZone={timeZone}
          onSaved={closeWith}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {schedules.status === 'loading' && <Loading label="Loading schedules…" />}
      {schedules.status === 'error' && <Failure error={schedules.error} onRetry={schedules.reload} />}
      {schedules.status === 'done' && list.length === 0 && editing === undefined && (
        <Empty title="No schedule yet">
          {canEdit ? (
            <>
              Add one with <strong>New schedule</strong>: Mondays at 08:00 unless you choose otherwise.
            </>
          ) : (
            'An analyst or admin can add one.'
          )}
        </Empty>
      )}
      {list.length > 0 && (
        <ul className="reports-schedules">
          {list.map((s) => (
            <li key={s.id} className="reports-schedule" data-testid={`schedule-${s.id}`}>
              <div className="reports-schedule-head">
                <strong>{s.id}</strong>
                <span className={`delivery-status ${s.enabled ? 'delivery-status-sent' : ''}`}>
                  {s.enabled ? 'Enabled' : 'Disabled'}
                </span>
                <code>{s.cron}</code>
                <span className="muted">{s.timeZone}</span>
                <span className="muted">
                  {s.nextRuns[0] ? `next run ${formatTime(s.nextRuns[0])}` : 'does not run while disabled'}
                </span>
                {canEdit && (
                  <span className="reports-schedule-actions">
                    <button
                      type="button"
                      className="button act-small"
                      onClick={() => setEditing(s)}
                      aria-label={`Edit schedule ${s.id}`}
                    >
                      Edit
                    </button>
                    <ConfirmAction
                      small
                      label="Delete…"
                      labelFor={`Delete schedule ${s.id}`}
                      title={`Delete the schedule “${s.id}”?`}
                      hint="Its recipients and webhooks get no more reports from it. The delivery log keeps what was sent."
                      confirm="Delete schedule"
                      onConfirm={async () => {
                        await deleteSchedule(project, s.id);
                        schedules.reload();
                      }}
                    />
                  </span>
                )}
              </div>
              <p className="reports-schedule-targets">
                {s.recipients.length > 0 ? s.recipients.join(', ') : 'No e-mail recipients'}
                {s.webhooks.map((w) => (
                  <span key={w.url} className="cell-note">
                    webhook {w.url} (secret {w.secretHint})
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
