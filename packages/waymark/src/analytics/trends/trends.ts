// The trends analysis: events, persons or a property's sum, average, extremes or median per hour, day, week or
// month, by series and breakdown value, optionally against the previous period. `POST /api/query/trends`.

import { segmentRestriction } from '../segment-filter.js';
import type { Analysis, ResultTable } from '../analysis.js';
import type { Period } from '../time-units.js';
import { compileTrends, trendsPlan, type TrendRow } from './trends-sql.js';
import { trendsResult, type TrendLine, type TrendsResult } from './trends-result.js';
import { parseTrendsSpec, type TrendsSpec } from './trends-spec.js';

export type { TrendsSpec } from './trends-spec.js';
export type { TrendsResult, TrendLine, TrendBucket } from './trends-result.js';

const periodLabel = (iso: string, interval: Period): string => iso.slice(0, interval === 'hour' ? 16 : 10);
/** Values as people read them: cents for amounts, three significant digits below one. */
export function displayValue(v: number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (Number.isInteger(v)) return v;
  return Math.abs(v) >= 1 ? Math.round(v * 100) / 100 : Number(v.toPrecision(3));
}

const percent = (change: number | null | undefined): number | null =>
  change === null || change === undefined ? null : Math.round(change * 10) / 10;

function lineRows(line: TrendLine, result: TrendsResult): (string | number | null)[][] {
  const compare = result.previousRange !== undefined;
  const head = result.breakdown ? [line.name, line.breakdownValue ?? ''] : [line.name];
  const rows = line.buckets.map((b) => [
    ...head,
    periodLabel(b.period, result.interval),
    displayValue(b.value),
    ...(compare
      ? [periodLabel(b.previousPeriod ?? '', result.interval), displayValue(b.previous), percent(b.change)]
      : []),
  ]);
  rows.push([
    ...head,
    'total',
    displayValue(line.total),
    ...(compare ? ['total', displayValue(line.previousTotal), percent(line.change)] : []),
  ]);
  return rows;
}

export const trendsAnalysis: Analysis<TrendsSpec, TrendsResult> = {
  name: 'trends',
  description: 'events, persons or a property per hour, day, week or month, with breakdowns and the previous period',
  parse: (raw) => parseTrendsSpec(raw),
  async run(ctx, projectId, spec) {
    const plan = trendsPlan(spec, ctx.now());
    const only = await segmentRestriction(ctx, projectId, spec.segment);
    const compiled = compileTrends(ctx.warehouse.database, projectId, spec, plan, only);
    const rows = await ctx.warehouse.query<TrendRow>(compiled.sql, compiled.params);
    return trendsResult(spec, plan, rows);
  },
  table(result): ResultTable {
    const columns = [
      'series',
      ...(result.breakdown ? [result.breakdown.property] : []),
      'period',
      'value',
      ...(result.previousRange ? ['previous period', 'previous', 'change %'] : []),
    ];
    return { columns, rows: result.series.flatMap((line) => lineRows(line, result)) };
  },
};
