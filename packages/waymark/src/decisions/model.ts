// Personalization and experiment definitions, as stored and as the SDKs fetch them. Types only.

/** A comparison of one value: a trait of the person or a field of the request's context. */
export interface ValueFilter {
  property: string;
  op:
    | 'eq'
    | 'neq'
    | 'gt'
    | 'gte'
    | 'lt'
    | 'lte'
    | 'contains'
    | 'not_contains'
    | 'regex'
    | 'in'
    | 'not_in'
    | 'is_set'
    | 'is_not_set';
  value?: string | number | boolean | (string | number | boolean)[];
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Who a rule or an experiment is for. */
export type Targeting =
  | { and: Targeting[] }
  | { or: Targeting[] }
  | { not: Targeting }
  /** The person is a member of the saved segment now. */
  | { segment: string }
  | { trait: ValueFilter }
  /** A field of the request context: device, channel, utm_source ... url, path, referrer, locale, country. */
  | { context: ValueFilter }
  /** Local time of the request: hours [from, to) and weekdays, in `timezone` (default UTC). */
  | { time: { hours?: [number, number]; days?: Weekday[]; timezone?: string } };

export interface Variant {
  id: string;
  name?: string;
  /** What to show: text, HTML or a JSON payload. */
  content?: { type: 'text' | 'html' | 'json'; value: unknown };
  /** An offer or coupon code that goes with it. */
  offer?: string;
}

export type Strategy =
  /** Always this variant. */
  | { type: 'variant'; variant: string }
  /** A fixed weighted split between variants (sticky per person). */
  | { type: 'split'; weights: Record<string, number> }
  /** The variant an experiment assigns. */
  | { type: 'experiment'; experiment: string }
  /**
   * A multi-armed bandit: traffic follows each variant's chance to be the best at converting to `conversion.event`
   * within `conversion.withinDays` (default 7) of exposure (Thompson sampling, recomputed every minute).
   */
  | { type: 'bandit'; variants: string[]; conversion: { event: string; withinDays?: number } };

export interface Rule {
  id: string;
  name?: string;
  /** Higher first; rules of equal priority keep their order. Default 0. */
  priority?: number;
  /** Absent: everyone. */
  when?: Targeting;
  strategy: Strategy;
}

/** Which id assignment hashes: the anonymous id when the request has one (default), or the user id first. */
export type HashOn = 'anonymousId' | 'userId';

export interface Slot {
  id: string;
  name: string;
  description?: string;
  variants: Variant[];
  /** The variant shown when no rule applies, to the holdout, and when something cannot be evaluated. */
  default: string;
  rules: Rule[];
  /** Share of persons (0 to 0.5) who always see the default, to measure personalization against. */
  holdout?: number;
  /** Assignment seed (default: the slot id). */
  seed?: string;
  hashOn?: HashOn;
  /** `paused`: everyone gets the default. */
  status?: 'active' | 'paused';
}

export interface EventMetric {
  id: string;
  name?: string;
  /**
   * conversion: did the event happen within `withinDays` of exposure (0/1 per person); count: how often; revenue:
   * the sum of `property` (default the event's revenue) of the event (default every event with revenue).
   */
  type: 'conversion' | 'count' | 'revenue';
  event?: string;
  property?: string;
  where?: ValueFilter[];
  withinDays?: number;
}

export interface RatioMetric {
  id: string;
  name?: string;
  /** Per person numerator and denominator summed over persons, e.g. revenue per order. */
  type: 'ratio';
  numerator: Omit<EventMetric, 'id' | 'name'>;
  denominator: Omit<EventMetric, 'id' | 'name'>;
  withinDays?: number;
}

export interface FunnelMetric {
  id: string;
  name?: string;
  /** Completed the steps in order within `withinDays` of exposure. */
  type: 'funnel';
  steps: string[];
  withinDays?: number;
}

export type Metric = EventMetric | RatioMetric | FunnelMetric;

export interface Experiment {
  id: string;
  name: string;
  hypothesis?: string;
  variants: { id: string; name?: string; weight: number }[];
  /** The control variant (default: the first). */
  control?: string;
  /** Share of eligible persons who take part (default 1). */
  traffic?: number;
  targeting?: Targeting;
  seed?: string;
  hashOn?: HashOn;
  metrics: { primary: Metric; guardrails?: Metric[]; secondary?: Metric[] };
  status: 'draft' | 'running' | 'stopped';
  /** ISO times: exposures count from `start` to `stop`. */
  start?: string;
  stop?: string;
  /** Analysis options. */
  analysis?: {
    method?: 'frequentist' | 'sequential' | 'bayesian';
    alpha?: number;
    cuped?: boolean;
    /** Days before exposure that CUPED uses (default 14). */
    preExposureDays?: number;
    correction?: 'holm' | 'bh' | 'none';
    minimumDetectableEffect?: number;
  };
}
