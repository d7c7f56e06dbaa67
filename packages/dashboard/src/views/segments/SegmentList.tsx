// The saved segments with their members now, largest first, each with its recorded trend (a sparkline of the last
// 30 days and last week's moves), as a table with links and a chart of sizes; and the ready-made templates, saved
// with one click.

import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  addTemplate,
  getSegment,
  listSegmentTrends,
  listTemplates,
  type SegmentTemplate,
  type SegmentTrend,
} from '../../api/segments.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { bySize, mapLimited, sizesOption, sizesTable, templateGroups, type ListedSegment } from './list-model.js';
import { sparklinePoints, trendLabel, weekChangeLines, weekDirection } from './trend-model.js';

/** Days of recorded membership the list draws. */
const TREND_DAYS = 30;

export function SegmentList({ project, canEdit }: { project: string; canEdit: boolean }) {
  const segments = useAsync(
    async (signal) => {
      const saved = await listSegmentTrends(project, TREND_DAYS, signal);
      const sized = await mapLimited(saved, 4, (s) => getSegment(project, s.id, signal));
      return sized.map((s, i): ListedSegment => ({ ...s, trend: saved[i]?.trend }));
    },
    [project],
  );
  return (
    <div className="view">
      <header className="view-header view-header-actions">
        <div>
          <h1>Segments</h1>
          <p className="view-summary">
            Groups of customers by behaviour and traits. Sizes count members now, across all their devices.
          </p>
        </div>
        <div className="header-actions">
          <a className="button" href={hashTo('segments', 'compare')}>
            Overlap and compare
          </a>
          {canEdit && (
            <a className="button button-primary" href={hashTo('segments', 'new')}>
              + New segment
            </a>
          )}
        </div>
      </header>
      {segments.status === 'loading' && (
        <section className="panel">
          <Loading label="Counting the members of each segment…" rows={5} />
        </section>
      )}
      {segments.status === 'error' && <Failure error={segments.error} onRetry={segments.reload} />}
      {segments.status === 'done' && <SavedSegments segments={segments.data} />}
      <Templates
        project={project}
        canEdit={canEdit}
        savedIds={segments.status === 'done' ? segments.data.map((s) => s.id) : []}
        onAdded={segments.reload}
      />
    </div>
  );
}

function SavedSegments({ segments }: { segments: ListedSegment[] }) {
  const option = useMemo(() => sizesOption(segments), [segments]);
  if (segments.length === 0)
    return (
      <section className="panel">
        <Empty title="No saved segments yet">
          Build one with <strong>New segment</strong>, or save a ready-made template below.
        </Empty>
      </section>
    );
  const persons = segments[0]?.persons ?? 0;
  return (
    <>
      <section className="panel" aria-labelledby="saved-heading">
        <header className="panel-header">
          <div>
            <h2 id="saved-heading" className="panel-title">
              Saved segments
            </h2>
            <p className="panel-subtitle">
              Out of {formatCount(persons)} persons seen so far. The trend draws the members recorded at the end of each
              day (membership is recorded when a segment is saved, refreshed, or a member’s events change it).
            </p>
          </div>
        </header>
        <div className="table-scroll">
          <table className="data-table segment-table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="numeric">
                  Members
                </th>
                <th scope="col">% of persons</th>
                <th scope="col">Last {TREND_DAYS} days</th>
                <th scope="col">Definition changed</th>
              </tr>
            </thead>
            <tbody>
              {bySize(segments).map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={hashTo('segments', s.id)} className="strong-link">
                      {s.name}
                    </a>
                    {s.description && <span className="cell-note">{s.description}</span>}
                  </td>
                  <td className="numeric" data-testid={`segment-size-${s.id}`}>
                    {formatCount(s.size)}
                  </td>
                  <td>
                    <ShareBar share={s.share} />
                  </td>
                  <td data-testid={`segment-trend-${s.id}`}>{s.trend ? <TrendCell trend={s.trend} /> : '–'}</td>
                  <td>{s.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <DataPanel
        title="Segment sizes"
        subtitle="Members of each saved segment now."
        table={sizesTable(segments)}
        chart={
          <Chart
            option={option}
            label="Members of each saved segment"
            height={Math.max(160, 36 * segments.length + 24)}
          />
        }
      />
    </>
  );
}

/** The recorded members per day as a small line, with last week's moves in words beside it. */
function TrendCell({ trend }: { trend: SegmentTrend }) {
  const direction = weekDirection(trend);
  const { headline, detail } = weekChangeLines(trend);
  return (
    <span className="segment-trend">
      <svg className="sparkline" viewBox="0 0 96 24" width="96" height="24" role="img" aria-label={trendLabel(trend)}>
        <polyline
          points={sparklinePoints(
            trend.daily.map((d) => d.size),
            96,
            24,
          )}
        />
      </svg>
      <span className={`trend-change trend-${direction}`}>
        <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : ''}</span>
        {headline}
        {detail && <span className="trend-detail">{detail}</span>}
      </span>
    </span>
  );
}

/** A share as a small bar with its number beside it (the number carries the meaning). */
export function ShareBar({ share }: { share: number }) {
  return (
    <span className="share-bar">
      <span className="share-track" aria-hidden="true">
        <span className="share-fill" style={{ width: `${Math.min(100, Math.max(share > 0 ? 1 : 0, share * 100))}%` }} />
      </span>
      <span className="share-text">{formatPercent(share)}</span>
    </span>
  );
}

function Templates(props: { project: string; canEdit: boolean; savedIds: string[]; onAdded: () => void }) {
  const templates = useAsync((signal) => listTemplates(signal), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const groups = useMemo(
    () => (templates.status === 'done' ? templateGroups(templates.data, new Set(props.savedIds)) : []),
    [templates, props.savedIds],
  );
  const add = async (t: SegmentTemplate) => {
    setBusy(t.id);
    setMessage(null);
    try {
      await addTemplate(props.project, t.id);
      setMessage({ kind: 'done', text: `“${t.name}” is saved.` });
      props.onAdded();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError || e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="templates-heading">
      <header className="panel-header">
        <div>
          <h2 id="templates-heading" className="panel-title">
            Start from a template
          </h2>
          <p className="panel-subtitle">
            Ready-made segments: saving one adds it to the project under its id, to use or change like any other.
          </p>
        </div>
      </header>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'form-done'} role="status">
          {message.text}
        </p>
      )}
      {templates.status === 'loading' && <Loading label="Loading templates…" />}
      {templates.status === 'error' && <Failure error={templates.error} onRetry={templates.reload} />}
      {templates.status === 'done' && groups.length === 0 && <p className="muted">Every template is saved already.</p>}
      <div className="template-groups">
        {groups.map((g) => (
          <div key={g.category} className="template-group">
            <h3 className="template-category">{g.label}</h3>
            <ul className="template-list">
              {g.templates.map((t) => (
                <li key={t.id} className="template">
                  <div>
                    <span className="template-name">{t.name}</span>
                    {t.description && <span className="cell-note">{t.description}</span>}
                  </div>
                  {props.canEdit && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void add(t)}
                      disabled={busy !== null}
                      aria-label={`Save the template ${t.name}`}
                    >
                      {busy === t.id ? 'Saving…' : 'Save'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
