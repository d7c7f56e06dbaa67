// ISO weeks in a time zone: `2026-W47` is Monday 00:00 to the next Monday 00:00 in the project's zone. Pure.

import { WaymarkError } from '../core/errors.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface IsoWeek {
  year: number;
  week: number;
}

export interface WeekRange {
  week: string;
  /** Monday 00:00 in the zone, epoch ms (inclusive). */
  from: number;
  /** The next Monday 00:00 in the zone, epoch ms (exclusive); not always 7 × 24 h across a clock change. */
  to: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${pad(w.week)}`;
}

/** Weeks in an ISO year: 53 when 1 January or 31 December is a Thursday. */
export function weeksInYear(year: number): number {
  const thursday = (d: number) => new Date(d).getUTCDay() === 4;
  return thursday(Date.UTC(year, 0, 1)) || thursday(Date.UTC(year, 11, 31)) ? 53 : 52;
}

export function parseIsoWeek(text: string, field = 'week'): IsoWeek {
  const m = /^(\d{4})-?W(\d{2})$/.exec(text.trim());
  if (!m) throw new WaymarkError('invalid_request', `must be an ISO week like 2026-W47, not "${text}"`, { field });
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year))
    throw new WaymarkError('invalid_request', `${year} has weeks 1 to ${weeksInYear(year)}, not ${week}`, { field });
  return { year, week };
}

/** The ISO week of a civil date (year, month 1-12, day). */
export function isoWeekOf(year: number, month: number, day: number): IsoWeek {
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday 0
  const thursday = date + (3 - weekday) * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  return { year: isoYear, week: 1 + Math.floor((thursday - Date.UTC(isoYear, 0, 1)) / WEEK_MS) };
}

/** The Monday of an ISO week as a civil date at UTC midnight (epoch ms). */
function mondayOf(w: IsoWeek): number {
  const jan4 = Date.UTC(w.year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS + (w.week - 1) * WEEK_MS;
}

export function checkTimeZone(timeZone: string, field = 'timeZone'): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return timeZone;
  } catch {
    throw new WaymarkError('invalid_request', `"${timeZone}" is not a known IANA time zone`, { field });
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The civil date and time at instant `t` in the zone, as if it were UTC (epoch ms). */
function wallClock(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
}

/** The instant whose wall clock in the zone reads `wall` (a civil time as UTC epoch ms); the later one in a gap. */
export function zonedToInstant(wall: number, timeZone: string): number {
  let t = wall - (wallClock(wall, timeZone) - wall);
  const drift = wallClock(t, timeZone) - wall;
  if (drift !== 0) t -= drift;
  return t;
}

export function weekRange(w: IsoWeek, timeZone: string): WeekRange {
  const monday = mondayOf(w);
  return {
    week: formatIsoWeek(w),
    from: zonedToInstant(monday, timeZone),
    to: zonedToInstant(monday + WEEK_MS, timeZone),
  };
}

/** The week `offset` weeks after `w` (negative: before). */
export function shiftWeek(w: IsoWeek, offset: number): IsoWeek {
  const d = new Date(mondayOf(w) + offset * WEEK_MS);
  return isoWeekOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The ISO week that holds instant `t` in the zone. */
export function weekAt(t: number, timeZone: string): IsoWeek {
  const d = new Date(wallClock(t, timeZone));
  return isoWeekOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The last week that has ended at `now` in the zone: the report's default. */
export function lastCompleteWeek(now: number, timeZone: string): IsoWeek {
  return shiftWeek(weekAt(now, timeZone), -1);
}
