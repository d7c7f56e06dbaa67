// The trends spec: series of events measured per hour, day, week or month, with an optional breakdown and a
// comparison with the previous period. Checked here so the compiler can trust it.

import { SegmentFieldSchema } from '../segment-filter.js';
import Type from 'typebox';
import { RangeSchema, resolveRange, type RangeSpec } from '../date-range.js';
import { PropertyFilterSchema, type PropertyFilter, type PropertyRef } from '../property.js';
import { ensure, specChecker } from '../spec-check.js';
import { PERIODS, nextPeriod, periodStart, type Period } from '../time-units.js';
import { SELECTOR_FIELDS, checkFilters, type EventSelector } from './event-selector.js';

export const MEASURES = ['count', 'persons', 'sum', 'average', 'min', 'max', 'median', 'per_person_average'] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures of a numeric property: they need `property`, the others refuse it. */
export const PROPERTY_MEASURES: readonly Measure[] = ['sum', 'average', 'min', 'max', 'median'];

export const MAX_SERIES = 20;
/** More periods than this is a chart nobody can read and a result nobody wants to transfer. */
export const MAX_BUCKETS = 5_000;

const SeriesSchema = Type.Object(
  {
    ...SELECTOR_FIELDS,
    name: Type.Optional(Type.String({ maxLength: 255 })),
    measure: Type.Optional(Type.Enum(MEASURES)),
    /** The event property measured by sum, average, min, max and median (`$revenue`, `price`, `items.0.qty`). */
    property: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  },
  { additionalProperties: false },
);

const BreakdownSchema = Type.Object(
  {
    on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
    property: Type.String({ minLength: 1, maxLength: 255 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const TrendsSpecSchema = Type.Object(
  {
    series: Type.Array(SeriesSchema, { minItems: 1, maxItems: MAX_SERIES }),
    interval: Type.Optional(Type.Enum(PERIODS)),
    range: Type.Optional(RangeSchema),
    /** Filters every series. */
    where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
    breakdown: Type.Optional(BreakdownSchema),
    compare: Type.Optional(Type.Boolean()),
    /** Only the members of this saved segment. */
    segment: SegmentFieldSchema,
  },
  { additionalProperties: false },
);

// Written out rather than derived with `Static`: unions built from a list lose their members in the derived type.
export interface TrendSeries extends EventSelector {
  name?: string;
  measure?: Measure;
  property?: string;
}

export interface TrendBreakdown extends PropertyRef {
  limit?: number;
}

export interface TrendsSpec {
  series: TrendSeries[];
  interval?: Period;
  range?: RangeSpec;
  where?: PropertyFilter[];
  breakdown?: TrendBreakdown;
  compare?: boolean;
  segment?: string;
}

export const DEFAULT_INTERVAL: Period = 'day';
export const DEFAULT_TRENDS_BREAKDOWN_LIMIT = 10;

const checker = specChecker<TrendsSpec>(TrendsSpecSchema, 'trends');

export function parseTrendsSpec(raw: unknown, now = Date.now()): TrendsSpec {
  const spec = checker.check(raw);
  spec.series.forEach((s, i) => {
    const measure = s.measure ?? 'count';
    if (PROPERTY_MEASURES.includes(measure)) {
      ensure(s.property !== undefined, `series[${i}].property`, `is required for measure "${measure}"`);
    } else {
      ensure(s.property === undefined, `series[${i}].property`, `does not apply to measure "${measure}"`);
    }
    checkFilters(s.where, `series[${i}].where`);
  });
  checkFilters(spec.where, 'where');
  const range = resolveRange(spec.range, now);
  const interval = spec.interval ?? DEFAULT_INTERVAL;
  ensure(
    !exceedsPeriods(interval, range.from, range.to, MAX_BUCKETS),
    'interval',
    `gives more than ${MAX_BUCKETS} buckets over this range; choose a longer interval or a shorter range`,
  );
  return spec;
}

/** Whether `[from, to)` spans more than `max` periods, stepping no further than needed to tell. */
export function exceedsPeriods(interval: Period, from: number, to: number, max: number): boolean {
  let t = periodStart(interval, from);
  for (let n = 0; n < max; n++) {
    t = nextPeriod(interval, t);
    if (t >= to) return false;
  }
  return true;
}
