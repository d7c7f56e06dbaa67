// What a trend measures, as ClickHouse aggregates that merge: events are first aggregated per bucket into partial
// states, which are then merged per bucket and over the whole range. Unique persons over a range are thus exact, not
// a sum of daily uniques.

import type { Measure } from './trends-spec.js';

export interface MeasureSql {
  /** Partial aggregate per group, over the scan's `person_id` and `x` (the measured property); absent when the
   * event count `n` is all the measure needs. */
  state?: string;
  /** The measure of a set of partial groups, over their merged states `st` and event counts `n`. */
  final: string;
  /** The aggregate ranking breakdown values (highest first), over the current range's groups (`shifted = 0`). */
  rankKey: string;
  /** The value of a bucket without events. */
  empty: 0 | null;
}

const eventsRank = 'sumIf(n, shifted = 0)';

/**
 * Averages, extremes and medians rank breakdown values by their number of events: ranked by the measure itself, a
 * value seen once with a large amount would push the common values into "Other".
 */
export function measureSql(measure: Measure): MeasureSql {
  switch (measure) {
    case 'count':
      return { final: 'sum(n)', rankKey: eventsRank, empty: 0 };
    case 'persons':
      return {
        state: 'uniqExactState(person_id)',
        final: 'uniqExactMerge(st)',
        rankKey: 'uniqExactMergeIf(st, shifted = 0)',
        empty: 0,
      };
    case 'per_person_average':
      return {
        state: 'uniqExactState(person_id)',
        final: 'sum(n) / uniqExactMerge(st)',
        rankKey: eventsRank,
        empty: 0,
      };
    case 'sum':
      return {
        state: 'sumState(x)',
        final: 'ifNull(sumMerge(st), 0)',
        rankKey: 'sumMergeIf(st, shifted = 0)',
        empty: 0,
      };
    case 'average':
      return { state: 'avgState(x)', final: 'avgMerge(st)', rankKey: eventsRank, empty: null };
    case 'min':
      return { state: 'minState(x)', final: 'minMerge(st)', rankKey: eventsRank, empty: null };
    case 'max':
      return { state: 'maxState(x)', final: 'maxMerge(st)', rankKey: eventsRank, empty: null };
    case 'median':
      // Exact and interpolated (the median of 1, 2, 3, 4 is 2.5), so results do not depend on sampling.
      return {
        state: 'quantileExactInclusiveState(0.5)(x)',
        final: 'quantileExactInclusiveMerge(0.5)(st)',
        rankKey: eventsRank,
        empty: null,
      };
  }
}
