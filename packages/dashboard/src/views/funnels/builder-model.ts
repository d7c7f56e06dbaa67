// The funnel builder's finer choices: property filters and time limits per step, person filters, exclusions, time
// between steps, and how steps are added, moved and removed without these losing track of their steps.

import type { FunnelSpec, PropertyFilter, TimeUnit } from '../../api/types.js';

export type FilterOp = 'eq' | 'neq' | 'contains' | 'not_contains' | 'gt' | 'lt' | 'in' | 'is_set' | 'is_not_set';

/** A filter as the builder holds it: the value as typed (lists comma-separated). */
export interface FilterChoice {
  property: string;
  op: FilterOp;
  value: string;
}

/** A step's time limit: it counts only if it follows the previous step within `value` `unit`s. */
export interface StepLimit {
  value: number;
  unit: TimeUnit;
}

/** Attempts with `event` after step `fromStep` and before step `toStep` (0-based) do not count. */
export interface ExclusionChoice {
  event: string;
  fromStep: number;
  toStep: number;
}

/**
 * A rule on the time between two steps (0-based, `fromStep` before `toStep`): a `toStep` event sooner than `min` after
 * `fromStep` is skipped, and past `max` the attempt stops. An empty length (NaN) leaves that side open.
 */
export interface TimeBetweenChoice {
  fromStep: number;
  toStep: number;
  min: StepLimit;
  max: StepLimit;
}

export const FILTER_OPS: { value: FilterOp; label: string }[] = [
  { value: 'eq', label: 'is' },
  { value: 'neq', label: 'is not' },
  { value: 'contains', label: 'contains' },
  { value: 'not_contains', label: 'does not contain' },
  { value: 'gt', label: 'greater than' },
  { value: 'lt', label: 'less than' },
  { value: 'in', label: 'is one of (a, b, …)' },
  { value: 'is_set', label: 'is set' },
  { value: 'is_not_set', label: 'is not set' },
];

/** Ingest-derived columns every event has (docs/analytics/funnels.md#property-filters). */
export const DERIVED_PROPERTIES = [
  '$channel',
  '$utm_source',
  '$utm_campaign',
  '$referrer_domain',
  '$device_type',
  '$browser',
  '$os',
  '$country',
  '$path',
];

export const needsValue = (op: FilterOp) => op !== 'is_set' && op !== 'is_not_set';

/** The spec's filter for a builder filter: numbers for comparisons, a list for `in`; on a trait with `on: 'person'`. */
export function filterOf(f: FilterChoice, on: 'event' | 'person' = 'event'): PropertyFilter {
  const base = on === 'person' ? { on, property: f.property } : { property: f.property };
  if (!needsValue(f.op)) return { ...base, op: f.op };
  if (f.op === 'gt' || f.op === 'lt') return { ...base, op: f.op, value: Number(f.value) };
  if (f.op === 'in')
    return {
      ...base,
      op: 'in',
      value: f.value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    };
  return { ...base, op: f.op, value: f.value };
}

/** What is wrong with a filter, or null; `what` names its kind in the message (`property`, `trait`). */
export function filterProblem(f: FilterChoice, what = 'property'): string | null {
  if (f.property === '') return `Choose a ${what} for every filter.`;
  if (needsValue(f.op) && f.value.trim() === '') return `Give a value to the filter on ${f.property}.`;
  if ((f.op === 'gt' || f.op === 'lt') && (f.value.trim() === '' || !Number.isFinite(Number(f.value))))
    return `The filter on ${f.property} compares numbers: give a number.`;
  return null;
}

/** What is wrong with the steps' time limits, or null. */
export function limitsProblem(limits: (StepLimit | null)[], order: FunnelSpec['order']): string | null {
  const set = limits.filter((l, i): l is StepLimit => i > 0 && l !== null);
  if (set.length === 0) return null;
  if (order === 'unordered') return 'Funnels in any order take no time limits between steps: there is no “previous”.';
  if (set.some((l) => !Number.isInteger(l.value) || l.value < 1))
    return 'A time limit between steps must be a whole number, 1 or more.';
  return null;
}

/** What is wrong with the exclusions for `stepCount` steps in this order, or null. */
export function exclusionsProblem(
  exclusions: ExclusionChoice[],
  stepCount: number,
  order: FunnelSpec['order'],
): string | null {
  if (exclusions.length === 0) return null;
  if (order === 'unordered') return 'Funnels in any order take no exclusions: there is no “between”.';
  for (const e of exclusions) {
    if (e.event === '') return 'Choose an event for every exclusion.';
    if (e.fromStep >= e.toStep || e.toStep >= stepCount)
      return 'An exclusion must run from a step to a later step of the funnel.';
  }
  return null;
}

const isSet = (bound: StepLimit) => !Number.isNaN(bound.value);
/** Lengths in milliseconds, to compare `min` with `max` (a month as 31 days: the longest it can be). */
const UNIT_MS = { second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8, month: 2.6784e9 } as const;

/** What is wrong with the rules on time between steps for `stepCount` steps in this order, or null. */
export function timeBetweenProblem(
  rules: TimeBetweenChoice[],
  stepCount: number,
  order: FunnelSpec['order'],
): string | null {
  if (rules.length === 0) return null;
  if (order === 'unordered') return 'Funnels in any order take no time between steps: there is no “between”.';
  for (const r of rules) {
    if (r.fromStep >= r.toStep || r.toStep >= stepCount)
      return 'A time between steps must run from a step to a later step of the funnel.';
    if (!isSet(r.min) && !isSet(r.max)) return 'Give each time between steps an “at least”, an “at most” or both.';
    if ([r.min, r.max].some((b) => isSet(b) && (!Number.isInteger(b.value) || b.value < 1)))
      return 'A time between steps must be a whole number, 1 or more.';
    if (isSet(r.min) && isSet(r.max) && r.min.value * UNIT_MS[r.min.unit] >= r.max.value * UNIT_MS[r.max.unit])
      return 'In a time between steps, “at least” must be shorter than “at most”.';
  }
  return null;
}

/** The spec's `timeBetween` for the rules: only the bounds that are set. */
export function timeBetweenOf(rules: TimeBetweenChoice[]): NonNullable<FunnelSpec['timeBetween']> {
  return rules.map((r) => ({
    fromStep: r.fromStep,
    toStep: r.toStep,
    ...(isSet(r.min) ? { min: { value: r.min.value, unit: r.min.unit } } : {}),
    ...(isSet(r.max) ? { max: { value: r.max.value, unit: r.max.unit } } : {}),
  }));
}

/** The steps with their filters and time limits, as the spec has them (the first step has no limit). */
export function stepSpecs(
  steps: string[],
  where: FilterChoice[][] = [],
  limits: (StepLimit | null)[] = [],
): FunnelSpec['steps'] {
  return steps.map((event, i) => {
    const filters = where[i] ?? [];
    const limit = i > 0 ? limits[i] : null;
    return {
      event,
      ...(filters.length > 0 ? { where: filters.map((f) => filterOf(f)) } : {}),
      ...(limit ? { window: { value: limit.value, unit: limit.unit } } : {}),
    };
  });
}

/** Parts of the builder that move with the steps. */
export interface StepLists {
  steps: string[];
  where?: FilterChoice[][];
  /** The time limit of each step from the one before it, by step index; the first step never has one. */
  limits?: (StepLimit | null)[];
  exclusions?: ExclusionChoice[];
  timeBetween?: TimeBetweenChoice[];
}

const whereOf = (c: StepLists) => c.steps.map((_, i) => c.where?.[i] ?? []);
/** Limits by step, none on the first: a step moved to the front loses its limit (nothing comes before it). */
const limitsOf = (c: StepLists, steps: number) =>
  Array.from({ length: steps }, (_, i) => (i === 0 ? null : (c.limits?.[i] ?? null)));

/**
 * Swap step `i` with its neighbour; its filters go with it, and exclusions and time between steps keep pointing at the
 * same two steps (the earlier of them first).
 */
export function moveStep<T extends StepLists>(c: T, i: number, by: -1 | 1): T {
  const j = i + by;
  if (j < 0 || j >= c.steps.length) return c;
  const swap = <V>(list: V[]) => list.map((v, k) => (k === i ? list[j]! : k === j ? list[i]! : v));
  const follow = (k: number) => (k === i ? j : k === j ? i : k);
  const followPair = <P extends { fromStep: number; toStep: number }>(p: P): P => {
    const [fromStep, toStep] = [follow(p.fromStep), follow(p.toStep)].sort((a, b) => a - b) as [number, number];
    return { ...p, fromStep, toStep };
  };
  return {
    ...c,
    steps: swap(c.steps),
    where: swap(whereOf(c)),
    limits: limitsOf({ ...c, limits: swap(limitsOf(c, c.steps.length)) }, c.steps.length),
    exclusions: (c.exclusions ?? []).map(followPair),
    timeBetween: (c.timeBetween ?? []).map(followPair),
  };
}

/**
 * Remove step `i`; exclusions keep their steps, widen over the gap, and go when nothing is left between. A time
 * between steps goes with either of its steps, as a step's time limit goes with the step.
 */
export function removeStep<T extends StepLists>(c: T, i: number): T {
  const last = c.steps.length - 2;
  const shift = (k: number) => (k > i ? k - 1 : k);
  const from = (k: number) => (k === i ? Math.max(0, i - 1) : shift(k));
  const to = (k: number) => Math.min(shift(k), last);
  return {
    ...c,
    steps: c.steps.filter((_, k) => k !== i),
    where: whereOf(c).filter((_, k) => k !== i),
    limits: limitsOf({ ...c, limits: limitsOf(c, c.steps.length).filter((_, k) => k !== i) }, c.steps.length - 1),
    exclusions: (c.exclusions ?? [])
      .map((e) => ({ ...e, fromStep: from(e.fromStep), toStep: to(e.toStep) }))
      .filter((e) => e.fromStep < e.toStep),
    timeBetween: (c.timeBetween ?? [])
      .filter((r) => r.fromStep !== i && r.toStep !== i)
      .map((r) => ({ ...r, fromStep: shift(r.fromStep), toStep: shift(r.toStep) })),
  };
}

/** A breakdown as the builder's select holds it: `event:<property>` or `trait:<name>` (none: empty). */
export function breakdownValue(c: { breakdown?: string; breakdownOn?: 'event' | 'person' }): string {
  if (!c.breakdown) return '';
  return `${c.breakdownOn === 'person' ? 'trait' : 'event'}:${c.breakdown}`;
}

/** The breakdown a value of the select stands for. */
export function breakdownOfValue(value: string): { breakdown: string; breakdownOn: 'event' | 'person' } {
  if (value.startsWith('trait:')) return { breakdown: value.slice('trait:'.length), breakdownOn: 'person' };
  return { breakdown: value.replace(/^event:/, ''), breakdownOn: 'event' };
}
