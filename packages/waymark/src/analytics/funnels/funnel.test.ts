import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { dropOffAnalysis } from './drop-off.js';
import { funnelAnalysis } from './funnel.js';
import { funnelPersonsAnalysis } from './funnel-persons.js';
import { funnelTrendsAnalysis } from './funnel-trends.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MIN = 60_000;
const DAY5 = 5 * 24 * 60;
// Worked by hand, window 1 day, now = day 5 + 2 hours:
//   A (anonymous a1, then identified as u1): viewed 0, added 10, ordered 20    -> converts, counted once
//   B (u2, plan free): viewed 0, searched 15, added 30                          -> dropped before ordering
//   C (u3): viewed 0                                                            -> dropped before adding
//   D (u4): added 5 only                                                        -> never entered
//   E (u5): viewed day 5, added day 5 + 1 min                                   -> still in progress
const calls: ScenarioCall[] = [
  { type: 'track', anonymousId: 'a1', event: 'Product Viewed', properties: { category: 'Tents' }, at: 0 },
  { type: 'track', anonymousId: 'a1', event: 'Product Added', at: 10 },
  { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'gold' }, at: 11 },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 50 }, at: 20 },
  { type: 'track', userId: 'u2', event: 'Product Viewed', properties: { category: 'Boots' }, at: 0 },
  { type: 'identify', userId: 'u2', traits: { plan: 'free' }, at: 1 },
  { type: 'track', userId: 'u2', event: 'Products Searched', at: 15 },
  { type: 'track', userId: 'u2', event: 'Product Added', at: 30 },
  { type: 'track', userId: 'u3', event: 'Product Viewed', properties: { category: 'Tents' }, at: 0 },
  { type: 'track', userId: 'u4', event: 'Product Added', at: 5 },
  { type: 'track', userId: 'u5', event: 'Product Viewed', properties: { category: 'Tents' }, at: DAY5 },
  { type: 'track', userId: 'u5', event: 'Product Added', at: DAY5 + 1 },
];
const P = 'funnel-a';
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + DAY5 * MIN + 120 * MIN });
const base = {
  steps: [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Order Completed', name: 'Purchase' }],
  window: { value: 1, unit: 'day' },
  range: { from: '2026-11-01T00:00:00Z', to: '2026-11-12T00:00:00Z' },
};
const run = (spec: object) => funnelAnalysis.run(ctx(), P, funnelAnalysis.parse(spec));

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
  // The same calls stored in reverse order, in batches of two.
  const reversed = [...calls].reverse();
  for (let i = 0; i < reversed.length; i += 2) await loadScenario(stores, 'funnel-b', reversed.slice(i, i + 2), T0);
});
afterAll(() => stores.close());

describe('funnel analysis on chDB', () => {
  it('counts each person once through identity merges, and splits drop-off into dropped and in progress', async () => {
    const result = await run(base);
    expect(result.steps.map((s) => s.count)).toEqual([4, 3, 1]);
    expect(result.steps[1]).toMatchObject({ dropOff: 1, dropped: 1, inProgress: 0, medianMsFromPrevious: 10 * MIN });
    expect(result.steps[2]).toMatchObject({ name: 'Purchase', dropOff: 2, dropped: 1, inProgress: 1 });
    expect(result.steps[2]?.conversionFromPrevious).toBeCloseTo(1 / 3);
    expect(result.steps[2]?.conversionFromPreviousSettled).toBeCloseTo(1 / 2);
    expect(result.steps[1]?.averageMsFromPrevious).toBeCloseTo(((10 + 30 + 1) / 3) * MIN);
    expect(result.bottleneck.largestDropOff).toMatchObject({ step: 2, persons: 2 });
    expect(result.timeToConvert).toMatchObject({ persons: 1, medianMs: 20 * MIN });
    expect(result.timeToConvert.bins.reduce((n, b) => n + b.persons, 0)).toBe(1);
  });

  it('strict order: an event in between breaks the sequence; identify calls do not', async () => {
    const result = await run({ ...base, order: 'strict' });
    expect(result.steps.map((s) => s.count)).toEqual([4, 2, 1]);
  });

  it('step filters and person filters', async () => {
    const tents = await run({
      ...base,
      steps: [
        { event: 'Product Viewed', where: [{ property: 'category', op: 'eq', value: 'Tents' }] },
        ...base.steps.slice(1),
      ],
    });
    expect(tents.steps.map((s) => s.count)).toEqual([3, 2, 1]);
    const free = await run({ ...base, persons: [{ on: 'person', property: 'plan', op: 'eq', value: 'free' }] });
    expect(free.steps.map((s) => s.count)).toEqual([1, 1, 0]);
  });

  it('breaks down by a person property with top values and "Other"', async () => {
    const result = await run({ ...base, breakdown: { on: 'person', property: 'plan', limit: 2 } });
    expect(result.breakdown?.values.map((v) => [v.value, v.steps.map((s) => s.count)])).toEqual([
      ['(none)', [2, 1, 0]],
      ['free', [1, 1, 0]],
      ['Other', [1, 1, 1]],
    ]);
    const table = funnelAnalysis.table(result);
    expect(table.columns[0]).toBe('plan');
    expect(table.rows).toHaveLength(9);
  });

  it('breaks down by an event property of the first step', async () => {
    const result = await run({ ...base, breakdown: { property: 'category' } });
    expect(Object.fromEntries(result.breakdown?.values.map((v) => [v.value, v.steps[0]?.count]) ?? [])).toEqual({
      Tents: 3,
      Boots: 1,
    });
  });

  it('gives the same result whatever order the events were stored in', async () => {
    for (const order of ['ordered', 'strict', 'unordered']) {
      const spec = funnelAnalysis.parse({ ...base, order, breakdown: { on: 'person', property: 'plan' } });
      const a = await funnelAnalysis.run(ctx(), P, spec);
      const b = await funnelAnalysis.run(ctx(), 'funnel-b', spec);
      expect(b).toEqual(a);
    }
  });

  it('still merges persons after ClickHouse has collapsed the identity map to one row per distinct id', async () => {
    const before = await run(base);
    const db = stores.warehouse.database;
    await stores.warehouse.command(`OPTIMIZE TABLE ${db}.identities FINAL`);
    await stores.warehouse.command(`OPTIMIZE TABLE ${db}.identity_history FINAL`);
    const [row] = await stores.warehouse.query<{ n: number }>(
      `SELECT count() AS n FROM ${db}.identities WHERE project_id = {p:String} AND distinct_id = 'a1'`,
      { p: P },
    );
    expect(row?.n).toBe(1);
    expect(await run(base)).toEqual(before);
    expect(before.steps[0]?.count).toBe(4);
  });

  it('counts only the members of a saved segment', async () => {
    await stores.state.projects.create({ id: P, name: 'Funnel', now: T0 });
    const gold = { name: 'Gold', condition: { trait: { property: 'plan', op: 'eq', value: 'gold' } } };
    await stores.state.definitions.put(P, 'segment', 'gold', gold, T0);
    const withDefinitions = { ...ctx(), definitions: stores.state.definitions };
    const result = await funnelAnalysis.run(withDefinitions, P, funnelAnalysis.parse({ ...base, segment: 'gold' }));
    expect(result.steps.map((s) => s.count)).toEqual([1, 1, 1]);
    await expect(
      funnelAnalysis.run(withDefinitions, P, funnelAnalysis.parse({ ...base, segment: 'nope' })),
    ).rejects.toMatchObject({ code: 'not_found', field: 'segment' });
  });

  it('rejects bad specs with the field at fault', () => {
    const bad = (spec: object): WaymarkError => {
      try {
        funnelAnalysis.parse(spec);
      } catch (e) {
        return e as WaymarkError;
      }
      throw new Error('accepted');
    };
    expect(bad({ steps: [{ event: 'A' }] }).field).toBe('steps');
    expect(bad({ ...base, order: 'sideways' }).field).toBe('order');
    expect(bad({ ...base, stepz: [] }).field).toBe('stepz');
    expect(bad({ ...base, exclusions: [{ event: 'X', fromStep: 1, toStep: 5 }] }).field).toBe('exclusions[0].toStep');
    expect(
      bad({ ...base, steps: [{ event: 'A', where: [{ property: 'p', op: 'gt', value: 'x' }] }, { event: 'B' }] }).field,
    ).toBe('steps[0].where[0]');
    expect(bad({ ...base, range: { from: 'yesterday' } }).message).toBeDefined();
  });
});

describe('funnel variants on chDB', () => {
  it('conversion trend per day of entry, with the open window counted apart', async () => {
    const result = await funnelTrendsAnalysis.run(ctx(), P, funnelTrendsAnalysis.parse({ ...base, interval: 'day' }));
    expect(result.points).toHaveLength(11);
    const day = (d: string) => result.points.find((p) => p.period.startsWith(d));
    expect(day('2026-11-02')).toMatchObject({ entered: 3, converted: 1, inProgress: 0 });
    expect(day('2026-11-07')).toMatchObject({ entered: 1, converted: 0, inProgress: 1 });
    expect(day('2026-11-03')).toMatchObject({ entered: 0, conversion: 0 });
    // Between steps 1 and 2 only: A converted, B dropped, E is still open.
    const later = await funnelTrendsAnalysis.run(ctx(), P, funnelTrendsAnalysis.parse({ ...base, fromStep: 1 }));
    expect(later.points.reduce((n, p) => n + p.entered, 0)).toBe(3);
  });

  it('lists the persons who reached, dropped or are in progress at a step', async () => {
    const list = async (step: number, status: string) =>
      (await funnelPersonsAnalysis.run(ctx(), P, funnelPersonsAnalysis.parse({ ...base, step, status }))).persons;
    expect((await list(1, 'dropped')).map((p) => p.reached)).toEqual([1]);
    expect(await list(2, 'in_progress')).toHaveLength(1);
    expect(await list(2, 'reached')).toHaveLength(1);
    expect(await list(2, 'dropped')).toHaveLength(1);
    expect((await list(0, 'reached')).length).toBe(4);
  });

  it('drop-off: what dropped persons did next, and which traits set them apart', async () => {
    const result = await dropOffAnalysis.run(ctx(), P, dropOffAnalysis.parse({ ...base, step: 1 }));
    // C dropped before adding to cart and did nothing after; A, B and E reached it.
    expect(result).toMatchObject({ dropped: 1, reached: 3, inProgress: 0, stepName: 'Product Added' });
    expect(result.nextEvents).toEqual([{ event: '(nothing)', persons: 1, share: 1 }]);
    const second = await dropOffAnalysis.run(ctx(), P, dropOffAnalysis.parse({ ...base, step: 2 }));
    // B dropped (plan free); A converted (plan gold); E is in progress and compared with neither.
    expect(second).toMatchObject({ dropped: 1, reached: 1, inProgress: 1 });
    const free = second.overRepresented.find((o) => o.dimension === 'plan' && o.value === 'free');
    // 1 of 1 dropped vs 0 of 1 reached: pooled z = 1.414, p = 0.157: not significant.
    expect(free).toMatchObject({ dropped: 1, reached: 0, shareOfDropped: 1, shareOfReached: 0, significant: false });
    expect(free?.p).toBeCloseTo(0.1573, 3);
  });
});
