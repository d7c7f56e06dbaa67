// How segments' recorded membership moved lately, for a list of segments: members at the end of each of the last N
// days, and who entered and exited in the last 7 days. Read from the `Segment Entered` / `Segment Exited` events in
// one warehouse query for all the segments (a list page must not cost a query per segment).

import { EventQuery } from '../analytics/event-query.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { WaymarkError } from '../core/errors.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { MEMBERSHIP_EVENTS } from './compile.js';
import { SEGMENT_ENTERED } from './membership.js';

const DAY_MS = 86_400_000;
/** The window of `entered` / `exited`. */
export const TREND_WEEK_DAYS = 7;
export const MAX_TREND_DAYS = 366;

export interface SegmentTrend {
  /** Recorded members at the end of each UTC day, oldest first; the last day ends now. */
  daily: { day: string; size: number }[];
  /** Persons who entered and who exited in the last 7 days; `change` is entered minus exited. */
  lastWeek: { entered: number; exited: number; change: number };
}

/** `days` as a query parameter gives it: a whole number of days from 1 to 366. */
export function trendDays(value: string | number | undefined, field = 'trend'): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TREND_DAYS)
    throw new WaymarkError('invalid_request', `${field} must be a whole number of days from 1 to ${MAX_TREND_DAYS}`, {
      field,
    });
  return n;
}

/** The UTC days of the trend, oldest first, and the moment each one's count is taken (its end, or now for today). */
export function trendDayEnds(days: number, now: number): { day: string; end: number }[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, i) => {
    const start = today - (days - 1 - i) * DAY_MS;
    // A change recorded at `now` itself counts today (a refresh stamps its events with the time it ran).
    return { day: new Date(start).toISOString().slice(0, 10), end: Math.min(start + DAY_MS, now + 1) };
  });
}

/** The trend of each of `segmentIds` (segments with no recorded change have a flat zero trend). */
export async function segmentTrends(
  warehouse: Warehouse,
  projectId: string,
  segmentIds: readonly string[],
  days: number,
  now: number,
): Promise<Map<string, SegmentTrend>> {
  const ends = trendDayEnds(days, now);
  const empty = (): SegmentTrend => ({
    daily: ends.map((e) => ({ day: e.day, size: 0 })),
    lastWeek: { entered: 0, exited: 0, change: 0 },
  });
  const trends = new Map(segmentIds.map((id) => [id, empty()]));
  if (segmentIds.length === 0) return trends;

  const binder = new ParamBinder(projectId);
  const q = new EventQuery(warehouse.database, binder);
  const changes = q.sql({
    select: [
      'ev.person_id AS person_id',
      "JSONExtractString(ev.properties, 'segment_id') AS segment_id",
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      'ev.event AS change',
    ],
    where: [
      `ev.event IN ${binder.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `JSONExtractString(ev.properties, 'segment_id') IN ${binder.bind(segmentIds, 'Array(String)')}`,
      `ev.timestamp <= fromUnixTimestamp64Milli(${binder.bind(now, 'Int64')}, 'UTC')`,
    ],
  });
  const entered = binder.string(SEGMENT_ENTERED);
  const weekStart = binder.bind(now - TREND_WEEK_DAYS * DAY_MS, 'Int64');
  const endsSql = binder.bind(
    ends.map((e) => e.end),
    'Array(Float64)',
  );
  // Per person and segment, the changes in time order; a person is a member at a moment when their latest change
  // before it is `Segment Entered`. Summed per segment, that gives the size at the end of each day.
  const rows = await warehouse.query<{ segment_id: string; sizes: number[]; entered: number; exited: number }>(
    `SELECT segment_id,
       sumForEach(arrayMap(p -> toUInt64(arrayLast((c, t) -> t < p, cs, ts) = ${entered}), ${endsSql})) AS sizes,
       sum(entered) AS entered, sum(exited) AS exited
     FROM (
       SELECT segment_id, arrayMap(x -> x.2, s) AS cs, arrayMap(x -> x.1, s) AS ts, entered, exited
       FROM (
         SELECT person_id, segment_id, arraySort(groupArray((t, change))) AS s,
           countIf(change = ${entered} AND t >= ${weekStart}) AS entered,
           countIf(change != ${entered} AND t >= ${weekStart}) AS exited
         FROM (${changes}) GROUP BY person_id, segment_id))
     GROUP BY segment_id`,
    binder.params,
  );
  for (const row of rows) {
    const trend = trends.get(row.segment_id);
    if (!trend) continue;
    trend.daily = ends.map((e, i) => ({ day: e.day, size: Number(row.sizes[i] ?? 0) }));
    const [inWeek, outWeek] = [Number(row.entered), Number(row.exited)];
    trend.lastWeek = { entered: inWeek, exited: outWeek, change: inWeek - outWeek };
  }
  return trends;
}
