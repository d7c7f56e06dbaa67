// Lays the query's rows out as the trends result: one line per series and breakdown value, every period of the range
// present (empty ones zero-filled), and the previous period's numbers beside each bucket when comparing.

import { nextPeriod, periodStarts, type Period } from '../time-units.js';
import { shiftBack } from './previous-period.js';
import { measureSql } from './trend-measure.js';
import type { TrendRow, TrendsPlan } from './trends-sql.js';
import type { Measure, TrendSeries, TrendsSpec } from './trends-spec.js';
import { selectorLabel } from './event-selector.js';

/** What a missing breakdown value is called. */
export const NONE = '(none)';

export interface TrendBucket {
  /** The period's start (ISO). */
  period: string;
  value: number | null;
  /** When comparing: the start of the matching bucket of the previous period, its value and the change in percent. */
  previousPeriod?: string;
  previous?: number | null;
  change?: number | null;
  /** Set on the period still running (it ends after now): its value can still grow. */
  inProgress?: true;
}

export interface TrendLine {
  /** Index of the series in the spec. */
  series: number;
  name: string;
  /** The series' event; null for all events. */
  event: string | null;
  measure: Measure;
  property?: string;
  /** With a breakdown: the value (`(none)` when missing, `Other` for values beyond the limit). */
  breakdownValue?: string;
  buckets: TrendBucket[];
  /** Over the whole range: for `persons` the unique persons of the range, not a sum of buckets. */
  total: number | null;
  previousTotal?: number | null;
  change?: number | null;
}

export interface TrendsResult {
  interval: Period;
  range: { from: string; to: string };
  previousRange?: { from: string; to: string };
  breakdown?: { property: string; on: 'event' | 'person' };
  series: TrendLine[];
}

/** Change from `previous` to `current` in percent; null when there is nothing to compare with. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

export function seriesName(series: TrendSeries): string {
  if (series.name !== undefined) return series.name;
  const label = selectorLabel(series);
  const measure: Measure = series.measure ?? 'count';
  if (measure === 'count') return label;
  if (series.property === undefined) return `${label} (${measure.replaceAll('_', ' ')})`;
  return `${label} (${measure} of ${series.property})`;
}

/** Float sums carry noise in the last bits (4072.1400000000003); 12 significant digits keep cents of billions. */
export function tidy(v: number | null): number | null {
  return v === null ? null : Number(v.toPrecision(12));
}

interface LineData {
  rank: number;
  current: Map<number, number | null>;
  previous: Map<number, number | null>;
  total?: number | null;
  previousTotal?: number | null;
}

function groupRows(rows: readonly TrendRow[]): Map<number, Map<string, LineData>> {
  const bySeries = new Map<number, Map<string, LineData>>();
  for (const row of rows) {
    let lines = bySeries.get(row.series);
    if (!lines) bySeries.set(row.series, (lines = new Map()));
    let line = lines.get(row.line);
    if (!line) lines.set(row.line, (line = { rank: row.line_rank, current: new Map(), previous: new Map() }));
    line.rank = Math.min(line.rank, row.line_rank);
    const previous = row.shifted === 1;
    const v = tidy(row.v);
    if (row.is_total === 1) {
      if (previous) line.previousTotal = v;
      else line.total = v;
    } else {
      (previous ? line.previous : line.current).set(row.period_ms, v);
    }
  }
  return bySeries;
}

const iso = (t: number): string => new Date(t).toISOString();

export function trendsResult(spec: TrendsSpec, plan: TrendsPlan, rows: readonly TrendRow[]): TrendsResult {
  const starts = periodStarts(plan.interval, plan.range.from, plan.range.to);
  const bySeries = groupRows(rows);
  const previous = plan.previous;
  const lines: TrendLine[] = [];
  spec.series.forEach((series, index) => {
    const measure = series.measure ?? 'count';
    const empty = measureSql(measure).empty;
    const found = bySeries.get(index) ?? new Map<string, LineData>();
    // Without a breakdown a series always has its one line, even with no events at all.
    if (!spec.breakdown && found.size === 0) found.set('', { rank: 1, current: new Map(), previous: new Map() });
    const ordered = [...found].sort((a, b) => a[1].rank - b[1].rank || a[0].localeCompare(b[0]));
    for (const [value, data] of ordered) {
      const line: TrendLine = {
        series: index,
        name: seriesName(series),
        event: series.event ?? null,
        measure,
        ...(series.property !== undefined ? { property: series.property } : {}),
        ...(spec.breakdown ? { breakdownValue: value === '' ? NONE : value } : {}),
        buckets: starts.map((t) => {
          const bucket: TrendBucket = { period: iso(t), value: data.current.get(t) ?? empty };
          if (previous) {
            bucket.previousPeriod = iso(shiftBack(t, previous.shift));
            bucket.previous = data.previous.get(t) ?? empty;
            bucket.change = percentChange(bucket.value, bucket.previous);
          }
          if (nextPeriod(plan.interval, t) > plan.now) bucket.inProgress = true;
          return bucket;
        }),
        total: data.total ?? empty,
      };
      if (previous) {
        line.previousTotal = data.previousTotal ?? empty;
        line.change = percentChange(line.total, line.previousTotal);
      }
      lines.push(line);
    }
  });
  return {
    interval: plan.interval,
    range: { from: iso(plan.range.from), to: iso(plan.range.to) },
    ...(previous ? { previousRange: { from: iso(previous.range.from), to: iso(previous.range.to) } } : {}),
    ...(spec.breakdown ? { breakdown: { property: spec.breakdown.property, on: spec.breakdown.on ?? 'event' } } : {}),
    series: lines,
  };
}
