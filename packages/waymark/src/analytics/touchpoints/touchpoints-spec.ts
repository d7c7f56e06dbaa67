// The touchpoints spec: which conversion to explain, over which range, how far back touches count, whether a touch
// is its channel or its UTM source / medium, and how the channel paths are listed.

import { SegmentFieldSchema } from '../segment-filter.js';
import Type, { type Static } from 'typebox';
import { DurationSchema, RangeSchema, resolveRange } from '../date-range.js';
import { PropertyFilterSchema, filterProblem } from '../property.js';
import { ensure, specChecker } from '../spec-check.js';
import type { Duration } from '../time-units.js';

export const TouchpointsSpecSchema = Type.Object(
  {
    conversion: Type.Object(
      {
        event: Type.String({ minLength: 1, maxLength: 255 }),
        where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
      },
      { additionalProperties: false },
    ),
    range: Type.Optional(RangeSchema),
    /** Only the members of this saved segment. */
    segment: SegmentFieldSchema,
    /** How long before the conversion (or last activity) a touch still counts. */
    lookback: Type.Optional(DurationSchema),
    by: Type.Optional(Type.Union([Type.Literal('channel'), Type.Literal('source_medium')])),
    /** How many channel paths to list; the rest are summed up as other paths. */
    topPaths: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** Paths are listed by converting persons, or by conversion rate (then minPersons matters). */
    sort: Type.Optional(Type.Union([Type.Literal('converting'), Type.Literal('conversion_rate')])),
    /** Paths with fewer persons (converting or not) are not listed. */
    minPersons: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export type TouchpointsSpec = Static<typeof TouchpointsSpecSchema>;

export const TOUCHPOINT_DEFAULTS = {
  lookback: { value: 30, unit: 'day' } as Duration,
  by: 'channel',
  topPaths: 20,
  sort: 'converting',
  minPersons: 1,
} as const;

const checker = specChecker<TouchpointsSpec>(TouchpointsSpecSchema, 'touchpoints');

export function parseTouchpointsSpec(raw: unknown): TouchpointsSpec {
  const spec = checker.check(raw);
  spec.conversion.where?.forEach((f, i) => {
    const problem = filterProblem(f);
    ensure(problem === undefined, `conversion.where[${i}]`, problem ?? '');
  });
  // Bad times are reported now rather than when the query runs.
  resolveRange(spec.range, Date.now());
  return spec;
}
