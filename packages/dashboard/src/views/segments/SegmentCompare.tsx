// Overlap and comparison of saved segments: how many members segments share (segment-overlap), and what sets one
// segment apart from another — events, first-touch channel, device, country and chosen traits, with lift and
// significance (segment-compare). Each panel offers its run's full result as Parquet (the spec travels with the
// result it made).

import { useMemo, useState } from 'react';
import {
  listSegments,
  runSegmentCompare,
  runSegmentOverlap,
  type SavedSegment,
  type SegmentCompareSpec,
  type SegmentComparison,
  type SegmentOverlap,
} from '../../api/segments.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { compareHighlights, compareOption, compareTable, overlapCells, overlapTable } from './compare-model.js';

export function SegmentCompare({ project, chosen }: { project: string; chosen: string[] }) {
  const segments = useAsync((signal) => listSegments(project, signal), [project]);
  return (
    <div className="view">
      <header className="view-header">
        <p className="breadcrumb">
          <a href={hashTo('segments')}>Segments</a> /
        </p>
        <h1>Overlap and compare</h1>
        <p className="view-summary">How many customers segments share, and what sets one segment apart from another.</p>
      </header>
      {segments.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the saved segments…" />
        </section>
      )}
      {segments.status === 'error' && <Failure error={segments.error} onRetry={segments.reload} />}
      {segments.status === 'done' &&
        (segments.data.length < 2 ? (
          <section className="panel">
            <Empty title="Save at least two segments to compare them">
              <a href={hashTo('segments')}>Save a template</a> or <a href={hashTo('segments', 'new')}>build one</a>.
            </Empty>
          </section>
        ) : (
          <>
            <Overlap project={project} segments={segments.data} chosen={chosen} />
            <Compare project={project} segments={segments.data} chosen={chosen} />
          </>
        ))}
    </div>
  );
}

function initialOverlap(segments: SavedSegment[], chosen: string[]): string[] {
  const ids = segments.map((s) => s.id);
  const first = chosen.filter((id) => ids.includes(id));
  return [...new Set([...first, ...ids])].slice(0, Math.max(2, Math.min(5, ids.length)));
}

function Overlap({ project, segments, chosen }: { project: string; segments: SavedSegment[]; chosen: string[] }) {
  const [picked, setPicked] = useState(() => initialOverlap(segments, chosen));
  const names = useMemo(() => new Map(segments.map((s) => [s.id, s.name])), [segments]);
  // In the list's order, so the matrix does not reshuffle as boxes are ticked.
  const ids = segments.map((s) => s.id).filter((id) => picked.includes(id));
  const key = ids.join(',');
  const overlap = useAsync(
    async (signal) => {
      const spec = { segments: key.split(',') };
      return { spec, result: await runSegmentOverlap(project, spec.segments, signal) };
    },
    [project, key],
    ids.length >= 2,
  );
  const toggle = (id: string) => setPicked(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  return (
    <section className="panel" aria-labelledby="overlap-heading">
      <h2 id="overlap-heading" className="panel-title">
        Overlap
      </h2>
      <fieldset className="checks">
        <legend className="muted small">Segments to overlap (2 to 20)</legend>
        {segments.map((s) => (
          <label key={s.id} className="check">
            <input
              type="checkbox"
              checked={picked.includes(s.id)}
              onChange={() => toggle(s.id)}
              disabled={!picked.includes(s.id) && picked.length >= 20}
            />
            {s.name}
          </label>
        ))}
      </fieldset>
      {ids.length < 2 && <p className="muted">Tick at least two segments.</p>}
      {ids.length >= 2 && overlap.status === 'loading' && <Loading label="Counting shared members…" />}
      {ids.length >= 2 && overlap.status === 'error' && <Failure error={overlap.error} onRetry={overlap.reload} />}
      {ids.length >= 2 && overlap.status === 'done' && (
        <DataPanel
          title="Shared members"
          subtitle={`Each row: how many of a segment’s members are also in each column’s segment, and what share of the row. Out of ${formatCount(overlap.data.result.persons)} persons.`}
          table={overlapTable(overlap.data.result, names)}
          query={{ analysis: 'segment-overlap', project, spec: overlap.data.spec, table: 'pairs' }}
          chart={<OverlapMatrix overlap={overlap.data.result} names={names} />}
        />
      )}
    </section>
  );
}

/** The overlap as a grid: each cell's number and share are written in it; the shade only repeats the share. */
function OverlapMatrix({ overlap, names }: { overlap: SegmentOverlap; names: Map<string, string> }) {
  const cells = overlapCells(overlap);
  return (
    <div className="table-scroll">
      <table className="overlap-matrix">
        <caption className="visually-hidden">Members shared by each pair of segments</caption>
        <thead>
          <tr>
            <th scope="col">Members of… also in →</th>
            {overlap.segments.map((s) => (
              <th key={s.id} scope="col">
                {names.get(s.id) ?? s.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overlap.segments.map((row, i) => (
            <tr key={row.id}>
              <th scope="row">
                {names.get(row.id) ?? row.id} <span className="muted">({formatCount(row.size)})</span>
              </th>
              {(cells[i] ?? []).map((cell, j) => (
                <td
                  key={j}
                  className={i === j ? 'overlap-self' : undefined}
                  style={{ background: i === j ? undefined : `rgba(0, 114, 178, ${(cell.ofRow * 0.75).toFixed(3)})` }}
                  data-dark={i !== j && cell.ofRow > 0.5 ? 'true' : undefined}
                >
                  <span className="overlap-count">{formatCount(cell.shared)}</span>
                  <span className="overlap-share">{i === j ? 'all' : formatPercent(cell.ofRow)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const RANGES = { 30: 'Last 30 days', 90: 'Last 90 days', 365: 'Last 365 days' } as const;

function Compare({ project, segments, chosen }: { project: string; segments: SavedSegment[]; chosen: string[] }) {
  const ids = segments.map((s) => s.id);
  const [a, setA] = useState(() => (chosen[0] && ids.includes(chosen[0]) ? chosen[0] : ids[0]!));
  const [b, setB] = useState(() => (chosen[1] && ids.includes(chosen[1]) ? chosen[1] : ids.find((id) => id !== a)!));
  const [traitsText, setTraitsText] = useState('');
  const [days, setDays] = useState<keyof typeof RANGES>(30);
  const traits = traitsText
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .slice(0, 10);
  const nameOf = (id: string) => segments.find((s) => s.id === id)?.name ?? id;
  const spec: SegmentCompareSpec = { a, b, traits, range: { last: { value: days, unit: 'day' } } };
  const key = JSON.stringify(spec);
  const result = useAsync(
    async (signal) => {
      const ran = JSON.parse(key) as SegmentCompareSpec;
      return { spec: ran, comparison: await runSegmentCompare(project, ran, signal) };
    },
    [project, key],
    a !== b,
  );
  return (
    <section className="panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading" className="panel-title">
        Compare two segments
      </h2>
      <div className="compare-controls">
        <label className="field">
          <span>What sets apart</span>
          <select value={a} onChange={(e) => setA(e.target.value)}>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>from</span>
          <select value={b} onChange={(e) => setB(e.target.value)}>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Behaviour in</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value) as keyof typeof RANGES)}>
            {Object.entries(RANGES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Traits to compare (comma-separated)</span>
          <input value={traitsText} onChange={(e) => setTraitsText(e.target.value)} placeholder="e.g. plan, gender" />
        </label>
      </div>
      {a === b && <p className="form-error">Choose two different segments.</p>}
      {a !== b && result.status === 'loading' && <Loading label="Comparing the segments…" rows={5} />}
      {a !== b && result.status === 'error' && <Failure error={result.error} onRetry={result.reload} />}
      {a !== b && result.status === 'done' && (
        <CompareResult
          comparison={result.data.comparison}
          nameA={nameOf(a)}
          nameB={nameOf(b)}
          run={{ project, spec: result.data.spec }}
        />
      )}
    </section>
  );
}

function CompareResult({
  comparison,
  nameA,
  nameB,
  run,
}: {
  comparison: SegmentComparison;
  nameA: string;
  nameB: string;
  run: { project: string; spec: SegmentCompareSpec };
}) {
  const option = useMemo(() => compareOption(comparison, nameA, nameB), [comparison, nameA, nameB]);
  const highlights = compareHighlights(comparison, nameA, nameB);
  if (comparison.a.size === 0 || comparison.b.size === 0)
    return <Empty title="One of the segments has no members now, so there is nothing to compare." />;
  const shown = Math.min(12, comparison.differences.length);
  return (
    <div className="compare-result">
      <p className="muted">
        {formatCount(comparison.a.size)} members of {nameA} against {formatCount(comparison.b.size)} of {nameB};{' '}
        {formatCount(comparison.both)} are in both and count in both.
      </p>
      {highlights.length > 0 ? (
        <ul className="changes">
          {highlights.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No difference is significant at the 5% level.</p>
      )}
      <DataPanel
        title={`${nameA} against ${nameB}`}
        subtitle={`The ${shown} most significant differences: the share of each segment, ${nameB} hatched. The table adds lift and p-value (two-proportion z-test).`}
        table={compareTable(comparison, nameA, nameB)}
        query={{ analysis: 'segment-compare', ...run, table: 'differences' }}
        chart={
          comparison.differences.length > 0 ? (
            <Chart option={option} label={`Shares of ${nameA} and ${nameB} by difference`} height={shown * 44 + 48} />
          ) : (
            <Empty title="No differences to show" />
          )
        }
      />
    </div>
  );
}
