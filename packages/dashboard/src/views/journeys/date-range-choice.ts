// The date ranges the journey views offer (the last 7, 30 or 90 days, or two days chosen), as the `range` of a spec.
// Retention, paths, touchpoints and stages all take the same `range`.

import type { DateRange } from '../../api/types.js';

export type RangeChoice = 'last7' | 'last30' | 'last90' | 'custom';

export const RANGE_LABELS: Record<RangeChoice, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  custom: 'Custom dates',
};

const RANGE_DAYS = { last7: 7, last30: 30, last90: 90 } as const;
const DAY_MS = 86_400_000;
const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

/** A range chosen in a builder; `from` and `to` are days (YYYY-MM-DD, UTC) of a custom range, both included. */
export interface RangeChoices {
  range: RangeChoice;
  from: string;
  to: string;
}

/** The spec's `range`: relative, or from the start of `from` to the end of `to` (UTC). */
export function dateRangeOf(c: RangeChoices): DateRange {
  if (c.range !== 'custom') return { last: { value: RANGE_DAYS[c.range], unit: 'day' } };
  return { from: `${c.from}T00:00:00.000Z`, to: new Date(Date.parse(`${c.to}T00:00:00.000Z`) + DAY_MS).toISOString() };
}

/** What is wrong with a custom range, or null. */
export function rangeProblem(c: RangeChoices): string | null {
  if (c.range !== 'custom') return null;
  if (!isDay(c.from) || !isDay(c.to)) return 'Choose both dates of the range.';
  if (c.from > c.to) return 'The range must start before it ends.';
  return null;
}

/** The day `days` before `today` (both YYYY-MM-DD): the default start of a custom range. */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00.000Z`) - days * DAY_MS).toISOString().slice(0, 10);
}
