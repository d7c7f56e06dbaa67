// Durations of conversion windows and the calendar periods results are bucketed by. Months are calendar months
// (a window of 1 month from 31 January ends on the last day of February), everything else a fixed length.

import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/time.js';

export const TIME_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface Duration {
  value: number;
  unit: TimeUnit;
}

const FIXED_MS: Record<Exclude<TimeUnit, 'month'>, number> = {
  second: 1_000,
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
};

/** `t` plus the duration, in epoch ms (UTC calendar for months, clamped to the month's last day). */
export function addDuration(t: number, d: Duration): number {
  if (d.unit !== 'month') return t + d.value * FIXED_MS[d.unit];
  const date = new Date(t);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + d.value);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** Approximate length in ms (months as 30 days), for limits and histogram scales, never for window ends. */
export function approximateMs(d: Duration): number {
  return d.unit === 'month' ? d.value * 30 * DAY_MS : d.value * FIXED_MS[d.unit];
}

export const PERIODS = ['hour', 'day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** ClickHouse expression of the start of `period` containing the DateTime64 expression `time` (weeks start Monday). */
export function periodStartSql(period: Period, time: string): string {
  switch (period) {
    case 'hour':
      return `toStartOfHour(${time})`;
    case 'day':
      return `toStartOfDay(${time})`;
    case 'week':
      return `toDateTime(toMonday(${time}), 'UTC')`;
    case 'month':
      return `toDateTime(toStartOfMonth(${time}), 'UTC')`;
  }
}

/** The start of `period` containing `t` (epoch ms, UTC; weeks start Monday), as ClickHouse computes it. */
export function periodStart(period: Period, t: number): number {
  const d = new Date(t);
  switch (period) {
    case 'hour':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'week': {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriod(period: Period, start: number): number {
  if (period === 'month') return addDuration(start, { value: 1, unit: 'month' });
  return start + FIXED_MS[period];
}

/** Every period start from the one containing `from` up to (not including) `to`. */
export function periodStarts(period: Period, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = periodStart(period, from); t < to; t = nextPeriod(period, t)) out.push(t);
  return out;
}
