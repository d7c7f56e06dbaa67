// The archive: every week whose report was built (by anyone, the CLI or a schedule), newest first, with its headline;
// a week opens its report below.

import type { ArchivedReport } from '../../api/reports.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import type { AsyncState } from '../../lib/use-async.js';
import { formatTime, weekDates } from './report-model.js';

export interface ArchivePanelProps {
  archive: AsyncState<ArchivedReport[]> & { reload: () => void };
  selected: string | undefined;
}

export function ArchivePanel({ archive, selected }: ArchivePanelProps) {
  return (
    <section className="panel" aria-labelledby="archive-heading">
      <header className="panel-header">
        <div>
          <h2 id="archive-heading" className="panel-title">
            Past weeks
          </h2>
          <p className="panel-subtitle">Each week as it was last built. Building a week again replaces it.</p>
        </div>
      </header>
      {archive.status === 'loading' && <Loading label="Loading the archive…" />}
      {archive.status === 'error' && <Failure error={archive.error} onRetry={archive.reload} />}
      {archive.status === 'done' &&
        (archive.data.length === 0 ? (
          <Empty title="No reports yet">
            Build the first with <strong>Build report</strong> above, or from the CLI:{' '}
            <code>npx waymark report weekly</code>. Scheduled deliveries keep theirs here too.
          </Empty>
        ) : (
          <div className="table-scroll reports-archive">
            <table className="data-table">
              <caption className="visually-hidden">Weekly reports kept, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col">Headline</th>
                  <th scope="col" className="numeric">
                    Significant changes
                  </th>
                  <th scope="col" className="numeric">
                    Actions
                  </th>
                  <th scope="col">Generated</th>
                </tr>
              </thead>
              <tbody>
                {archive.data.map((r) => (
                  <tr
                    key={r.week}
                    className={r.week === selected ? 'reports-selected' : undefined}
                    data-testid={`archive-${r.week}`}
                  >
                    <td>
                      <a
                        href={hashTo('reports', r.week)}
                        className="strong-link"
                        aria-current={r.week === selected ? 'true' : undefined}
                      >
                        {r.week}
                      </a>
                      <span className="cell-note">{weekDates(r.week)}</span>
                    </td>
                    <td className="reports-headline">{r.headline}</td>
                    <td className="numeric">{formatCount(r.significantChanges)}</td>
                    <td className="numeric">{formatCount(r.actions)}</td>
                    <td>{formatTime(r.generatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
