// Segment insights, an analysis of the query API: how a segment's recorded membership moved over time (size, entered,
// exited per period), what its current members are worth (revenue per member in the range) and where they came from
// (first-touch channel and device).

import Type from 'typebox';
import type { Analysis, AnalysisContext, ResultTable } from '../analytics/analysis.js';
import { RangeSchema, resolveRange, type RangeSpec, type TimeRange } from '../analytics/date-range.js';
import { EventQuery } from '../analytics/event-query.js';
import { segmentCondition } from '../analytics/segment-filter.js';
import { specChecker } from '../analytics/spec-check.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { periodStartSql, periodStarts, type Period } from '../analytics/time-units.js';
import { MEMBERSHIP_EVENTS, segmentFactsSql } from './compile.js';
import { SEGMENT_ENTERED } from './membership.js';

const INTERVALS = ['day', 'week', 'month'] as const;

export interface SegmentInsightsSpec {
  segment: string;
  range?: RangeSpec;
  interval?: (typeof INTERVALS)[number];
  /** Values listed per breakdown (first-touch channel, device) before "Other". */
  limit?: number;
}

const insightsChecker = specChecker<SegmentInsightsSpec>(
  Type.Object(
    {
      segment: Type.String({ minLength: 1, maxLength: 64 }),
      range: Type.Optional(RangeSchema),
      interval: Type.Optional(Type.Enum(INTERVALS)),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    },
    { additionalProperties: false },
  ),
  'segment-insights',
);

export interface SegmentPeriod {
  period: string;
  /** Recorded members at the end of the period. */
  size: number;
  entered: number;
  exited: number;
}

export interface ValueCount {
  value: string;
  persons: number;
  share: number;
}

export interface SegmentInsights {
  segment: string;
  range: { from: string; to: string };
  interval: Period;
  /** Members now, by the definition. */
  size: number;
  persons: number;
  periods: SegmentPeriod[];
  /** Revenue of the current members within the range, in total and per member. */
  revenue: number;
  revenuePerMember: number;
  /** Share of current members who bought (any `$revenue` > 0) within the range. */
  buyers: number;
  channels: ValueCount[];
  devices: ValueCount[];
}

function top(rows: { value: string; persons: number }[], total: number, limit: number): ValueCount[] {
  const sorted = [...rows].sort((a, b) => b.persons - a.persons || a.value.localeCompare(b.value));
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((n, r) => n + r.persons, 0);
  if (rest > 0) shown.push({ value: 'Other', persons: rest });
  return shown.map((r) => ({
    value: r.value || '(none)',
    persons: r.persons,
    share: total === 0 ? 0 : r.persons / total,
  }));
}

async function insights(ctx: AnalysisContext, projectId: string, spec: SegmentInsightsSpec): Promise<SegmentInsights> {
  const now = ctx.now();
  const range: TimeRange = resolveRange(spec.range, now);
  const interval = spec.interval ?? 'week';
  const limit = spec.limit ?? 8;
  const condition = await segmentCondition(ctx, projectId, spec.segment);
  const db = ctx.warehouse.database;

  // 1. Recorded membership over time: per person, the latest change before each period's end.
  const starts = periodStarts(interval, range.from, range.to);
  const ends = [...starts.slice(1), range.to];
  const b1 = new ParamBinder(projectId);
  const q1 = new EventQuery(db, b1);
  const changes = q1.sql({
    select: ['ev.person_id AS person_id', 'toUnixTimestamp64Milli(ev.timestamp) AS t', 'ev.event AS change'],
    where: [
      `ev.event IN ${b1.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `JSONExtractString(ev.properties, 'segment_id') = ${b1.string(spec.segment)}`,
      `ev.timestamp < fromUnixTimestamp64Milli(${b1.bind(range.to, 'Int64')}, 'UTC')`,
    ],
  });
  const endsSql = b1.bind(ends, 'Array(Float64)');
  const entered = b1.string(SEGMENT_ENTERED);
  const [timeline] = await ctx.warehouse.query<{ sizes: number[] }>(
    `SELECT sumForEach(arrayMap(p -> toUInt64(arrayLast((c, t) -> t < p, cs, ts) = ${entered}), ${endsSql})) AS sizes
     FROM (SELECT person_id, arrayMap(x -> x.2, s) AS cs, arrayMap(x -> x.1, s) AS ts
       FROM (SELECT person_id, arraySort(groupArray((t, change))) AS s FROM (${changes}) GROUP BY person_id))`,
    b1.params,
  );
  const b2 = new ParamBinder(projectId);
  const q2 = new EventQuery(db, b2);
  const moves = await ctx.warehouse.query<{ period: number; entered: number; exited: number }>(
    `SELECT toUnixTimestamp64Milli(toDateTime64(${periodStartSql(interval, 'ev.timestamp')}, 3, 'UTC')) AS period,
       countIf(ev.event = ${b2.string(SEGMENT_ENTERED)}) AS entered, countIf(ev.event != ${b2.string(SEGMENT_ENTERED)}) AS exited
     FROM (${q2.sql({
       select: ['ev.timestamp AS timestamp', 'ev.event AS event'],
       where: [
         `ev.event IN ${b2.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
         `JSONExtractString(ev.properties, 'segment_id') = ${b2.string(spec.segment)}`,
         q2.timeRange(range.from, range.to),
       ],
     })}) AS ev GROUP BY period`,
    b2.params,
  );
  const byPeriod = new Map(moves.map((m) => [Number(m.period), m]));
  const sizes = timeline?.sizes ?? [];
  const periods = starts.map((start, i) => ({
    period: new Date(start).toISOString(),
    size: Number(sizes[i] ?? 0),
    entered: Number(byPeriod.get(start)?.entered ?? 0),
    exited: Number(byPeriod.get(start)?.exited ?? 0),
  }));

  // 2. Current members: size, revenue in the range, first-touch channel and device.
  const b3 = new ParamBinder(projectId);
  const facts = segmentFactsSql(db, b3, condition, now);
  const q3 = new EventQuery(db, b3);
  q3.restrict(`ev.person_id IN (SELECT person_id FROM (${facts.facts}) WHERE ${facts.member})`);
  const perMember = q3.sql({
    select: [
      'ev.person_id AS person_id',
      `sumIf(ev.revenue, ev.timestamp >= fromUnixTimestamp64Milli(${b3.bind(range.from, 'Int64')}, 'UTC')) AS person_revenue`,
      `argMinIf(ev.channel, ev.timestamp, ev.channel != '') AS channel`,
      `argMinIf(ev.device_type, ev.timestamp, ev.device_type != '') AS device`,
    ],
    where: [`ev.timestamp < fromUnixTimestamp64Milli(${b3.bind(range.to, 'Int64')}, 'UTC')`],
  });
  const [summary] = await ctx.warehouse.query<{ size: number; revenue: number; buyers: number }>(
    `SELECT count() AS size, sum(person_revenue) AS revenue, countIf(person_revenue > 0) AS buyers
     FROM (${perMember} GROUP BY person_id)`,
    b3.params,
  );
  const groups = await ctx.warehouse.query<{ dim: string; value: string; persons: number }>(
    `SELECT dim, value, count() AS persons FROM (${perMember} GROUP BY person_id)
     ARRAY JOIN ['channel', 'device'] AS dim, [channel, device] AS value GROUP BY dim, value`,
    b3.params,
  );
  const size = Number(summary?.size ?? 0);
  const [{ persons } = { persons: 0 }] = await ctx.warehouse.query<{ persons: number }>(
    `SELECT count() AS persons FROM (${facts.facts})`,
    b3.params,
  );
  const revenue = Number(summary?.revenue ?? 0);
  return {
    segment: spec.segment,
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    interval,
    size,
    persons: Number(persons),
    periods,
    revenue,
    revenuePerMember: size === 0 ? 0 : revenue / size,
    buyers: size === 0 ? 0 : Number(summary?.buyers ?? 0) / size,
    channels: top(
      groups.filter((g) => g.dim === 'channel').map((g) => ({ value: g.value, persons: Number(g.persons) })),
      size,
      limit,
    ),
    devices: top(
      groups.filter((g) => g.dim === 'device').map((g) => ({ value: g.value, persons: Number(g.persons) })),
      size,
      limit,
    ),
  };
}

export const segmentInsightsAnalysis: Analysis<SegmentInsightsSpec, SegmentInsights> = {
  name: 'segment-insights',
  description: "a segment's size, entries and exits over time, revenue per member, first-touch channels and devices",
  parse: (raw) => {
    const spec = insightsChecker.check(raw);
    resolveRange(spec.range, Date.now());
    return spec;
  },
  run: insights,
  table(result): ResultTable {
    return {
      columns: ['period', 'members', 'entered', 'exited'],
      rows: result.periods.map((p) => [p.period.slice(0, 10), p.size, p.entered, p.exited]),
    };
  },
};
