// Compiles a trends spec to one query: per series (UNION ALL), the measure per breakdown line and bucket plus the
// line's total over the range, for the range and, when comparing, the previous period. Breakdown values are ranked
// and folded into "Other" inside ClickHouse, so unique persons stay exact for "Other" too. Pure: asserted in tests.

import type { PersonRestriction } from '../segment-filter.js';
import { DEFAULT_RANGE, type TimeRange } from '../date-range.js';
import { EventQuery } from '../event-query.js';
import { asNumberSql, asStringSql, propertyValueSql } from '../property.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import { periodStartSql, type Period } from '../time-units.js';
import { selectorConditions } from './event-selector.js';
import { resolveWholePeriods } from './whole-periods.js';
import { previousPeriod, shiftForwardSql, type PreviousPeriod } from './previous-period.js';
import { measureSql } from './trend-measure.js';
import {
  DEFAULT_TRENDS_BREAKDOWN_LIMIT,
  DEFAULT_INTERVAL,
  PROPERTY_MEASURES,
  type TrendSeries,
  type TrendsSpec,
} from './trends-spec.js';

/** The label of the breakdown line gathering the values beyond the top `limit`. */
export const OTHER = 'Other';

export interface TrendsPlan {
  range: TimeRange;
  interval: Period;
  previous?: PreviousPeriod;
  now: number;
}

/** One row of the compiled query: a bucket of a line (`is_total = 0`) or the line's total (`is_total = 1`). */
export interface TrendRow {
  series: number;
  /** 1 for the previous period. */
  shifted: number;
  /** The breakdown value ('' for a missing value, `Other`, or '' without a breakdown). */
  line: string;
  /** The bucket's start in epoch ms, aligned to the range for the previous period too. */
  period_ms: number;
  is_total: number;
  /** The line's breakdown rank (1 = largest); `limit + 1` for "Other". */
  line_rank: number;
  v: number | null;
}

export function trendsPlan(spec: TrendsSpec, now: number): TrendsPlan {
  const interval = spec.interval ?? DEFAULT_INTERVAL;
  const range = resolveWholePeriods(spec.range, now, interval);
  if (!spec.compare) return { range, interval, now };
  const last = spec.range?.from === undefined ? (spec.range?.last ?? DEFAULT_RANGE) : undefined;
  return { range, interval, previous: previousPeriod(range, interval, last), now };
}

function seriesSql(index: number, series: TrendSeries, spec: TrendsSpec, plan: TrendsPlan, q: EventQuery): string {
  const binder = q.binder;
  const measure = measureSql(series.measure ?? 'count');
  const conditions = selectorConditions(series, q, spec.where);
  const previous = plan.previous;
  // The previous period of a relative range can overlap the range (its running period's counterpart); an event in
  // both counts in both.
  let shifted = '0';
  if (previous) {
    const inRange = q.timeRange(plan.range.from, plan.range.to);
    const inPrevious = q.timeRange(previous.range.from, previous.range.to);
    shifted = `arrayJoin(arrayFilter(s -> s < 2, [if(${inRange}, 0, 2), if(${inPrevious}, 1, 2)]))`;
  }
  const aligned = previous
    ? `if(shifted = 1, ${shiftForwardSql('ev.timestamp', previous.shift, binder)}, ev.timestamp)`
    : 'ev.timestamp';
  const select = [
    'ev.person_id AS person_id',
    `toUInt8(${shifted}) AS shifted`,
    `${periodStartSql(plan.interval, aligned)} AS period`,
    `${spec.breakdown ? asStringSql(propertyValueSql(spec.breakdown, binder, q)) : "''"} AS value`,
  ];
  if (series.property !== undefined && PROPERTY_MEASURES.includes(series.measure ?? 'count')) {
    select.push(`${asNumberSql(propertyValueSql({ property: series.property }, binder, q))} AS x`);
  }
  const scan = q.sql({
    select,
    where: [
      q.timeRange(
        Math.min(plan.range.from, previous?.range.from ?? plan.range.from),
        Math.max(plan.range.to, previous?.range.to ?? plan.range.to),
      ),
      ...conditions.where,
    ],
    having: conditions.having,
  });
  const state = measure.state ? `, ${measure.state} AS st` : '';
  const groups = `SELECT shifted, value, period, count() AS n${state} FROM (${scan}) GROUP BY shifted, value, period`;

  let ranked: string;
  let line: string;
  if (spec.breakdown) {
    const limit = binder.bind(spec.breakdown.limit ?? DEFAULT_TRENDS_BREAKDOWN_LIMIT, 'Int64');
    const keyed = `SELECT *, ifNull(${measure.rankKey} OVER (PARTITION BY value), 0) AS rank_key FROM (${groups})`;
    ranked = `SELECT *, dense_rank() OVER (ORDER BY rank_key DESC, value) AS rank FROM (${keyed})`;
    line = `if(rank <= ${limit}, value, ${binder.string(OTHER)})`;
  } else {
    ranked = `SELECT *, 1 AS rank FROM (${groups})`;
    line = 'value';
  }
  return `SELECT ${index} AS series, shifted, ${line} AS line, toInt64(toUnixTimestamp(period)) * 1000 AS period_ms,
  grouping(period) AS is_total, min(rank) AS line_rank, CAST(${measure.final} AS Nullable(Float64)) AS v
FROM (${ranked})
GROUP BY GROUPING SETS ((shifted, line, period), (shifted, line))`;
}

export function compileTrends(
  database: string,
  projectId: string,
  spec: TrendsSpec,
  plan: TrendsPlan,
  only?: PersonRestriction,
): CompiledQuery {
  const binder = new ParamBinder(projectId);
  const query = (): EventQuery => {
    const q = new EventQuery(database, binder);
    return only ? q.restrict(only(database, binder)) : q;
  };
  // One scan per series: each reads only its own event, and the measures need different aggregate states.
  const parts = spec.series.map((s, i) => seriesSql(i, s, spec, plan, query()));
  return { sql: parts.join('\nUNION ALL\n'), params: binder.params };
}
