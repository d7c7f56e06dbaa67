// The delivery log: every report sent to every address and webhook, failed ones marked in words and colour, with
// why the last attempt failed; and send-now for analysts and admins.

import { useMemo, useState } from 'react';
import type { DeliveryLog, DeliveryStatus, ReportDelivery, ReportSchedule } from '../../api/reports.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import type { AsyncState } from '../../lib/use-async.js';
import { SendNow } from './SendNow.js';
import { STATUS_LABELS, formatTime } from './report-model.js';

export interface DeliveryPanelProps {
  project: string;
  log: AsyncState<DeliveryLog> & { reload: () => void };
  schedules: ReportSchedule[];
  canSend: boolean;
  week: string | undefined;
  timeZone: string;
  onSent: () => void;
}

export function DeliveryPanel({ project, log, schedules, canSend, week, timeZone, onSent }: DeliveryPanelProps) {
  const [onlyFailed, setOnlyFailed] = useState(false);
  const rows = useMemo(
    () => (log.status === 'done' ? log.data.deliveries.filter((d) => !onlyFailed || d.status === 'failed') : []),
    [log, onlyFailed],
  );
  const failed = log.status === 'done' ? log.data.counts.failed : 0;
  return (
    <section className="panel" id="delivery-log" aria-labelledby="delivery-heading">
      <header className="panel-header">
        <div>
          <h2 id="delivery-heading" className="panel-title">
            Delivery log
          </h2>
          <p className="panel-subtitle">
            Every report sent to every address and webhook, newest first. Temporary failures are tried again; a failure
            never stops the server.
          </p>
        </div>
        <div className="segmented" role="group" aria-label="Deliveries shown">
          <button type="button" aria-pressed={!onlyFailed} onClick={() => setOnlyFailed(false)}>
            All
          </button>
          <button type="button" aria-pressed={onlyFailed} onClick={() => setOnlyFailed(true)}>
            Failed ({failed})
          </button>
        </div>
      </header>
      {canSend && <SendNow project={project} schedules={schedules} week={week} timeZone={timeZone} onSent={onSent} />}
      {log.status === 'loading' && <Loading label="Loading the delivery log…" />}
      {log.status === 'error' && <Failure error={log.error} onRetry={log.reload} />}
      {log.status === 'done' &&
        (rows.length === 0 ? (
          <Empty title={onlyFailed ? 'No failed deliveries' : 'Nothing delivered yet'}>
            {onlyFailed ? null : (
              <>
                Save a schedule below, or send a report now. <code>waymark serve</code> sends on each schedule’s times.
              </>
            )}
          </Empty>
        ) : (
          <DeliveryTable rows={rows} />
        ))}
    </section>
  );
}

function DeliveryTable({ rows }: { rows: ReportDelivery[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table reports-deliveries">
        <caption className="visually-hidden">Report deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Channel</th>
            <th scope="col">Target</th>
            <th scope="col">Week</th>
            <th scope="col" className="numeric">
              Attempts
            </th>
            <th scope="col">Last error</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} className={`delivery-${d.status}`} data-testid={`delivery-${d.channel}-${d.target}`}>
              <td>
                <DeliveryBadge status={d.status} />
              </td>
              <td>{d.channel === 'email' ? 'E-mail' : 'Webhook'}</td>
              <td className="reports-target">
                {d.target}
                <span className="cell-note">{d.source === 'manual' ? 'sent now' : `schedule ${d.schedule ?? ''}`}</span>
              </td>
              <td>{d.week}</td>
              <td className="numeric">
                {d.attempts} of {d.maxAttempts}
              </td>
              <td className="reports-error-cell">{d.lastError ?? '–'}</td>
              <td className="reports-times">
                <span>created {formatTime(d.createdAt)}</span>
                {d.sentAt ? (
                  <span>sent {formatTime(d.sentAt)}</span>
                ) : (
                  <span>last attempt {formatTime(d.updatedAt)}</span>
                )}
                {d.nextAttemptAt && <span>next attempt {formatTime(d.nextAttemptAt)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const MARKS: Record<DeliveryStatus, string> = { pending: '…', retrying: '↻', sent: '✓', failed: '✕' };

export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  return (
    <span className={`delivery-status delivery-status-${status}`}>
      <span aria-hidden="true">{MARKS[status]}</span> {STATUS_LABELS[status]}
    </span>
  );
}
