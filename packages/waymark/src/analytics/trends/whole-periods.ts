// Relative ranges ("the last 4 weeks") start at the beginning of a period, so that the first bucket or cohort is
// whole: a week cut at Monday 20:14 would read as a drop. Explicit `from` times are kept as given.

import { resolveRange, type RangeSpec, type TimeRange } from '../date-range.js';
import { periodStart, type Period } from '../time-units.js';

export function resolveWholePeriods(spec: RangeSpec | undefined, now: number, period: Period): TimeRange {
  const range = resolveRange(spec, now);
  return spec?.from === undefined ? { from: periodStart(period, range.from), to: range.to } : range;
}
