// A segment definition: a name and a condition tree (and / or / not over leaf conditions on traits and behaviour).
// Its types and limits; definition-check.ts checks a definition given as JSON.

import type { PropertyFilter } from '../analytics/property.js';
import type { Stage } from '../analytics/stages/stage-map.js';
import type { Duration } from '../analytics/time-units.js';

/** When a behavioural condition looks: the last N units before the evaluation time, or between two times. */
export type Window = { last: Duration } | { from: string; to: string };

export interface EventMatch {
  event: string;
  /** Filters on the event's own properties (`on` is always `event`). */
  where?: PropertyFilter[];
}

export const COUNT_OPS = ['at_least', 'at_most', 'exactly'] as const;
export const DATE_OPS = ['before', 'after', 'within_last', 'more_than_ago'] as const;
export const COMPARE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export const MEASURES = ['count', 'sum', 'average', 'min', 'max'] as const;

export type DateOp = (typeof DATE_OPS)[number];

/** A date condition: before / after an ISO time, or within / more than a duration before the evaluation time. */
export type DateCondition =
  { op: 'before' | 'after'; value: string } | { op: 'within_last' | 'more_than_ago'; value: Duration };

export type TraitCondition = PropertyFilter | ({ property: string } & DateCondition);

export type Condition =
  | { and: Condition[] }
  | { or: Condition[] }
  | { not: Condition }
  /** A person property (trait) at its latest value: the filter ops, or date ops on a date-valued trait. */
  | { trait: TraitCondition }
  /** Did the event (with filters) at least / at most / exactly N times (default: at least once) in the window. */
  | { performed: EventMatch & { count?: { op: (typeof COUNT_OPS)[number]; value: number }; window?: Window } }
  /** Never did the event (with filters) in the window. */
  | { didNotPerform: EventMatch & { window?: Window } }
  /** The first / last time the person did the event meets a date condition (false if they never did). */
  | { firstTime: EventMatch & DateCondition }
  | { lastTime: EventMatch & DateCondition }
  /** An aggregate of the person's events (sum of `$revenue`, number of orders...) compared with a number. */
  /** Member of another saved segment of the project (its id). */
  | { segment: string }
  /** One of these distinct ids (user ids or anonymous ids): a manual, static list. */
  | { list: string[] }
  /** The first touch (acquisition) value of a derived column such as `$channel` or `$utm_campaign` matches. */
  | { firstTouch: PropertyFilter }
  /** RFM scores (quintiles 1 to 5 among buyers) or a standard RFM group; persons who never bought are in none. */
  | { rfm: RfmCondition }
  /** The engagement score (0 to 100, see docs/segments.md) compared with a number. */
  | { engagement: { op: (typeof COMPARE_OPS)[number]; value: number } }
  /** Current journey stage (the project's stage map) is one of `in`; `entered` optionally dates the entry. */
  | { stage: StageCondition }
  /** Went through the first `reached` steps of an ordered funnel within `window` (ClickHouse's windowFunnel). */
  | { funnel: FunnelCondition }
  | {
      aggregate: {
        event?: string;
        where?: PropertyFilter[];
        measure: (typeof MEASURES)[number];
        property?: string;
        op: (typeof COMPARE_OPS)[number];
        value: number;
        window?: Window;
      };
    };

export const RFM_GROUPS = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose_them',
  'hibernating',
  'lost',
] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];

/** A score from 1 to 5 compared with a whole number. */
export interface ScoreCondition {
  op: (typeof COMPARE_OPS)[number];
  value: number;
}

export interface RfmCondition {
  /** The purchase event (default `Order Completed`); monetary value is the sum of its `$revenue`. */
  event?: string;
  /** One of the standard groups, or conditions on the scores (all must hold). */
  group?: RfmGroup;
  recency?: ScoreCondition;
  frequency?: ScoreCondition;
  monetary?: ScoreCondition;
}

export interface StageCondition {
  in: string[];
  /** When the person entered their current stage: `more_than_ago` 7 days = in the stage for over a week. */
  entered?: DateCondition;
  /** The stage map used; filled in from the project when the segment is evaluated (resolveSegmentRefs). */
  map?: Stage[];
}

export interface FunnelCondition {
  steps: EventMatch[];
  window: Duration;
  /** Steps reached, counted from 1; `reached: 2` of 3 steps = did the first two. Use `not` for "did not reach". */
  reached: number;
}

export interface SegmentDefinition {
  name: string;
  description?: string;
  condition: Condition;
}

export const MAX_DEPTH = 10;
/** The most distinct ids a static list may hold. */
export const MAX_LIST = 100_000;
/** Derived columns set on touches (a visit's landing page view, a campaign click): what `firstTouch` can look at. */
export const TOUCH_COLUMNS = [
  '$channel',
  '$utm_source',
  '$utm_medium',
  '$utm_campaign',
  '$utm_term',
  '$utm_content',
  '$referrer_domain',
  '$device_type',
  '$country',
  '$path',
] as const;
export const MAX_LEAVES = 100;
