// A segment's members, a page at a time, each linked to their customer page; and every member as CSV (person ids)
// or as Parquet with their profile facts (`GET /api/export/segment-members/<segment>`).

import { useState } from 'react';
import { membersCsvUrl, segmentMembers, type SizedSegment } from '../../api/segments.js';
import { ParquetDownload } from '../../components/ParquetDownload.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatAmount, formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { Pager } from '../../components/Pager.js';

const PAGE = 25;

export function SegmentMembers({ project, segment }: { project: string; segment: SizedSegment }) {
  const [offset, setOffset] = useState(0);
  const page = useAsync(
    (signal) => segmentMembers(project, segment.id, { limit: PAGE, offset }, signal),
    [project, segment.id, offset],
  );
  return (
    <section className="panel" aria-labelledby="members-heading">
      <header className="panel-header">
        <div>
          <h2 id="members-heading" className="panel-title">
            Members
          </h2>
          <p className="panel-subtitle">
            Who meets the definition now, in a stable order (by person id). Open one to see their timeline.
          </p>
        </div>
        <div className="panel-actions">
          <a
            className="button button-quiet"
            href={membersCsvUrl(project, segment.id)}
            download={`segment-${segment.id}.csv`}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M8 2v8m0 0-3-3m3 3 3-3M3 13h10" stroke="currentColor" strokeWidth="1.6" fill="none" />
            </svg>
            Export all members as CSV
          </a>
          <ParquetDownload
            query={{
              path: `/api/export/segment-members/${encodeURIComponent(segment.id)}`,
              project,
              table: 'members',
            }}
            title={`Members of ${segment.name}`}
          />
        </div>
      </header>
      {page.status === 'loading' && <Loading label="Loading members…" rows={6} />}
      {page.status === 'error' && <Failure error={page.error} onRetry={page.reload} />}
      {page.status === 'done' &&
        (page.data.members.length === 0 ? (
          <Empty title="This segment has no members now">
            Members appear as soon as persons meet the definition; it is evaluated on every request.
          </Empty>
        ) : (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Members (table)">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Email</th>
                    <th scope="col">Last seen</th>
                    <th scope="col" className="numeric">
                      Revenue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.members.map((m) => (
                    <tr key={m.personId}>
                      <td>
                        <a href={hashTo('customers', m.personId)} className="strong-link">
                          {m.name || m.email || `${m.personId.slice(0, 8)}… (anonymous)`}
                        </a>
                      </td>
                      <td>{m.email ?? '–'}</td>
                      <td>{m.lastSeen ? m.lastSeen.slice(0, 16).replace('T', ' ') : '–'}</td>
                      <td className="numeric">{formatAmount(m.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager offset={offset} limit={PAGE} total={page.data.size} onOffset={setOffset} label="members" />
          </>
        ))}
      <p className="visually-hidden">{formatCount(segment.size)} members in all.</p>
    </section>
  );
}
