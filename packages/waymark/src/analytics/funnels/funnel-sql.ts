// Compiles a funnel spec to the query that returns, per person, their relevant events in time order: each with the
// steps and exclusions it matches (bit masks) and its breakdown value. Pure: the SQL is asserted in unit tests.

import { behaviouralSql } from '../behaviour.js';
import type { PersonRestriction } from '../segment-filter.js';
import { EventQuery } from '../event-query.js';
import { asStringSql, filterSql, propertyValueSql, type PropertyFilter } from '../property.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import type { TimeRange } from '../date-range.js';
import { addDuration, approximateMs } from '../time-units.js';
import type { FunnelPlan } from './funnel-match.js';
import { DEFAULT_WINDOW, type FunnelSpec } from './funnel-spec.js';

/** Events that record who someone is rather than what they did: they never break a strict funnel. */

export interface CompiledFunnel extends CompiledQuery {
  plan: FunnelPlan;
  /** The breakdown is a touch column: a step event takes the value of the latest touch at or before it. */
  carryTouch: boolean;
  /** Which optional event columns the query returns after `t` and `steps` (absent ones are all 0 or ''). */
  columns: { exclusions: boolean; values: boolean };
}

/** Columns set only on touches (landing page views, campaign clicks), empty on the events in between. */
export const TOUCH_PROPERTIES = new Set([
  '$channel',
  '$utm_source',
  '$utm_medium',
  '$utm_campaign',
  '$utm_term',
  '$utm_content',
  '$referrer_domain',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
]);

/** How far before the range a touch may be to give the value of a step event. */
export const TOUCH_LOOKBACK = { value: 30, unit: 'day' } as const;

function matchSql(event: string, where: readonly PropertyFilter[] | undefined, q: EventQuery): string {
  const conditions = [`ev.event = ${q.binder.string(event)}`, ...(where ?? []).map((f) => filterSql(f, q.binder, q))];
  return conditions.join(' AND ');
}

/** Bit mask expression: bit i set when condition i holds. */
function maskSql(conditions: readonly string[]): string {
  if (conditions.length === 0) return 'toUInt32(0)';
  return `toUInt32(${conditions.map((c, i) => `if(${c}, ${2 ** i}, 0)`).join(' + ')})`;
}

export function compileFunnel(
  database: string,
  projectId: string,
  spec: FunnelSpec,
  range: TimeRange,
  now: number,
  /** The spec's `segment`, when it has one: only its members count. */
  only?: PersonRestriction,
): CompiledFunnel {
  const binder = new ParamBinder(projectId);
  const q = new EventQuery(database, binder);
  if (only) q.restrict(only(database, binder));
  const order = spec.order ?? 'ordered';
  const window = spec.window ?? DEFAULT_WINDOW;
  // Attempts starting in the range may finish after it, within their window, but not after `now`: a range read "as
  // of" a past moment (the weekly report compares weeks at the same age) sees only what had happened by then.
  const until = Math.min(addDuration(range.to, window), Math.max(now, range.to));

  const stepMask = maskSql(spec.steps.map((s) => matchSql(s.event, s.where, q)));
  const exclusionMask = maskSql((spec.exclusions ?? []).map((x) => matchSql(x.event, x.where, q)));
  const b = spec.breakdown;
  const value = b ? asStringSql(propertyValueSql(b, binder, q)) : "''";
  const carryTouch = b !== undefined && (b.on ?? 'event') === 'event' && TOUCH_PROPERTIES.has(b.property);
  const names = [...spec.steps.map((s) => s.event), ...(spec.exclusions ?? []).map((x) => x.event)];
  // A strict funnel needs every behavioural event in between, to see what breaks a sequence.
  const relevantEvents = order === 'strict' ? behaviouralSql(binder, names) : q.eventIn(names);
  const where = carryTouch
    ? [
        q.timeRange(addDuration(range.from, { value: -TOUCH_LOOKBACK.value, unit: TOUCH_LOOKBACK.unit }), until),
        `(${relevantEvents} AND ${q.timeRange(range.from, until)}) OR ${value} != ''`,
      ]
    : [q.timeRange(range.from, until), relevantEvents];
  const persons = (spec.persons ?? []).map((f) => filterSql(f, binder, q));

  const events = q.sql({
    select: [
      'ev.person_id AS person_id',
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      `${stepMask} AS steps`,
      `${exclusionMask} AS exclusions`,
      `${value} AS value`,
    ],
    where,
    having: persons,
  });
  const relevant =
    order === 'strict' ? '' : ` WHERE steps != 0 OR exclusions != 0${carryTouch ? " OR value != ''" : ''}`;
  const startBits = order === 'unordered' ? 'groupBitOr(steps) != 0' : 'bitAnd(groupBitOr(steps), 1) = 1';
  // One row per person, events sorted by time (then by the steps they match), split into columns: read as RowBinary
  // by funnel-run, the columns arrive as typed arrays.
  // Exclusions and breakdown values travel only when the funnel has them: smaller arrays sort and send faster.
  const columns = { exclusions: (spec.exclusions ?? []).length > 0, values: b !== undefined };
  const tuple = ['t', 'steps', ...(columns.exclusions ? ['exclusions'] : []), ...(columns.values ? ['value'] : [])];
  const extra = tuple.slice(2).map((c, i) => `, arrayMap(e -> e.${i + 3}, events) AS ${c}`);
  const sql = `SELECT person_id, arrayMap(e -> toFloat64(e.1), events) AS t, arrayMap(e -> e.2, events) AS steps${extra.join('')}
FROM (SELECT person_id, arraySort(groupArray((${tuple.join(', ')}))) AS events
FROM (${events})${relevant}
GROUP BY person_id
HAVING ${startBits})`;

  const constraints = [
    ...spec.steps.flatMap((s, k) => (s.window ? [{ fromStep: k - 1, toStep: k, max: s.window }] : [])),
    ...(spec.timeBetween ?? []).map((c) => ({
      fromStep: c.fromStep,
      toStep: c.toStep,
      ...(c.min ? { minMs: approximateMs(c.min) } : {}),
      ...(c.max ? { max: c.max } : {}),
    })),
  ];
  const plan: FunnelPlan = {
    steps: spec.steps.length,
    order,
    attempt: spec.attempt ?? 'best',
    window,
    exclusions: (spec.exclusions ?? []).map((x) => ({ fromStep: x.fromStep, toStep: x.toStep })),
    constraints,
    rangeFrom: range.from,
    rangeTo: range.to,
    now,
  };
  return { sql, params: binder.params, plan, carryTouch, columns };
}
