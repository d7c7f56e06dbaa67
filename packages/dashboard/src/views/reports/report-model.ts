// What the Reports view works out itself: ISO weeks (the default week to build is the last complete one in the
// project's time zone, as the server's default), the week's dates, and which deliveries need attention. Pure.

import type { DeliveryStatus, ReportDelivery } from '../../api/reports.js';

const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week of a civil date (month 1-12): `2026-W48`. Week 1 holds the year's first Thursday. */
export function isoWeekOf(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${isoYear}-W${pad(week)}`;
}

/** The civil date of an instant in a time zone (an unknown zone reads as UTC). */
function civilDate(now: number, timeZone: string): { year: number; month: number; day: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(new Date(now));
  } catch {
    return civilDate(now, 'UTC');
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The last week that has ended at `now` in the time zone: what the server builds when given no week. */
export function lastCompleteWeek(now: number, timeZone: string): string {
  const { year, month, day } = civilDate(now, timeZone);
  const weekAgo = new Date(Date.UTC(year, month - 1, day) - 7 * DAY_MS);
  return isoWeekOf(weekAgo.getUTCFullYear(), weekAgo.getUTCMonth() + 1, weekAgo.getUTCDate());
}

const weeksInYear = (year: number) => (isoWeekOf(year, 12, 28) === `${year}-W53` ? 53 : 52);

/** Checks a typed week (`2026-W48`, `2026W48`, lower case too) as the server will; the problem is worded for the field. */
export function checkWeek(text: string): { week: string } | { problem: string } {
  const m = /^(\d{4})-?[Ww](\d{1,2})$/.exec(text.trim());
  if (!m) return { problem: `must be an ISO week like 2026-W47, not "${text}"` };
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year))
    return { problem: `${year} has weeks 1 to ${weeksInYear(year)}, not ${week}` };
  return { week: `${year}-W${pad(week)}` };
}

/** Monday to Sunday of a week, in words: `2026-W48` → `23 Nov – 29 Nov 2026`. */
export function weekDates(week: string): string {
  const checked = checkWeek(week);
  if ('problem' in checked) return week;
  const [year, w] = checked.week.split('-W').map(Number) as [number, number];
  // Monday of week 1 is the Monday on or before 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (w - 1) * 7 * DAY_MS;
  const day = (t: number) =>
    new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day(monday)} – ${day(monday + 6 * DAY_MS)} ${new Date(monday + 6 * DAY_MS).getUTCFullYear()}`;
}

/** A time of the log or the archive in the reader's zone: `Nov 23, 08:00`; `–` when unset. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Sending',
  retrying: 'Retrying',
  sent: 'Sent',
  failed: 'Failed',
};

/** The deliveries that need attention: of the newest week in the log, the targets whose latest delivery failed. */
export interface DeliveryAlert {
  week: string;
  failed: ReportDelivery[];
  /** Deliveries of that week still waiting for another attempt. */
  retrying: number;
  /** Targets of that week. */
  targets: number;
}

/**
 * Reads the log (newest first, as the API lists it). A target sent again after a failure (a schedule firing again,
 * a send-now) counts by its latest row, so a failure that has since been put right raises no alert.
 */
export function deliveryAlert(deliveries: readonly ReportDelivery[]): DeliveryAlert | null {
  const week = deliveries.reduce<string | null>((max, d) => (max === null || d.week > max ? d.week : max), null);
  if (week === null) return null;
  const latest = new Map<string, ReportDelivery>();
  for (const d of deliveries) {
    if (d.week !== week) continue;
    const key = `${d.channel} ${d.target}`;
    const seen = latest.get(key);
    if (!seen || d.createdAt > seen.createdAt) latest.set(key, d);
  }
  const rows = [...latest.values()];
  const failed = rows.filter((d) => d.status === 'failed');
  const retrying = rows.filter((d) => d.status === 'retrying').length;
  return failed.length === 0 && retrying === 0 ? null : { week, failed, retrying, targets: rows.length };
}

/** The alert in a sentence: `1 of 3 deliveries of the 2026-W48 report failed.` */
export function alertSentence(alert: DeliveryAlert): string {
  const parts: string[] = [];
  if (alert.failed.length > 0)
    parts.push(
      `${alert.failed.length} of ${alert.targets} ${alert.targets === 1 ? 'delivery' : 'deliveries'} of the ${alert.week} report failed.`,
    );
  if (alert.retrying > 0)
    parts.push(`${alert.retrying} ${alert.retrying === 1 ? 'is' : 'are'} waiting to be tried again.`);
  return parts.join(' ');
}

/** What a send-now achieved, in a sentence for the status line. */
export function sendSentence(deliveries: readonly ReportDelivery[], week: string): string {
  const count = (s: DeliveryStatus) => deliveries.filter((d) => d.status === s).length;
  const parts = [`${count('sent')} of ${deliveries.length} sent`];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  if (count('retrying') + count('pending') > 0) parts.push(`${count('retrying') + count('pending')} to be tried again`);
  return `The ${week} report: ${parts.join(', ')}.`;
}
