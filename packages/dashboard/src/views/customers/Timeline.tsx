// The customer's whole timeline across devices and channels, newest first, grouped by day; older pages load on
// demand, and the events loaded so far download as CSV.

import { useEffect, useState } from 'react';
import { profileTimeline, type TimelineEvent } from '../../api/profiles.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { csvFileName, toCsv } from '../../lib/csv.js';
import { downloadText } from '../../lib/download.js';
import { formatCount, formatDay } from '../../lib/format.js';
import { eventContext, eventTitle, keyProperties, timelineDays, timelineTable } from './customer-model.js';

const PAGE = 50;

type Loaded = { events: TimelineEvent[]; next: string | null };

export function Timeline({ project, id }: { project: string; id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [before, setBefore] = useState<string | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    profileTimeline(project, id, { limit: PAGE, ...(before ? { before } : {}) }, controller.signal).then(
      (page) =>
        setLoaded((prev) => ({
          events: before && prev ? [...prev.events, ...page.events] : page.events,
          next: page.next,
        })),
      (e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => controller.abort();
  }, [project, id, before, attempt]);
  const loadingMore = before !== undefined && loaded !== null && loaded.next === before && error === null;

  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <header className="panel-header">
        <div>
          <h2 id="timeline-heading" className="panel-title">
            Timeline
          </h2>
          <p className="panel-subtitle">Every event across their devices and channels, newest first (times in UTC).</p>
        </div>
        {loaded && loaded.events.length > 0 && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadText(csvFileName(`Timeline ${id}`), toCsv(timelineTable(loaded.events)))}
          >
            Download the {formatCount(loaded.events.length)} events shown as CSV
          </button>
        )}
      </header>
      {loaded === null && error === null && <Loading label="Loading the timeline…" rows={6} />}
      {error && <Failure error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {loaded && loaded.events.length === 0 && <Empty title="No events for this customer" />}
      {loaded && loaded.events.length > 0 && (
        <ol className="timeline" aria-label="Events by day">
          {timelineDays(loaded.events).map((d) => (
            <li key={d.day} className="timeline-day">
              <h3 className="timeline-date">
                {formatDay(`${d.day}T00:00:00.000Z`)}, {d.day.slice(0, 4)}
              </h3>
              <ol className="timeline-events">
                {d.events.map((e) => (
                  <TimelineItem key={e.messageId} event={e} />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
      {loaded?.next && (
        <div className="timeline-more">
          <button type="button" className="button" onClick={() => setBefore(loaded.next!)} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load older events'}
          </button>
        </div>
      )}
    </section>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  const context = eventContext(event);
  const props = keyProperties(event);
  const kind = event.revenue > 0 ? 'revenue' : event.event.startsWith('Segment ') ? 'segment' : event.type;
  return (
    <li className={`timeline-event timeline-${kind}`} data-testid="timeline-event">
      <span className="timeline-time">{event.timestamp.slice(11, 16)}</span>
      <span className="timeline-dot" aria-hidden="true" />
      <div className="timeline-body">
        <p className="timeline-title">
          {eventTitle(event)}
          {event.revenue > 0 && <span className="visually-hidden"> (a purchase)</span>}
        </p>
        <p className="timeline-meta">
          {context.map((c) => (
            <span key={c} className="chip chip-small">
              {c}
            </span>
          ))}
          {props.map(([k, v]) => (
            <span key={k} className="prop">
              <span className="prop-key">{k}</span> {v}
            </span>
          ))}
        </p>
      </div>
    </li>
  );
}
