// Overlap and comparison of saved segments (the `segment-overlap` and `segment-compare` analyses): the overlap as a
// matrix of shared members, and what sets one segment apart from another, with lift and significance in words.

import type { SegmentComparison, SegmentDifference, SegmentOverlap } from '../../api/segments.js';
import type { ChartOption } from '../../charts/echarts.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { horizontalBarsOption } from '../../charts/bars.js';

export interface OverlapCell {
  shared: number;
  /** Share of the row's segment also in the column's (1 on the diagonal; 0 for an empty row). */
  ofRow: number;
}

/** Cell `[i][j]`: members of row i also in column j, and their share of row i. */
export function overlapCells(overlap: SegmentOverlap): OverlapCell[][] {
  return overlap.shared.map((row, i) => {
    const size = overlap.segments[i]?.size ?? 0;
    return row.map((shared) => ({ shared, ofRow: size === 0 ? 0 : shared / size }));
  });
}

/** One row per segment: its members, then how many of them are in each segment (the diagonal is its size). */
export function overlapTable(overlap: SegmentOverlap, names: Map<string, string>): TableData {
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    columns: [
      { key: 'segment', label: 'Segment' },
      { key: 'members', label: 'Members', numeric: true, format: (v) => formatCount(v as number) },
      ...overlap.segments.map((s) => ({
        key: `in:${s.id}`,
        label: `Also in ${nameOf(s.id)}`,
        numeric: true,
        format: (v: unknown) => formatCount(v as number),
      })),
    ],
    rows: overlap.segments.map((s, i) => ({
      segment: nameOf(s.id),
      members: s.size,
      ...Object.fromEntries(overlap.segments.map((t, j) => [`in:${t.id}`, overlap.shared[i]?.[j] ?? 0])),
    })),
  };
}

/** A difference in words: `Did Order Completed`, `plan is free`, `Came through Email`. */
export function differenceLabel(d: Pick<SegmentDifference, 'kind' | 'dimension' | 'value'>): string {
  switch (d.kind) {
    case 'event':
      return `Did ${d.value}`;
    case 'trait':
      return `${d.dimension} is ${d.value}`;
    case 'channel':
      return `First came through ${d.value}`;
    case 'device':
      return `First came on ${d.value}`;
    case 'country':
      return `First came from ${d.value}`;
  }
}

/** How sure the difference is, from the two-proportion test's p-value. */
export function significance(p: number): string {
  if (p < 0.001) return 'very strong (p < 0.001)';
  if (p < 0.01) return 'strong (p < 0.01)';
  if (p < 0.05) return 'significant (p < 0.05)';
  return 'not significant';
}

/** A lift as read aloud: `×2.96`, or `only in A` when B has none. */
export function formatLift(lift: number | null): string {
  if (lift === null) return 'only in the first';
  return `×${lift >= 10 ? lift.toFixed(0) : lift.toFixed(2)}`;
}

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

export function compareTable(comparison: SegmentComparison, nameA: string, nameB: string): TableData {
  const pct = (v: unknown) => formatPercent(v as number);
  return {
    columns: [
      { key: 'difference', label: 'Difference' },
      { key: 'kind', label: 'Kind' },
      { key: 'a', label: `% of ${nameA}`, numeric: true, format: pct },
      { key: 'b', label: `% of ${nameB}`, numeric: true, format: pct },
      { key: 'lift', label: 'Lift', numeric: true, format: (v) => formatLift(v as number | null) },
      { key: 'p', label: 'p-value', numeric: true, format: (v) => (v === 0 ? '< 1e-16' : String(v)) },
      { key: 'significance', label: 'Significance' },
    ],
    rows: comparison.differences.map((d) => ({
      difference: differenceLabel(d),
      kind: d.kind,
      a: round(d.a.share, 4),
      b: round(d.b.share, 4),
      lift: d.lift === null ? null : round(d.lift, 3),
      p: round(d.p, 3),
      significance: significance(d.p),
    })),
  };
}

/** The differences, most significant first, as the share of each segment: A solid, B hatched. */
export function compareOption(comparison: SegmentComparison, nameA: string, nameB: string, top = 12): ChartOption {
  const shown = comparison.differences.slice(0, top);
  return horizontalBarsOption(
    shown.map(differenceLabel),
    [
      { name: nameA, values: shown.map((d) => d.a.share) },
      { name: nameB, values: shown.map((d) => d.b.share), hatched: true },
    ],
    (v) => formatPercent(v, 0),
  );
}

/** The biggest significant differences in words: "59.6% of Repeat buyers did Order Completed, against 10.0% …". */
export function compareHighlights(comparison: SegmentComparison, nameA: string, nameB: string, limit = 3): string[] {
  return comparison.differences
    .filter((d) => d.p < 0.05)
    .slice(0, limit)
    .map((d) => {
      const what = differenceLabel(d);
      const other =
        d.lift === null ? `none of ${nameB}` : `${formatPercent(d.b.share)} of ${nameB} (${formatLift(d.lift)})`;
      return `${what}: ${formatPercent(d.a.share)} of ${nameA} against ${other}.`;
    });
}
