// The warehouse queries of the weekly report. Each reads one scan of resolved events (merges apply) and buckets it
// by boundaries computed in the project's time zone, so weeks and days follow local midnights.

import { MEMBERSHIP_EVENTS, RECORDED_EVENTS } from '../core/event.js';
import { EventQuery } from '../analytics/event-query.js';
import { ParamBinder } from '../analytics/sql-params.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** The Segment e-commerce spec's purchase event: orders, revenue and buyers are read from it. */
export const ORDER_EVENT = 'Order Completed';

const n = (x: unknown): number => Number(x ?? 0);

/**
 * The scan every query of the report starts from: persons' own events (not Waymark's recorded membership and
 * exposure events) from `from` (or the beginning) to `to`, with the person, time, event name and `extra` columns.
 * `b` binds the query's parameters; `order` is the bound name of the order event.
 */
function ownEvents(
  warehouse: Warehouse,
  projectId: string,
  range: { from?: number; to: number },
  extra: readonly string[] = [],
): { b: ParamBinder; scan: string; order: string } {
  const b = new ParamBinder(projectId);
  const q = new EventQuery(warehouse.database, b);
  const order = b.string(ORDER_EVENT);
  const time =
    range.from === undefined
      ? `ev.timestamp < fromUnixTimestamp64Milli(${b.bind(range.to, 'Int64')}, 'UTC')`
      : q.timeRange(range.from, range.to);
  const scan = q.sql({
    select: ['ev.person_id AS person_id', 'toUnixTimestamp64Milli(ev.timestamp) AS t', 'ev.event AS event', ...extra],
    where: [time, `ev.event NOT IN ${b.bind([...RECORDED_EVENTS], 'Array(String)')}`],
  });
  return { b, scan, order };
}

export interface WeekTotals {
  visitors: number;
  identified: number;
  orders: number;
  revenue: number;
  /** Σ revenue² per order (Welch on average order value). */
  orderRevenueSquares: number;
  /** Σ (revenue per visitor)² (Welch on revenue per visitor). */
  visitorRevenueSquares: number;
}

/**
 * Totals of each week whose start is in `starts` (ascending; the last week ends at `end`). Visitors are persons with
 * any event of their own (Waymark's recorded membership and exposure events do not make a visitor).
 */
export async function weekTotals(
  warehouse: Warehouse,
  projectId: string,
  starts: readonly number[],
  end: number,
): Promise<WeekTotals[]> {
  const { b, scan, order } = ownEvents(warehouse, projectId, { from: starts[0]!, to: end }, [
    'ev.user_id AS user_id',
    'ev.revenue AS revenue',
  ]);
  const rows = await warehouse.query<Record<string, unknown>>(
    `SELECT w, count() AS visitors, countIf(is_identified) AS identified, sum(n_orders) AS orders, sum(rev) AS revenue,
       sum(rev_sq) AS order_sq, sum(rev * rev) AS visitor_sq
     FROM (
       SELECT arrayCount(s -> s <= t, ${b.bind([...starts], 'Array(Int64)')}) - 1 AS w, person_id,
         max(user_id != '') AS is_identified, countIf(event = ${order}) AS n_orders,
         sumIf(revenue, event = ${order}) AS rev, sumIf(revenue * revenue, event = ${order}) AS rev_sq
       FROM (${scan}) GROUP BY w, person_id)
     GROUP BY w ORDER BY w`,
    b.params,
  );
  const byWeek = new Map(rows.map((r) => [n(r['w']), r]));
  return starts.map((_, i) => {
    const r = byWeek.get(i);
    return {
      visitors: n(r?.['visitors']),
      identified: n(r?.['identified']),
      orders: n(r?.['orders']),
      revenue: n(r?.['revenue']),
      orderRevenueSquares: n(r?.['order_sq']),
      visitorRevenueSquares: n(r?.['visitor_sq']),
    };
  });
}

export interface DailyPoint {
  visitors: number;
  orders: number;
  revenue: number;
}

/** Visitors, orders and revenue per day, for day starts `days` (ascending; the last day ends at `end`). */
export async function dailyTotals(
  warehouse: Warehouse,
  projectId: string,
  days: readonly number[],
  end: number,
): Promise<DailyPoint[]> {
  const { b, scan, order } = ownEvents(warehouse, projectId, { from: days[0]!, to: end }, ['ev.revenue AS revenue']);
  const rows = await warehouse.query<Record<string, unknown>>(
    `SELECT arrayCount(s -> s <= t, ${b.bind([...days], 'Array(Int64)')}) - 1 AS d, uniqExact(person_id) AS visitors,
       countIf(event = ${order}) AS orders, sumIf(revenue, event = ${order}) AS revenue
     FROM (${scan}) GROUP BY d`,
    b.params,
  );
  const byDay = new Map(rows.map((r) => [n(r['d']), r]));
  return days.map((_, i) => ({
    visitors: n(byDay.get(i)?.['visitors']),
    orders: n(byDay.get(i)?.['orders']),
    revenue: n(byDay.get(i)?.['revenue']),
  }));
}

export interface Firsts {
  /** Per week of `starts`: persons whose first order ever was in that week. */
  newCustomers: number[];
  /** Per week of `starts`: the cohort first seen in the 4 weeks before the week before, and how many came back. */
  cohort: { persons: number; retained: number }[];
}

/**
 * First orders and cohort retention. The cohort of a week is the persons first seen in the four weeks that end a week
 * before it ("last month's new visitors"); retained are those of them active in the week itself.
 */
export async function firsts(
  warehouse: Warehouse,
  projectId: string,
  starts: readonly number[],
  end: number,
): Promise<Firsts> {
  const WEEK = 7 * 86_400_000;
  const { b, scan, order } = ownEvents(warehouse, projectId, { to: end });
  const ends = [...starts.slice(1), end];
  const startsSql = b.bind([...starts], 'Array(Int64)');
  const endsSql = b.bind(ends, 'Array(Int64)');
  // Week boundaries are local midnights; the cohort's span is measured in whole weeks back from them.
  const cohortFrom = b.bind(
    starts.map((s) => s - 5 * WEEK),
    'Array(Int64)',
  );
  const cohortTo = b.bind(
    starts.map((s) => s - WEEK),
    'Array(Int64)',
  );
  const [row] = await warehouse.query<{ new_customers: unknown[]; cohort: unknown[]; retained: unknown[] }>(
    `SELECT
       sumForEach(arrayMap((s, e) -> toUInt64(first_order >= s AND first_order < e), ${startsSql}, ${endsSql})) AS new_customers,
       sumForEach(arrayMap((f, to) -> toUInt64(first_seen >= f AND first_seen < to), ${cohortFrom}, ${cohortTo})) AS cohort,
       sumForEach(arrayMap((f, to, i) -> toUInt64(first_seen >= f AND first_seen < to AND has(active, i)),
         ${cohortFrom}, ${cohortTo}, range(${starts.length}))) AS retained
     FROM (
       SELECT person_id, min(t) AS first_seen,
         if(countIf(event = ${order}) = 0, toInt64(-1), toInt64(minIf(t, event = ${order}))) AS first_order,
         groupUniqArrayIf(toUInt64(arrayCount(s -> s <= t, ${startsSql}) - 1), t >= ${b.bind(starts[0]!, 'Int64')}) AS active
       FROM (${scan}) GROUP BY person_id)`,
    b.params,
  );
  const nums = (xs: unknown[] | undefined) => starts.map((_, i) => n(xs?.[i]));
  const cohort = nums(row?.cohort);
  const retained = nums(row?.retained);
  return {
    newCustomers: nums(row?.new_customers),
    cohort: cohort.map((persons, i) => ({ persons, retained: retained[i]! })),
  };
}

export interface GroupWeek {
  value: string;
  visitors: number;
  converted: number;
  revenue: number;
}

/**
 * Per value of a touch column (`channel`, `campaign`) and week: visitors (each counted under the first non-empty
 * value of their week), those who ordered in the week, and their revenue.
 */
export async function byTouch(
  warehouse: Warehouse,
  projectId: string,
  column: 'channel' | 'campaign',
  starts: readonly number[],
  end: number,
): Promise<GroupWeek[][]> {
  const { b, scan, order } = ownEvents(warehouse, projectId, { from: starts[0]!, to: end }, [
    'ev.revenue AS revenue',
    `ev.${column} AS touch`,
  ]);
  const rows = await warehouse.query<Record<string, unknown>>(
    `SELECT w, value, count() AS visitors, countIf(n_orders > 0) AS converted, sum(rev) AS revenue
     FROM (
       SELECT arrayCount(s -> s <= t, ${b.bind([...starts], 'Array(Int64)')}) - 1 AS w, person_id,
         argMinIf(touch, t, touch != '') AS value, countIf(event = ${order}) AS n_orders,
         sumIf(revenue, event = ${order}) AS rev
       FROM (${scan}) GROUP BY w, person_id)
     GROUP BY w, value`,
    b.params,
  );
  return starts.map((_, i) =>
    rows
      .filter((r) => n(r['w']) === i)
      .map((r) => ({
        value: String(r['value'] ?? '') || '(none)',
        visitors: n(r['visitors']),
        converted: n(r['converted']),
        revenue: n(r['revenue']),
      })),
  );
}

export interface SegmentWeek {
  segment: string;
  size: number;
  previousSize: number;
  entered: number;
  exited: number;
  /** Revenue in the week of the members at the week's end. */
  revenue: number;
}

/** Size at the start and end of the week, moves during it, and members' revenue, for every segment in `ids`. */
export async function segmentWeeks(
  warehouse: Warehouse,
  projectId: string,
  ids: readonly string[],
  from: number,
  to: number,
): Promise<SegmentWeek[]> {
  if (ids.length === 0) return [];
  const b = new ParamBinder(projectId);
  const q = new EventQuery(warehouse.database, b);
  const [entered, exited] = MEMBERSHIP_EVENTS.map((e) => b.string(e));
  const fromSql = b.bind(from, 'Int64');
  const changes = q.sql({
    select: [
      'ev.person_id AS person_id',
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      'ev.event AS event',
      "JSONExtractString(ev.properties, 'segment_id') AS segment",
    ],
    where: [
      `ev.event IN ${b.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `ev.timestamp < fromUnixTimestamp64Milli(${b.bind(to, 'Int64')}, 'UTC')`,
      `JSONExtractString(ev.properties, 'segment_id') IN ${b.bind([...ids], 'Array(String)')}`,
    ],
  });
  const q2 = new EventQuery(warehouse.database, b);
  const revenue = q2.sql({
    select: ['ev.person_id AS person_id', 'ev.revenue AS revenue'],
    where: [q2.timeRange(from, to), `ev.event = ${b.string(ORDER_EVENT)}`],
  });
  const rows = await warehouse.query<Record<string, unknown>>(
    `SELECT segment, countIf(now_in) AS size, countIf(before_in) AS previous_size, sum(ins) AS entered,
       sum(outs) AS exited, sumIf(r.revenue, now_in) AS revenue
     FROM (
       SELECT segment, person_id, argMax(event, t) = ${entered} AS now_in,
         argMaxIf(event, t, t < ${fromSql}) = ${entered} AS before_in,
         countIf(event = ${entered} AND t >= ${fromSql}) AS ins, countIf(event = ${exited} AND t >= ${fromSql}) AS outs
       FROM (${changes}) GROUP BY segment, person_id) AS m
     LEFT JOIN (SELECT person_id, sum(revenue) AS revenue FROM (${revenue}) GROUP BY person_id) AS r
       ON r.person_id = m.person_id
     GROUP BY segment`,
    b.params,
  );
  const bySegment = new Map(rows.map((r) => [String(r['segment']), r]));
  return ids.map((segment) => {
    const r = bySegment.get(segment);
    return {
      segment,
      size: n(r?.['size']),
      previousSize: n(r?.['previous_size']),
      entered: n(r?.['entered']),
      exited: n(r?.['exited']),
      revenue: n(r?.['revenue']),
    };
  });
}

/** The most common currency of the orders in the range, or null when none states one. */
export async function orderCurrency(warehouse: Warehouse, projectId: string, from: number, to: number) {
  const b = new ParamBinder(projectId);
  const q = new EventQuery(warehouse.database, b);
  const scan = q.sql({
    select: ['ev.currency AS currency'],
    where: [q.timeRange(from, to), `ev.event = ${b.string(ORDER_EVENT)}`, "ev.currency != ''"],
  });
  const [row] = await warehouse.query<{ currency: string }>(
    `SELECT currency FROM (${scan}) GROUP BY currency ORDER BY count() DESC, currency LIMIT 1`,
    b.params,
  );
  return row?.currency ?? null;
}
