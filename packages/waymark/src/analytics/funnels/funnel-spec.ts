// The funnel spec (DESIGN.md section 6, extended): steps with filters and optional per-step windows, order and
// attempt semantics, exclusions, time constraints between steps, breakdown with attribution. Checked here so the
// compiler and the matcher can trust it.

import Type, { type Static } from 'typebox';
import { DurationSchema, RangeSchema, resolveRange } from '../date-range.js';
import { PropertyFilterSchema, filterProblem, type PropertyFilter } from '../property.js';
import { ensure, specChecker } from '../spec-check.js';

export const MAX_STEPS = 20;

const StepSchema = Type.Object(
  {
    event: Type.String({ minLength: 1, maxLength: 255 }),
    name: Type.Optional(Type.String({ maxLength: 255 })),
    where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
    /** This step must follow the previous one within this duration (on top of the funnel's window). */
    window: Type.Optional(DurationSchema),
  },
  { additionalProperties: false },
);

const ExclusionSchema = Type.Object(
  {
    event: Type.String({ minLength: 1, maxLength: 255 }),
    where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
    fromStep: Type.Integer({ minimum: 0 }),
    toStep: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

const TimeBetweenSchema = Type.Object(
  {
    fromStep: Type.Integer({ minimum: 0 }),
    toStep: Type.Integer({ minimum: 1 }),
    min: Type.Optional(DurationSchema),
    max: Type.Optional(DurationSchema),
  },
  { additionalProperties: false },
);

const BreakdownSchema = Type.Object(
  {
    on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
    property: Type.String({ minLength: 1, maxLength: 255 }),
    /** Which event of the attempt gives the person's value: its first step (default), its last reached, or a step. */
    attribution: Type.Optional(
      Type.Union([Type.Literal('first_touch'), Type.Literal('last_touch'), Type.Literal('step')]),
    ),
    step: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Values beyond the top `limit` (by persons entering) are grouped as "Other". */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const FunnelSpecSchema = Type.Object(
  {
    steps: Type.Array(StepSchema, { minItems: 2, maxItems: MAX_STEPS }),
    order: Type.Optional(Type.Union([Type.Literal('ordered'), Type.Literal('strict'), Type.Literal('unordered')])),
    attempt: Type.Optional(Type.Union([Type.Literal('best'), Type.Literal('first')])),
    window: Type.Optional(DurationSchema),
    exclusions: Type.Optional(Type.Array(ExclusionSchema, { maxItems: 20 })),
    timeBetween: Type.Optional(Type.Array(TimeBetweenSchema, { maxItems: 20 })),
    breakdown: Type.Optional(BreakdownSchema),
    range: Type.Optional(RangeSchema),
    /** Persons filtered by person properties (traits) before the funnel is computed. */
    persons: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
    /** Steps the time-to-convert histogram spans (default: first to last). */
    timeToConvert: Type.Optional(
      Type.Object(
        {
          fromStep: Type.Integer({ minimum: 0 }),
          toStep: Type.Integer({ minimum: 1 }),
          bins: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    segment: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export type FunnelSpec = Static<typeof FunnelSpecSchema>;
export type FunnelStep = FunnelSpec['steps'][number];

export const DEFAULT_WINDOW = { value: 14, unit: 'day' } as const;

const checker = specChecker<FunnelSpec>(FunnelSpecSchema, 'funnel');

/** Checks a funnel spec: the schema, then what a schema cannot say (step references, filters, order limits). */
export function parseFunnelSpec(raw: unknown): FunnelSpec {
  const spec = checker.check(raw);
  const n = spec.steps.length;
  const checkFilters = (filters: readonly PropertyFilter[] | undefined, field: string): void => {
    filters?.forEach((f, i) => {
      const problem = filterProblem(f);
      ensure(problem === undefined, `${field}[${i}]`, problem ?? '');
    });
  };
  spec.steps.forEach((s, i) => {
    checkFilters(s.where, `steps[${i}].where`);
    ensure(!(i === 0 && s.window), `steps[0].window`, 'does not apply: the first step starts the funnel');
  });
  checkFilters(spec.persons, 'persons');
  const stepPair = (from: number, to: number, field: string): void => {
    ensure(to < n, `${field}.toStep`, `must be a step index below ${n}`);
    ensure(from < to, `${field}.fromStep`, 'must come before toStep');
  };
  spec.exclusions?.forEach((e, i) => {
    stepPair(e.fromStep, e.toStep, `exclusions[${i}]`);
    checkFilters(e.where, `exclusions[${i}].where`);
  });
  spec.timeBetween?.forEach((t, i) => {
    stepPair(t.fromStep, t.toStep, `timeBetween[${i}]`);
    ensure(t.min !== undefined || t.max !== undefined, `timeBetween[${i}]`, 'needs min, max or both');
  });
  if (spec.timeToConvert) stepPair(spec.timeToConvert.fromStep, spec.timeToConvert.toStep, 'timeToConvert');
  if (spec.order === 'unordered') {
    ensure(
      !spec.exclusions?.length,
      'exclusions',
      'need an ordered or strict funnel: unordered steps have no "between"',
    );
    ensure(!spec.timeBetween?.length, 'timeBetween', 'needs an ordered or strict funnel');
    ensure(
      spec.steps.every((s) => s.window === undefined),
      'steps',
      'cannot have per-step windows in an unordered funnel',
    );
  }
  const b = spec.breakdown;
  if (b?.attribution === 'step') {
    ensure(b.step !== undefined && b.step < n, 'breakdown.step', `must be a step index below ${n}`);
  } else {
    ensure(b?.step === undefined, 'breakdown.step', 'only applies with attribution "step"');
  }
  // Bad times are reported now rather than when the query runs.
  resolveRange(spec.range, Date.now());
  return spec;
}
