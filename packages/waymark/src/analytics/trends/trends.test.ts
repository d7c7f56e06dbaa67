import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { trendsAnalysis, type TrendLine } from './trends.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z'); // a Monday
const DAY = 24 * 60;
// Worked by hand. Range: 2 to 6 November (4 days); the previous period is 29 October to 2 November.
//   A (anonymous a1, identified as u1 at 09:05, plan gold): orders 10 (coupon X) on the 2nd, 30 (X) on the 3rd,
//     views a product on the 3rd                                              -> one person, not two
//   B (u2, plan free): orders 20 (Y) on the 2nd, 50 (Z) on the 5th; 40 (no coupon) on 30 October (previous period)
//   C (u3, no traits): orders 5 (X) on 29 October at 10:00 (previous), views a product on the 4th, orders 999 on
//     the 6th (after the range)
// Orders per day 2..5 Nov: [2, 1, 0, 1]; revenue [30, 30, 0, 50]; persons [2, 1, 0, 1], 2 over the range.
// Previous period, aligned 4 days later: orders [1 (29 Oct), 1 (30 Oct), 0, 0], revenue [5, 40, 0, 0].
const calls: ScenarioCall[] = [
  { type: 'track', anonymousId: 'a1', event: 'Order Completed', properties: { revenue: 10, coupon: 'X' }, at: 0 },
  { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'gold' }, at: 5 },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 30, coupon: 'X' }, at: DAY },
  { type: 'track', userId: 'u1', event: 'Product Viewed', at: DAY + 1 },
  { type: 'identify', userId: 'u2', traits: { plan: 'free' }, at: -5 * DAY },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 20, coupon: 'Y' }, at: 10 },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 50, coupon: 'Z' }, at: 3 * DAY },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 40 }, at: -3 * DAY },
  { type: 'track', userId: 'u3', event: 'Order Completed', properties: { revenue: 5, coupon: 'X' }, at: -4 * DAY + 60 },
  { type: 'track', userId: 'u3', event: 'Product Viewed', at: 2 * DAY },
  { type: 'track', userId: 'u3', event: 'Order Completed', properties: { revenue: 999 }, at: 4 * DAY },
];
const P = 'trends-a';
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 30 * DAY * 60_000 });
const range = { from: '2026-11-02T00:00:00Z', to: '2026-11-06T00:00:00Z' };
const orders = { event: 'Order Completed' };
const run = (spec: object) => trendsAnalysis.run(ctx(), P, trendsAnalysis.parse({ range, ...spec }));
const values = (line: TrendLine | undefined) => line?.buckets.map((b) => b.value);

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
});
afterAll(() => stores.close());

describe('trends on chDB', () => {
  it('counts events and persons per day, zero-filled, with identity merges counted once', async () => {
    const result = await run({ series: [orders, { ...orders, measure: 'persons' }] });
    expect(result.series.map((l) => [l.name, values(l), l.total])).toEqual([
      ['Order Completed', [2, 1, 0, 1], 4],
      ['Order Completed (persons)', [2, 1, 0, 1], 2],
    ]);
    expect(result.series[0]?.buckets.map((b) => b.period)).toEqual([
      '2026-11-02T00:00:00.000Z',
      '2026-11-03T00:00:00.000Z',
      '2026-11-04T00:00:00.000Z',
      '2026-11-05T00:00:00.000Z',
    ]);
  });

  it('measures a property: sum, average, min, max, median, and events per person', async () => {
    const measure = (m: string, property?: string) => ({ ...orders, measure: m, property });
    const result = await run({
      series: [
        measure('sum', '$revenue'),
        measure('average', 'revenue'),
        measure('min', '$revenue'),
        measure('max', '$revenue'),
        measure('median', '$revenue'),
        measure('per_person_average'),
      ],
    });
    expect(result.series.map((l) => [values(l), l.total])).toEqual([
      [[30, 30, 0, 50], 110],
      [[15, 30, null, 50], 27.5],
      [[10, 30, null, 50], 10],
      [[20, 30, null, 50], 50],
      // The median of 10, 20, 30, 50 lies between 20 and 30.
      [[15, 30, null, 50], 25],
      [[1, 1, 0, 1], 2],
    ]);
  });

  it('"all events" counts every event but identify calls; persons are unique over the range', async () => {
    const result = await run({ series: [{}, { measure: 'persons' }] });
    expect(result.series.map((l) => [l.name, values(l), l.total])).toEqual([
      ['All events', [2, 2, 1, 1], 6],
      ['All events (persons)', [2, 1, 1, 1], 3],
    ]);
  });

  it('filters by event and person properties, per series and for all series', async () => {
    const result = await run({
      series: [{ ...orders, where: [{ property: 'revenue', op: 'gte', value: 25 }] }, orders],
      where: [{ on: 'person', property: 'plan', op: 'in', value: ['gold', 'free'] }],
    });
    expect(result.series.map(values)).toEqual([
      [0, 1, 0, 1],
      [2, 1, 0, 1],
    ]);
    const gold = await run({
      series: [{ ...orders, where: [{ on: 'person', property: 'plan', op: 'eq', value: 'gold' }] }],
    });
    expect(values(gold.series[0])).toEqual([1, 1, 0, 0]);
  });

  it('breaks down by the top values and "Other"; unique persons of "Other" are not a sum of its values', async () => {
    const counts = await run({ series: [orders], breakdown: { property: 'coupon', limit: 1 } });
    expect(counts.series.map((l) => [l.breakdownValue, values(l), l.total])).toEqual([
      ['X', [1, 1, 0, 0], 2],
      ['Other', [1, 0, 0, 1], 2],
    ]);
    // X, Y and Z have one person each: the tie goes by name. Other holds Y and Z, both B's.
    const persons = await run({
      series: [{ ...orders, measure: 'persons' }],
      breakdown: { property: 'coupon', limit: 1 },
    });
    expect(persons.series.map((l) => [l.breakdownValue, values(l), l.total])).toEqual([
      ['X', [1, 1, 0, 0], 1],
      ['Other', [1, 0, 0, 1], 1],
    ]);
    // By revenue: Z 50, X 40, Y 20.
    const revenue = await run({
      series: [{ ...orders, measure: 'sum', property: '$revenue' }],
      breakdown: { property: 'coupon', limit: 1 },
    });
    expect(revenue.series.map((l) => [l.breakdownValue, values(l), l.total])).toEqual([
      ['Z', [0, 0, 0, 50], 50],
      ['Other', [30, 30, 0, 0], 60],
    ]);
    const plans = await run({ series: [{ measure: 'persons' }], breakdown: { on: 'person', property: 'plan' } });
    expect(plans.series.map((l) => [l.breakdownValue, l.total])).toEqual([
      ['(none)', 1],
      ['free', 1],
      ['gold', 1],
    ]);
    const table = trendsAnalysis.table(plans);
    expect(table.columns).toEqual(['series', 'plan', 'period', 'value']);
    expect(table.rows).toHaveLength(3 * 5);
    expect(table.rows[4]).toEqual(['All events (persons)', '(none)', 'total', 1]);
  });

  it('compares with the previous period bucket by bucket', async () => {
    const result = await run({ series: [orders, { ...orders, measure: 'sum', property: '$revenue' }], compare: true });
    expect(result.previousRange).toEqual({ from: '2026-10-29T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' });
    const [count, revenue] = result.series;
    expect(count?.buckets.map((b) => [b.previousPeriod?.slice(0, 10), b.value, b.previous, b.change])).toEqual([
      ['2026-10-29', 2, 1, 100],
      ['2026-10-30', 1, 1, 0],
      ['2026-10-31', 0, 0, null],
      ['2026-11-01', 1, 0, null],
    ]);
    expect([count?.total, count?.previousTotal, count?.change]).toEqual([4, 2, 100]);
    expect(revenue?.buckets.map((b) => b.previous)).toEqual([5, 40, 0, 0]);
    expect(revenue?.change).toBeCloseTo(((110 - 45) / 45) * 100);
    const table = trendsAnalysis.table(result);
    expect(table.columns).toEqual(['series', 'period', 'value', 'previous period', 'previous', 'change %']);
    expect(table.rows[0]).toEqual(['Order Completed', '2026-11-02', 2, '2026-10-29', 1, 100]);
  });

  it('compares per breakdown value; values seen only before rank last', async () => {
    const result = await run({ series: [orders], breakdown: { property: 'coupon', limit: 1 }, compare: true });
    expect(result.series.map((l) => [l.breakdownValue, l.buckets.map((b) => b.previous), l.previousTotal])).toEqual([
      ['X', [1, 0, 0, 0], 1],
      ['Other', [0, 1, 0, 0], 1],
    ]);
  });

  it('buckets by week and by hour', async () => {
    const weeks = await run({
      series: [orders],
      interval: 'week',
      range: { from: '2026-11-02T00:00:00Z', to: '2026-11-16T00:00:00Z' },
    });
    expect(weeks.series[0]?.buckets.map((b) => [b.period.slice(0, 10), b.value])).toEqual([
      ['2026-11-02', 5],
      ['2026-11-09', 0],
    ]);
    const hours = await run({
      series: [orders],
      interval: 'hour',
      range: { from: '2026-11-02T09:00:00Z', to: '2026-11-02T12:00:00Z' },
    });
    expect(values(hours.series[0])).toEqual([2, 0, 0]);
  });

  it('a relative range starts at a whole period; the running period is marked', async () => {
    const now = Date.parse('2026-11-05T12:00:00Z');
    const spec = trendsAnalysis.parse({ series: [orders], range: { last: { value: 2, unit: 'day' } } });
    const result = await trendsAnalysis.run({ warehouse: stores.warehouse, now: () => now }, P, spec);
    expect(result.range).toEqual({ from: '2026-11-03T00:00:00.000Z', to: '2026-11-05T12:00:00.000Z' });
    expect(result.series[0]?.buckets).toEqual([
      { period: '2026-11-03T00:00:00.000Z', value: 1 },
      { period: '2026-11-04T00:00:00.000Z', value: 0 },
      { period: '2026-11-05T00:00:00.000Z', value: 1, inProgress: true },
    ]);
  });

  it('compares a relative range with the same duration before; an event in the overlap counts in both', async () => {
    // Now 5 Nov 12:00, the last 2 days: 3 Nov 00:00 to now, against 1 Nov 00:00 to 3 Nov 12:00 (two days earlier).
    // A's order of 3 Nov 09:00 is in the range's first bucket and in the previous counterpart of the running day.
    const now = Date.parse('2026-11-05T12:00:00Z');
    const spec = trendsAnalysis.parse({ series: [orders], range: { last: { value: 2, unit: 'day' } }, compare: true });
    const result = await trendsAnalysis.run({ warehouse: stores.warehouse, now: () => now }, P, spec);
    expect(result.previousRange).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T12:00:00.000Z' });
    expect(
      result.series[0]?.buckets.map((b) => [
        b.period.slice(5, 10),
        b.value,
        b.previousPeriod?.slice(5, 10),
        b.previous,
      ]),
    ).toEqual([
      ['11-03', 1, '11-01', 0],
      ['11-04', 0, '11-02', 2],
      ['11-05', 1, '11-03', 1],
    ]);
    expect([result.series[0]?.total, result.series[0]?.previousTotal]).toEqual([2, 3]);
  });

  it('a series without events still has its zero-filled line', async () => {
    const result = await run({ series: [{ event: 'Never Happened', measure: 'average', property: 'x' }] });
    expect(result.series).toHaveLength(1);
    expect(values(result.series[0])).toEqual([null, null, null, null]);
    expect(result.series[0]?.total).toBeNull();
  });

  it('rejects bad specs with the field at fault', () => {
    const bad = (spec: object): string | undefined => {
      try {
        trendsAnalysis.parse(spec);
      } catch (e) {
        return (e as WaymarkError).field;
      }
      throw new Error('accepted');
    };
    expect(bad({ series: [] })).toBe('series');
    expect(bad({ series: [{ measure: 'sum' }] })).toBe('series[0].property');
    expect(bad({ series: [{ measure: 'count', property: 'x' }] })).toBe('series[0].property');
    expect(bad({ series: [{ measure: 'mode' }] })).toBe('series[0].measure');
    expect(bad({ series: [{ where: [{ property: 'p', op: 'gt', value: 'x' }] }] })).toBe('series[0].where[0]');
    expect(() =>
      trendsAnalysis.parse({ series: [{}], interval: 'hour', range: { last: { value: 60, unit: 'day' } } }),
    ).not.toThrow();
    expect(bad({ series: [{}], interval: 'hour', range: { last: { value: 1, unit: 'year' } } })).toBe(
      'range.last.unit',
    );
    expect(bad({ series: [{}], interval: 'hour', range: { last: { value: 300, unit: 'day' } } })).toBe('interval');
    expect(bad({ series: [{}], breakdown: { property: 'x', limit: 0 } })).toBe('breakdown.limit');
  });
});
