import { describe, expect, it } from 'vitest';
import { compileTrends, trendsPlan } from './trends-sql.js';
import { parseTrendsSpec, type TrendsSpec } from './trends-spec.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const range = { from: '2026-11-02T00:00:00Z', to: '2026-11-06T00:00:00Z' };
const compile = (raw: object) => {
  const spec: TrendsSpec = parseTrendsSpec(raw, NOW);
  return compileTrends('db', 'shop', spec, trendsPlan(spec, NOW));
};
const squash = (sql: string): string => sql.replace(/\s+/g, ' ');

describe('compiled trends SQL', () => {
  it('binds every value of the spec, never inlining it', () => {
    const { sql, params } = compile({
      series: [
        {
          event: "Order'Completed",
          measure: 'sum',
          property: 'price; DROP TABLE',
          where: [{ property: 'coupon', op: 'eq', value: 'X"Y' }],
        },
      ],
      range,
      breakdown: { property: 'utm_campaign', limit: 3 },
    });
    for (const text of ["Order'Completed", 'DROP TABLE', 'X"Y']) expect(sql).not.toContain(text);
    expect(Object.values(params)).toEqual(
      expect.arrayContaining(["Order'Completed", 'price; DROP TABLE', 'X"Y', 3, 'shop']),
    );
    expect(sql).toContain('{project:String}');
  });

  it('one scan per series, each aggregating its own measure per shifted flag, value and period', () => {
    const { sql } = compile({
      series: [
        { event: 'Order Completed', measure: 'persons' },
        { event: 'Order Completed', measure: 'median', property: '$revenue' },
      ],
      range,
    });
    const parts = sql.split('\nUNION ALL\n');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^SELECT 0 AS series/);
    expect(parts[0]).toContain('uniqExactState(person_id) AS st');
    expect(parts[0]).toContain('uniqExactMerge(st)');
    expect(parts[1]).toMatch(/^SELECT 1 AS series/);
    expect(parts[1]).toContain('quantileExactInclusiveState(0.5)(x) AS st');
    // The derived revenue column is read as a number directly.
    expect(parts[1]).toContain('ev.revenue AS x');
    for (const part of parts) {
      expect(squash(part)).toContain('GROUP BY GROUPING SETS ((shifted, line, period), (shifted, line))');
      expect(part).toContain('toStartOfDay(ev.timestamp) AS period');
    }
  });

  it('"all events" leaves identity calls out', () => {
    const { sql, params } = compile({ series: [{ measure: 'count' }], range });
    expect(sql).toMatch(/ev\.event NOT IN \{p\d+:Array\(String\)\}/);
    expect(Object.values(params)).toContainEqual([
      '$identify',
      '$alias',
      '$group',
      'Segment Entered',
      'Segment Exited',
      'Experiment Viewed',
      'Slot Viewed',
    ]);
  });

  it('filters events before resolving persons and person properties after', () => {
    const { sql } = compile({
      series: [{ event: 'Order Completed', where: [{ property: 'coupon', op: 'is_set' }] }],
      where: [{ on: 'person', property: 'plan', op: 'eq', value: 'gold' }],
      range,
    });
    const join = sql.indexOf('LEFT JOIN (SELECT person_id');
    expect(join).toBeGreaterThan(0);
    expect(sql.indexOf('JSONExtractRaw(ev.properties')).toBeLessThan(join);
    expect(sql.lastIndexOf('pp.p0')).toBeGreaterThan(join);
  });

  it('compares by scanning the previous period too and moving its events forward into the range', () => {
    const { sql, params } = compile({ series: [{ event: 'Order Completed' }], range, compare: true });
    expect(sql).toContain('if(shifted = 1, addMilliseconds(ev.timestamp, ');
    // An event in both periods (a relative range overlaps its previous one) yields a row for each.
    expect(sql).toContain('toUInt8(arrayJoin(arrayFilter(s -> s < 2, [if(');
    expect(Object.values(params)).toContain(4 * 86_400_000);
    // The scan starts where the previous period does.
    expect(Object.values(params)).toContain(Date.parse('2026-10-29T00:00:00Z'));
  });

  it('ranks breakdown values in ClickHouse and folds the rest into "Other" before merging', () => {
    const { sql, params } = compile({
      series: [{ event: 'Order Completed', measure: 'persons' }],
      range,
      breakdown: { on: 'person', property: 'plan', limit: 2 },
    });
    expect(sql).toContain('ifNull(uniqExactMergeIf(st, shifted = 0) OVER (PARTITION BY value), 0) AS rank_key');
    expect(sql).toContain('dense_rank() OVER (ORDER BY rank_key DESC, value) AS rank');
    expect(sql).toMatch(/if\(rank <= \{p\d+:Int64\}, value, \{p\d+:String\}\) AS line/);
    expect(Object.values(params)).toEqual(expect.arrayContaining([2, 'Other']));
  });

  it('averages rank breakdown values by events, sums by their sum', () => {
    const avg = compile({
      series: [{ event: 'Order Completed', measure: 'average', property: 'price' }],
      range,
      breakdown: { property: 'coupon' },
    });
    expect(avg.sql).toContain('sumIf(n, shifted = 0) OVER (PARTITION BY value)');
    const sum = compile({
      series: [{ event: 'Order Completed', measure: 'sum', property: 'price' }],
      range,
      breakdown: { property: 'coupon' },
    });
    expect(sum.sql).toContain('ifNull(sumMergeIf(st, shifted = 0) OVER (PARTITION BY value), 0)');
  });

  it('buckets by the interval, weeks from Monday', () => {
    expect(compile({ series: [{}], range, interval: 'week' }).sql).toContain(
      "toDateTime(toMonday(ev.timestamp), 'UTC') AS period",
    );
    expect(compile({ series: [{}], range, interval: 'hour' }).sql).toContain('toStartOfHour(ev.timestamp) AS period');
  });
});
