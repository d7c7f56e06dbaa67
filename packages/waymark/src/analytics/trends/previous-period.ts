// The period a trend is compared with: as long as the range, just before it. Each of its events counts in the bucket
// it would fall in one shift later, so the two periods line up bucket by bucket.

import type { TimeRange } from '../date-range.js';
import type { ParamBinder } from '../sql-params.js';
import { addDuration, approximateMs, type Duration, type Period } from '../time-units.js';

/** How far the previous period lies behind the range: calendar months, or an exact length in ms. */
export type Shift = { unit: 'month'; value: number } | { unit: 'ms'; value: number };

export interface PreviousPeriod {
  range: TimeRange;
  shift: Shift;
}

function monthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/**
 * A relative range ("the last 7 days") compares with the same duration before: its buckets line up with the same
 * weekdays, and the running period with the same hours of its counterpart. Monthly trends over whole months (same day
 * and time at both ends) compare with as many calendar months before, so that October lines up with September
 * although their lengths differ. Any other range shifts by its exact length.
 */
export function previousPeriod(range: TimeRange, interval: Period, last?: Duration): PreviousPeriod {
  if (last) {
    const shift: Shift =
      last.unit === 'month' ? { unit: 'month', value: last.value } : { unit: 'ms', value: approximateMs(last) };
    return { range: { from: shiftBack(range.from, shift), to: shiftBack(range.to, shift) }, shift };
  }
  if (interval === 'month') {
    const months = monthsBetween(range.from, range.to);
    if (months > 0 && addDuration(range.from, { value: months, unit: 'month' }) === range.to) {
      return {
        range: { from: addDuration(range.from, { value: -months, unit: 'month' }), to: range.from },
        shift: { unit: 'month', value: months },
      };
    }
  }
  const length = range.to - range.from;
  return { range: { from: range.from - length, to: range.from }, shift: { unit: 'ms', value: length } };
}

/** `t` moved back by the shift: the start of a bucket's counterpart in the previous period. */
export function shiftBack(t: number, shift: Shift): number {
  return shift.unit === 'month' ? addDuration(t, { value: -shift.value, unit: 'month' }) : t - shift.value;
}

/** The DateTime64 expression `time` moved forward by the shift, into the range it is compared with. */
export function shiftForwardSql(time: string, shift: Shift, binder: ParamBinder): string {
  const amount = binder.bind(shift.value, 'Int64');
  return shift.unit === 'month' ? `addMonths(${time}, ${amount})` : `addMilliseconds(${time}, ${amount})`;
}
