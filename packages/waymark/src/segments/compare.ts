// Two segment analyses of the query API: `segment-overlap` (how many persons several segments share, pair by pair)
// and `segment-compare` (what sets one segment's members apart from another's: the events they did in the range,
// their first-touch channel, device and country, and chosen traits, each with the share in both segments, the lift
// and a two-proportion test).

import Type from 'typebox';
import type { Analysis, AnalysisContext, ResultTable } from '../analytics/analysis.js';
import { RangeSchema, resolveRange, type RangeSpec } from '../analytics/date-range.js';
import { EventQuery } from '../analytics/event-query.js';
import { jsonKeysSql } from '../analytics/property.js';
import { segmentCondition } from '../analytics/segment-filter.js';
import { ensure, specChecker } from '../analytics/spec-check.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { twoProportionTest } from '../stats/proportions.js';
import { NON_BEHAVIOURAL } from '../analytics/behaviour.js';
import { segmentsFactsSql } from './compile.js';

const segmentId = Type.String({ minLength: 1, maxLength: 64 });

export interface SegmentOverlapSpec {
  segments: string[];
}

export interface SegmentOverlap {
  /** Persons seen so far, members or not. */
  persons: number;
  segments: { id: string; size: number }[];
  /** `shared[i][j]`: members of both segment i and segment j (the diagonal is each segment's size). */
  shared: number[][];
}

const overlapChecker = specChecker<SegmentOverlapSpec>(
  Type.Object(
    { segments: Type.Array(segmentId, { minItems: 2, maxItems: 20, uniqueItems: true }) },
    { additionalProperties: false },
  ),
  'segment-overlap',
);

export const segmentOverlapAnalysis: Analysis<SegmentOverlapSpec, SegmentOverlap> = {
  name: 'segment-overlap',
  description: 'how many members segments share, pair by pair',
  parse: (raw) => overlapChecker.check(raw),
  async run(ctx, projectId, spec) {
    const conditions = await Promise.all(spec.segments.map((id) => segmentCondition(ctx, projectId, id)));
    const binder = new ParamBinder(projectId);
    const { facts, members } = segmentsFactsSql(ctx.warehouse.database, binder, conditions, ctx.now());
    const flags = members.map((m) => `toUInt8(${m})`).join(', ');
    // Pairwise counts: one countIf per pair, in one scan.
    const n = members.length;
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
    const [counts] = await ctx.warehouse.query<{ persons: number; c: number[] }>(
      `SELECT count() AS persons, [${pairs.map(([i, j]) => `countIf(m[${i + 1}] = 1 AND m[${j + 1}] = 1)`).join(', ')}] AS c
       FROM (SELECT [${flags}] AS m FROM (${facts}))`,
      binder.params,
    );
    const shared = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    pairs.forEach(([i, j], k) => {
      const v = Number(counts?.c[k] ?? 0);
      (shared[i] as number[])[j] = v;
      (shared[j] as number[])[i] = v;
    });
    return {
      persons: Number(counts?.persons ?? 0),
      segments: spec.segments.map((id, i) => ({ id, size: (shared[i] as number[])[i] as number })),
      shared,
    };
  },
  table(result): ResultTable {
    return {
      columns: ['segment', 'members', ...result.segments.map((s) => s.id)],
      rows: result.segments.map((s, i) => [s.id, s.size, ...(result.shared[i] as number[])]),
    };
  },
};

export interface SegmentCompareSpec {
  a: string;
  b: string;
  /** Events done within the range count as behaviour (default: the last 30 days). */
  range?: RangeSpec;
  /** Person traits to compare, value by value (e.g. `plan`, `country`). */
  traits?: string[];
  /** How many differences to list, most significant first (default 30). */
  limit?: number;
}

export interface SegmentDifference {
  kind: 'event' | 'channel' | 'device' | 'country' | 'trait';
  /** The trait's name for `trait`, else the same as `kind`. */
  dimension: string;
  value: string;
  a: { persons: number; share: number };
  b: { persons: number; share: number };
  /** share in a / share in b (null when b has none). */
  lift: number | null;
  /** Two-sided p-value of the two-proportion z-test. */
  p: number;
}

export interface SegmentComparison {
  a: { id: string; size: number };
  b: { id: string; size: number };
  /** Members of both (they count in both shares). */
  both: number;
  range: { from: string; to: string };
  differences: SegmentDifference[];
}

const compareChecker = specChecker<SegmentCompareSpec>(
  Type.Object(
    {
      a: segmentId,
      b: segmentId,
      range: Type.Optional(RangeSchema),
      traits: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 10 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    },
    { additionalProperties: false },
  ),
  'segment-compare',
);

async function compare(ctx: AnalysisContext, projectId: string, spec: SegmentCompareSpec): Promise<SegmentComparison> {
  const now = ctx.now();
  const range = resolveRange(spec.range, now);
  const [ca, cb] = await Promise.all([
    segmentCondition(ctx, projectId, spec.a),
    segmentCondition(ctx, projectId, spec.b),
  ]);
  const db = ctx.warehouse.database;
  const binder = new ParamBinder(projectId);
  const { facts, members } = segmentsFactsSql(db, binder, [ca, cb], now);
  const inAny = `SELECT person_id, toUInt8(${members[0]}) AS in_a, toUInt8(${members[1]}) AS in_b FROM (${facts})
    WHERE in_a = 1 OR in_b = 1`;
  const traits = spec.traits ?? [];
  const q = new EventQuery(db, binder);
  const from = `fromUnixTimestamp64Milli(${binder.bind(range.from, 'Int64')}, 'UTC')`;
  const traitColumns = traits.map((t, i) => {
    const raw = `JSONExtractRaw(ev.traits, ${jsonKeysSql(t.split('.'), binder)})`;
    return `argMaxIf(${raw}, ev.timestamp, ${raw} NOT IN ('', 'null')) AS t${i}`;
  });
  const perPerson = q.sql({
    select: [
      'ev.person_id AS person_id',
      `groupUniqArrayIf(ev.event, ev.timestamp >= ${from} AND ev.event NOT IN ${binder.bind(NON_BEHAVIOURAL, 'Array(String)')}) AS events`,
      "argMinIf(ev.channel, ev.timestamp, ev.channel != '') AS channel",
      "argMinIf(ev.device_type, ev.timestamp, ev.device_type != '') AS device",
      "argMinIf(ev.country, ev.timestamp, ev.country != '') AS country",
      ...traitColumns,
    ],
    where: [`ev.timestamp < fromUnixTimestamp64Milli(${binder.bind(range.to, 'Int64')}, 'UTC')`],
  });
  const traitPairs = traits.map(
    (t, i) => `('trait', ${binder.string(t)}, if(startsWith(d.t${i}, '"'), JSONExtractString(d.t${i}), d.t${i}))`,
  );
  const facets = `arrayConcat(arrayMap(e -> ('event', 'event', e), d.events),
    [('channel', 'channel', d.channel), ('device', 'device', d.device), ('country', 'country', d.country)${traitPairs.map((p) => `, ${p}`).join('')}])`;
  const [rows, totals] = await Promise.all([
    ctx.warehouse.query<{ kind: string; dimension: string; value: string; in_a: number; in_b: number }>(
      `SELECT f.1 AS kind, f.2 AS dimension, f.3 AS value, countIf(m.in_a = 1) AS in_a, countIf(m.in_b = 1) AS in_b
       FROM (${inAny}) AS m INNER JOIN (${perPerson} GROUP BY person_id) AS d ON d.person_id = m.person_id
       ARRAY JOIN ${facets} AS f
       GROUP BY kind, dimension, value`,
      binder.params,
    ),
    ctx.warehouse.query<{ a: number; b: number; both: number }>(
      `SELECT sum(in_a) AS a, sum(in_b) AS b, countIf(in_a = 1 AND in_b = 1) AS both FROM (${inAny})`,
      binder.params,
    ),
  ]);
  const na = Number(totals[0]?.a ?? 0);
  const nb = Number(totals[0]?.b ?? 0);
  const differences = rows
    .filter((r) => r.value !== '')
    .map((r): SegmentDifference => {
      const xa = Number(r.in_a);
      const xb = Number(r.in_b);
      const sa = na === 0 ? 0 : xa / na;
      const sb = nb === 0 ? 0 : xb / nb;
      return {
        kind: r.kind as SegmentDifference['kind'],
        dimension: r.dimension,
        value: r.value,
        a: { persons: xa, share: sa },
        b: { persons: xb, share: sb },
        lift: sb === 0 ? null : sa / sb,
        p: twoProportionTest(xa, na, xb, nb).p,
      };
    })
    .sort((x, y) => x.p - y.p || Math.abs(y.a.share - y.b.share) - Math.abs(x.a.share - x.b.share))
    .slice(0, spec.limit ?? 30);
  return {
    a: { id: spec.a, size: na },
    b: { id: spec.b, size: nb },
    both: Number(totals[0]?.both ?? 0),
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    differences,
  };
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

export const segmentCompareAnalysis: Analysis<SegmentCompareSpec, SegmentComparison> = {
  name: 'segment-compare',
  description: "what sets one segment's members apart from another's: events, channels, devices, traits, with tests",
  parse: (raw) => {
    const spec = compareChecker.check(raw);
    ensure(spec.a !== spec.b, 'b', 'must be another segment than "a"');
    resolveRange(spec.range, Date.now());
    return spec;
  },
  run: compare,
  table(result): ResultTable {
    return {
      columns: ['kind', 'dimension', 'value', `% of ${result.a.id}`, `% of ${result.b.id}`, 'lift', 'p'],
      rows: result.differences.map((d) => [
        d.kind,
        d.dimension,
        d.value,
        pct(d.a.share),
        pct(d.b.share),
        d.lift === null ? null : Math.round(d.lift * 100) / 100,
        Number(d.p.toPrecision(3)),
      ]),
    };
  },
};
