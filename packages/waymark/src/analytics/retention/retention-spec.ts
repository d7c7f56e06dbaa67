// The retention spec: who starts (cohorts by day, week or month), what counts as coming back, first-time or recurring
// cohorts, "on" or "on or after" each period, and an optional breakdown. Checked here so the compiler can trust it.

import { SegmentFieldSchema } from '../segment-filter.js';
import Type from 'typebox';
import { RangeSchema, type RangeSpec, type TimeRange } from '../date-range.js';
import type { PropertyRef } from '../property.js';
import { ensure, specChecker } from '../spec-check.js';
import { addDuration, nextPeriod, periodStart } from '../time-units.js';
import { SELECTOR_FIELDS, checkFilters, type EventSelector } from '../trends/event-selector.js';
import { resolveWholePeriods } from '../trends/whole-periods.js';

export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

/** Periods shown by default: two weeks of days, two months of weeks, half a year of months. */
export const DEFAULT_PERIODS: Record<RetentionPeriod, number> = { day: 14, week: 8, month: 6 };
export const MAX_RETENTION_PERIODS = 400;

// Written out rather than derived with `Static`: unions built from a list lose their members in the derived type.
export interface RetentionSpec {
  start: EventSelector;
  /** What counts as coming back; the start event when absent. */
  return?: EventSelector;
  type?: 'first_time' | 'recurring';
  mode?: 'on' | 'on_or_after';
  period?: RetentionPeriod;
  periods?: number;
  range?: RangeSpec;
  breakdown?: PropertyRef & { limit?: number };
  segment?: string;
}

const SelectorSchema = Type.Object(SELECTOR_FIELDS, { additionalProperties: false });

export const RetentionSpecSchema = Type.Object(
  {
    start: SelectorSchema,
    return: Type.Optional(SelectorSchema),
    type: Type.Optional(Type.Union([Type.Literal('first_time'), Type.Literal('recurring')])),
    mode: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('on_or_after')])),
    period: Type.Optional(Type.Enum(RETENTION_PERIODS)),
    periods: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RETENTION_PERIODS })),
    range: Type.Optional(RangeSchema),
    segment: SegmentFieldSchema,
    breakdown: Type.Optional(
      Type.Object(
        {
          on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
          property: Type.String({ minLength: 1, maxLength: 255 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DEFAULT_RETENTION_BREAKDOWN_LIMIT = 10;
/** More cohorts than this is a table nobody can read. */
export const MAX_COHORTS = 1_000;

/** The spec with its defaults filled in and its range resolved. */
export interface RetentionPlan {
  start: EventSelector;
  return: EventSelector;
  type: 'first_time' | 'recurring';
  mode: 'on' | 'on_or_after';
  period: RetentionPeriod;
  periods: number;
  /** Cohorts are the periods holding a start event inside this range. */
  range: TimeRange;
  /** Start of each cohort's period. */
  cohorts: number[];
  now: number;
}

/**
 * Without a range, the cohorts are the last `periods` periods, the current one included. Relative ranges start at a
 * period's beginning, so the oldest cohort is whole.
 */
export function retentionPlan(spec: RetentionSpec, now: number): RetentionPlan {
  const period = spec.period ?? 'week';
  const periods = spec.periods ?? DEFAULT_PERIODS[period];
  const range = spec.range
    ? resolveWholePeriods(spec.range, now, period)
    : { from: addDuration(periodStart(period, now), { value: 1 - periods, unit: period }), to: now };
  const cohorts: number[] = [];
  for (let t = periodStart(period, range.from); t < range.to; t = nextPeriod(period, t)) {
    ensure(cohorts.length < MAX_COHORTS, 'range', `spans more than ${MAX_COHORTS} cohorts; choose a longer period`);
    cohorts.push(t);
  }
  return {
    start: spec.start,
    return: spec.return ?? spec.start,
    type: spec.type ?? 'first_time',
    mode: spec.mode ?? 'on',
    period,
    periods,
    range,
    cohorts,
    now,
  };
}

const checker = specChecker<RetentionSpec>(RetentionSpecSchema, 'retention');

export function parseRetentionSpec(raw: unknown, now = Date.now()): RetentionSpec {
  const spec = checker.check(raw);
  checkFilters(spec.start.where, 'start.where');
  checkFilters(spec.return?.where, 'return.where');
  // Bad times and too many cohorts are reported now rather than when the query runs.
  retentionPlan(spec, now);
  return spec;
}
