// Compiles a retention plan to one query returning, per cohort and breakdown value, the cohort's size (k = -1) and
// the persons counted k periods later. One scan reduces each person to their periods with a start and with a return;
// array functions turn those into period offsets. Pure: the SQL is asserted in unit tests.

import type { PersonRestriction } from '../segment-filter.js';
import { EventQuery } from '../event-query.js';
import { asStringSql, propertyValueSql, type PropertyRef } from '../property.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import { addDuration, periodStartSql } from '../time-units.js';
import { selectorConditions } from '../trends/event-selector.js';
import type { RetentionPeriod, RetentionPlan } from './retention-spec.js';

/** One row of the compiled query. */
export interface RetentionRow {
  cohort_ms: number;
  /** The breakdown value ('' when missing or without a breakdown). */
  value: string;
  /** Periods after the cohort's; -1 for the cohort's size. */
  k: number;
  persons: number;
}

/** The number of the calendar period holding `time`, counted from a fixed point: consecutive periods differ by 1. */
export function periodNumberSql(period: RetentionPeriod, time: string): string {
  // ClickHouse's relative week numbers start on Mondays, as Waymark's weeks do.
  const fn = { day: 'toRelativeDayNum', week: 'toRelativeWeekNum', month: 'toRelativeMonthNum' }[period];
  return `toInt64(${fn}(${time}))`;
}

const all = (conditions: readonly string[]): string =>
  conditions.length === 0 ? '1' : conditions.map((c) => `(${c})`).join(' AND ');

/**
 * One scan for start and return events together (often the same events): each with its period number, whether it
 * counts as a start and as a return, and the breakdown value.
 */
function scanSql(plan: RetentionPlan, q: EventQuery, breakdown: PropertyRef | undefined): string {
  const start = selectorConditions(plan.start, q);
  const back = selectorConditions(plan.return, q);
  const firstCohort = plan.cohorts[0] ?? plan.range.from;
  const lastCohort = plan.cohorts.at(-1) ?? plan.range.from;
  // A first-time cohort needs the person's first start event ever: no lower bound.
  const startTime =
    plan.type === 'first_time'
      ? `ev.timestamp < fromUnixTimestamp64Milli(${q.binder.bind(plan.range.to, 'Int64')}, 'UTC')`
      : q.timeRange(plan.range.from, plan.range.to);
  // "On or after" counts a return however late it comes.
  const returnTime =
    plan.mode === 'on'
      ? q.timeRange(firstCohort, addDuration(lastCohort, { value: plan.periods, unit: plan.period }))
      : `ev.timestamp >= fromUnixTimestamp64Milli(${q.binder.bind(firstCohort, 'Int64')}, 'UTC')`;
  const startEvent = all([startTime, ...start.where]);
  const returnEvent = all([returnTime, ...back.where]);
  const personConditions = start.having.length + back.having.length > 0;
  return q.sql({
    select: [
      'ev.person_id AS person_id',
      'ev.timestamp AS ts',
      `${periodNumberSql(plan.period, 'ev.timestamp')} AS pn`,
      `toUInt8(${all([startEvent, ...start.having])}) AS is_start`,
      `toUInt8(${all([returnEvent, ...back.having])}) AS is_return`,
      ...(breakdown ? [`${asStringSql(propertyValueSql(breakdown, q.binder, q))} AS start_value`] : []),
    ],
    where: [`${startEvent} OR ${returnEvent}`],
    having: personConditions ? ['is_start = 1 OR is_return = 1'] : [],
  });
}

/**
 * Per person: `entries`, the periods with a start event as (period number, first start in it, its value), earliest
 * first; and `returns`, the periods with a return as (period number, latest return in it). A return counts from the
 * entry on, and the latest return of a period tells whether any does.
 */
function personsSql(scan: string, breakdown: boolean): string {
  // Ties at the same millisecond pick the smallest value, so storage order never decides.
  const value = breakdown ? 'argMinIf(start_value, (ts, start_value), is_start = 1)' : "''";
  return `SELECT person_id,
    arraySort(groupArrayIf((pn, first_start, value), starts > 0)) AS entries,
    groupArrayIf((pn, last_return), returns > 0) AS returns
  FROM (
    SELECT person_id, pn,
      countIf(is_start = 1) AS starts, minIf(ts, is_start = 1) AS first_start,
      ${value} AS value,
      countIf(is_return = 1) AS returns, maxIf(ts, is_return = 1) AS last_return
    FROM (${scan}) GROUP BY person_id, pn
  ) GROUP BY person_id`;
}

/** The entries that make cohorts: the first one if it falls in the range (first time), or every one (recurring). */
function cohortEntriesSql(plan: RetentionPlan, binder: ParamBinder): string {
  if (plan.type === 'recurring') return 'entries';
  const from = binder.bind(plan.range.from, 'Int64');
  return `arrayFilter(x -> x.2 >= fromUnixTimestamp64Milli(${from}, 'UTC'), arraySlice(entries, 1, 1))`;
}

/** The periods (0 to periods - 1) the entry `e` counts as retained in, as an Array(Int64). */
function retainedSql(plan: RetentionPlan, periods: string): string {
  const since = 'arrayFilter(x -> x.2 >= e.2, returns)';
  if (plan.mode === 'on') return `arrayFilter(k -> k < ${periods}, arrayMap(x -> x.1 - e.1, ${since}))`;
  const latest = `arrayMax(arrayMap(x -> x.1 - e.1 + 1, arrayConcat([(e.1 - 1, e.2)], ${since})))`;
  return `arrayMap(k -> toInt64(k), range(toUInt64(least(${latest}, ${periods}))))`;
}

export function compileRetention(
  database: string,
  projectId: string,
  plan: RetentionPlan,
  breakdown?: PropertyRef,
  only?: PersonRestriction,
): CompiledQuery {
  const binder = new ParamBinder(projectId);
  const q = new EventQuery(database, binder);
  if (only) q.restrict(only(database, binder));
  const persons = personsSql(scanSql(plan, q, breakdown), breakdown !== undefined);
  const periods = binder.bind(plan.periods, 'Int64');
  const sql = `SELECT toInt64(toUnixTimestamp(cohort)) * 1000 AS cohort_ms, value, k, count() AS persons
FROM (
  SELECT ${periodStartSql(plan.period, 'e.2')} AS cohort, e.3 AS value,
    arrayJoin(arrayConcat([toInt64(-1)], ${retainedSql(plan, periods)})) AS k
  FROM (${persons}) ARRAY JOIN ${cohortEntriesSql(plan, binder)} AS e
)
GROUP BY cohort, value, k`;
  return { sql, params: binder.params };
}
