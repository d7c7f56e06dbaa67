import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import { trendsAnalysis, type TrendsResult } from './trends.js';

let stores: TestStores;
let projects = 0;
const T0 = Date.parse('2026-11-02T00:00:00.000Z');
const DAY_MIN = 24 * 60;
const day = (n: number): string => new Date(T0 + n * DAY_MIN * 60_000).toISOString();

beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

interface Happening {
  person: number;
  /** Sent under the person's anonymous id, merged later by an identify call. */
  anonymous: boolean;
  event: 'A' | 'B';
  at: number;
  revenue: number;
  coupon: string | undefined;
}

const happening = fc.record({
  person: fc.integer({ min: 0, max: 5 }),
  anonymous: fc.boolean(),
  event: fc.constantFrom('A' as const, 'B' as const),
  at: fc.integer({ min: 0, max: 7 * DAY_MIN - 1 }),
  // Whole amounts: float sums would depend on the order they are added in.
  revenue: fc.integer({ min: 0, max: 100 }),
  coupon: fc.constantFrom('X', 'Y', 'Z', undefined),
});

function toCalls(list: readonly Happening[]): ScenarioCall[] {
  const calls: ScenarioCall[] = list.map((h) => ({
    type: 'track',
    ...(h.anonymous ? { anonymousId: `a${h.person}` } : { userId: `u${h.person}` }),
    event: h.event,
    properties: { revenue: h.revenue, ...(h.coupon ? { coupon: h.coupon } : {}) },
    at: h.at,
  }));
  for (const p of new Set(list.filter((h) => h.anonymous && h.person % 2 === 0).map((h) => h.person))) {
    // Even persons identify (merging their anonymous history), odd ones stay two separate persons.
    calls.push({ type: 'identify', anonymousId: `a${p}`, userId: `u${p}`, at: 3 * DAY_MIN });
  }
  return calls;
}

async function load(calls: readonly ScenarioCall[]): Promise<string> {
  const project = `trends-prop-${projects++}`;
  await loadScenario(stores, project, calls, T0);
  return project;
}

const run = (project: string, spec: object): Promise<TrendsResult> =>
  trendsAnalysis.run(
    { warehouse: stores.warehouse, now: () => T0 + 30 * DAY_MIN * 60_000 },
    project,
    trendsAnalysis.parse(spec),
  );

const SERIES = [
  { event: 'A' },
  { measure: 'persons' },
  { event: 'B', measure: 'sum', property: 'revenue' },
  { measure: 'median', property: 'revenue' },
  { event: 'A', measure: 'per_person_average' },
];
const totals = (r: TrendsResult) => r.series.map((l) => l.total ?? 0);
const options = { numRuns: 12 };

describe('trends properties', () => {
  it('results do not depend on the order events were stored in', async () => {
    const scenarios = fc
      .array(happening, { minLength: 1, maxLength: 25 })
      .map(toCalls)
      .chain((calls) =>
        fc.tuple(fc.constant(calls), fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length })),
      );
    await fc.assert(
      fc.asyncProperty(scenarios, async ([calls, shuffled]) => {
        const spec = {
          series: SERIES,
          range: { from: day(3), to: day(7) },
          breakdown: { property: 'coupon', limit: 2 },
          compare: true,
        };
        expect(await run(await load(shuffled), spec)).toEqual(await run(await load(calls), spec));
      }),
      options,
    );
  });

  it('splitting the range never loses unique persons, and counts add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(happening, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        async (list, split) => {
          const project = await load(toCalls(list));
          const series = [{ event: 'A' }, { measure: 'persons' }];
          const [whole, first, second] = await Promise.all([
            run(project, { series, range: { from: day(0), to: day(7) } }),
            run(project, { series, range: { from: day(0), to: day(split) } }),
            run(project, { series, range: { from: day(split), to: day(7) } }),
          ]);
          const [count, persons] = totals(whole);
          const parts = [totals(first), totals(second)];
          expect(count).toBe((parts[0]?.[0] ?? 0) + (parts[1]?.[0] ?? 0));
          expect(persons).toBeLessThanOrEqual((parts[0]?.[1] ?? 0) + (parts[1]?.[1] ?? 0));
          expect(persons).toBeGreaterThanOrEqual(Math.max(parts[0]?.[1] ?? 0, parts[1]?.[1] ?? 0));
          // Within one result: buckets add up to the count; unique persons lie between the largest bucket and the sum.
          const buckets = whole.series.map((l) => l.buckets.map((b) => b.value ?? 0));
          expect(buckets[0]?.reduce((a, b) => a + b, 0)).toBe(count);
          expect(persons).toBeLessThanOrEqual(buckets[1]?.reduce((a, b) => a + b, 0) ?? 0);
          expect(persons).toBeGreaterThanOrEqual(Math.max(...(buckets[1] ?? [])));
        },
      ),
      options,
    );
  });

  it('the previous period of a comparison is what the earlier range gives on its own', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(happening, { minLength: 1, maxLength: 25 }), async (list) => {
        const project = await load(toCalls(list));
        const [compared, earlier] = await Promise.all([
          run(project, { series: SERIES, range: { from: day(4), to: day(7) }, compare: true }),
          run(project, { series: SERIES, range: { from: day(1), to: day(4) } }),
        ]);
        expect(compared.series.map((l) => [l.buckets.map((b) => b.previous), l.previousTotal])).toEqual(
          earlier.series.map((l) => [l.buckets.map((b) => b.value), l.total]),
        );
      }),
      options,
    );
  });
});
