import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { touchpointsAnalysis, type TouchpointsResult } from './touchpoints.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const DAY = 24 * 60;
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z' };
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 10 * DAY * 60_000 });

type Who = { anonymousId: string } | { userId: string };
const SHOP = 'https://shop.test/';
const LANDINGS: Record<string, { url: string; referrer?: string }> = {
  'Paid Search': { url: `${SHOP}?utm_source=google&utm_medium=cpc` },
  Email: { url: `${SHOP}?utm_source=newsletter&utm_medium=email` },
  Direct: { url: SHOP },
  'Organic Search': { url: SHOP, referrer: 'https://www.google.com/' },
  // A page reached from another page of the shop continues the visit: no touch.
  internal: { url: `${SHOP}p/tent`, referrer: SHOP },
};
const visit = (who: Who, landing: string, at: number): ScenarioCall => ({
  type: 'page',
  ...who,
  context: { page: LANDINGS[landing] ?? {} },
  at,
});
const order = (who: Who, revenue: number, at: number): ScenarioCall => ({
  type: 'track',
  ...who,
  event: 'Order Completed',
  properties: { revenue },
  at,
});

// Minutes after T0; the range starts 33 hours before T0, the lookback is 30 days unless said otherwise.
//   P1 a1 -> u1: Paid Search (3 days before, anonymous), an inner page, identify, Email, Direct, order 100;
//                later Paid Search and a second order of 50 (after the first conversion: ignored)
//   P2 u2: Email, Email again, order 60                                 -> path Email (repeats collapse)
//   P3 u3: Organic Search 27 days before T0, Paid Search and order 30 five days after T0
//          (Organic Search is 32 days before the order: outside the lookback)
//   P4 u4: Paid Search, Email, Product Viewed                           -> no order: Paid Search > Email
//   P5 u5: Email                                                        -> no order: Email
//   P6 u6: Direct 5 days before T0 only                                 -> not active in range: not counted
//   P7 u7: order 20, no page view at all                                -> a conversion with no touches
//   P8 u8: order 3 days before T0 (before the range), Direct in range   -> no conversion in range: Direct
const calls: ScenarioCall[] = [
  visit({ anonymousId: 'a1' }, 'Paid Search', -3 * DAY),
  visit({ anonymousId: 'a1' }, 'internal', -3 * DAY + 1),
  { type: 'identify', anonymousId: 'a1', userId: 'u1', at: 0 },
  visit({ userId: 'u1' }, 'Email', 10),
  visit({ userId: 'u1' }, 'Direct', 20),
  order({ userId: 'u1' }, 100, 25),
  visit({ userId: 'u1' }, 'Paid Search', 60),
  order({ userId: 'u1' }, 50, 70),
  visit({ userId: 'u2' }, 'Email', 0),
  visit({ userId: 'u2' }, 'Email', 30),
  order({ userId: 'u2' }, 60, 40),
  visit({ userId: 'u3' }, 'Organic Search', -27 * DAY),
  visit({ userId: 'u3' }, 'Paid Search', 5 * DAY),
  order({ userId: 'u3' }, 30, 5 * DAY + 10),
  visit({ userId: 'u4' }, 'Paid Search', 0),
  visit({ userId: 'u4' }, 'Email', 50),
  { type: 'track', userId: 'u4', event: 'Product Viewed', at: 55 },
  visit({ userId: 'u5' }, 'Email', 0),
  visit({ userId: 'u6' }, 'Direct', -5 * DAY),
  order({ userId: 'u7' }, 20, 0),
  order({ userId: 'u8' }, 80, -3 * DAY),
  visit({ userId: 'u8' }, 'Direct', 0),
];
const P = 'touchpoints-a';

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
  const reversed = [...calls].reverse();
  for (let i = 0; i < reversed.length; i += 4)
    await loadScenario(stores, 'touchpoints-b', reversed.slice(i, i + 4), T0);
});
afterAll(() => stores.close());

const run = (spec: object, project = P): Promise<TouchpointsResult> =>
  touchpointsAnalysis.run(
    ctx(),
    project,
    touchpointsAnalysis.parse({ conversion: { event: 'Order Completed' }, range, ...spec }),
  );

describe('touchpoints', () => {
  it('lists each person’s channel path before their first conversion, against those of persons who did not convert', async () => {
    const r = await run({});
    expect(r.totals).toEqual({
      converting: 4,
      nonConverting: 3,
      conversionRate: 4 / 7,
      revenue: 210,
      unattributed: { conversions: 1, revenue: 20 },
    });
    expect(r.paths.map((p) => `${p.path}: ${p.converting}/${p.nonConverting} ${p.revenue}`)).toEqual([
      'Email: 1/1 60',
      '(no touches): 1/0 20',
      'Paid Search: 1/0 30',
      'Paid Search > Email > Direct: 1/0 100',
      'Direct: 0/1 0',
      'Paid Search > Email: 0/1 0',
    ]);
    expect(r.paths[0]).toMatchObject({ touches: ['Email'], conversionRate: 0.5 });
    expect(r.otherPaths).toEqual({ converting: 0, nonConverting: 0, revenue: 0 });
  });

  it('credits channels by first touch, last touch, linear shares and assists', async () => {
    // Converting paths: P1 Paid Search > Email > Direct (100), P2 Email (60), P3 Paid Search (30).
    const r = await run({});
    expect(r.channels.map((c) => c.channel)).toEqual(['Email', 'Paid Search', 'Direct']);
    const [email, paid, direct] = r.channels;
    expect(paid).toMatchObject({
      converting: 2,
      nonConverting: 1,
      revenue: 130,
      firstTouch: { conversions: 2, revenue: 130 },
      lastTouch: { conversions: 1, revenue: 30 },
      assisted: { conversions: 1, revenue: 100 },
    });
    expect(paid?.linear.conversions).toBeCloseTo(1 / 3 + 1, 5);
    expect(paid?.linear.revenue).toBeCloseTo(100 / 3 + 30, 4);
    expect(email).toMatchObject({
      converting: 2,
      nonConverting: 2,
      revenue: 160,
      firstTouch: { conversions: 1, revenue: 60 },
      lastTouch: { conversions: 1, revenue: 60 },
      assisted: { conversions: 1, revenue: 100 },
    });
    expect(email?.linear.revenue).toBeCloseTo(100 / 3 + 60, 4);
    expect(direct).toMatchObject({
      converting: 1,
      nonConverting: 1,
      firstTouch: { conversions: 0, revenue: 0 },
      lastTouch: { conversions: 1, revenue: 100 },
      assisted: { conversions: 0, revenue: 0 },
    });
    expect(direct?.linear.conversions).toBeCloseTo(1 / 3, 5);
  });

  it('a shorter lookback drops older touches; conversion filters narrow who converts', async () => {
    const day = await run({ lookback: { value: 1, unit: 'day' } });
    expect(day.paths.map((p) => p.path)).toContain('Email > Direct');
    const big = await run({
      conversion: { event: 'Order Completed', where: [{ property: 'revenue', op: 'gte', value: 50 }] },
    });
    // P1 (100) and P2 (60) convert; P3, P7 and P8 join P4 and P5 among those who did not.
    expect(big.totals).toMatchObject({ converting: 2, nonConverting: 5, revenue: 160 });
  });

  it('names touches by UTM source / medium on request', async () => {
    const r = await run({ by: 'source_medium' });
    expect(r.paths.find((p) => p.revenue === 100)?.path).toBe('google / cpc > newsletter / email > (direct) / (none)');
  });

  it('lists the top paths by conversion rate among those with enough persons, the rest summed up', async () => {
    const r = await run({ sort: 'conversion_rate', minPersons: 2 });
    expect(r.paths.map((p) => p.path)).toEqual(['Email']);
    expect(r.otherPaths).toEqual({ converting: 3, nonConverting: 2, revenue: 150 });
    const top = await run({ topPaths: 2 });
    expect(top.paths.map((p) => p.path)).toEqual(['Email', '(no touches)']);
  });

  it('does not depend on the order events were stored in', async () => {
    expect(await run({}, 'touchpoints-b')).toEqual(await run({}));
  });

  it('lays paths, then channels, out as one table', async () => {
    const table = touchpointsAnalysis.table(await run({ topPaths: 1 }));
    expect(table.columns.slice(0, 6)).toEqual([
      'kind',
      'name',
      'converting',
      'non-converting',
      'conversion %',
      'revenue',
    ]);
    expect(table.rows[0]).toEqual(['path', 'Email', 1, 1, 50, 60, null, null, null, null]);
    expect(table.rows[1]).toEqual(['path', '(other paths)', 3, 2, null, 150, null, null, null, null]);
    expect(table.rows[2]).toEqual(['channel', 'Email', 2, 2, 50, 160, 1, 1, 1.33, 1]);
  });

  it('names the field at fault in a bad spec', () => {
    const field = (spec: object): string | undefined => {
      try {
        touchpointsAnalysis.parse(spec);
      } catch (e) {
        return e instanceof WaymarkError ? e.field : 'not a WaymarkError';
      }
      return undefined;
    };
    expect(field({})).toBe('conversion');
    expect(field({ conversion: { event: 'Order Completed' }, by: 'campaign' })).toBe('by');
    expect(field({ conversion: { event: 'X', where: [{ property: 'a', op: 'lt', value: 'x' }] } })).toBe(
      'conversion.where[0]',
    );
    expect(field({ conversion: { event: 'X' }, lookback: { value: 0, unit: 'day' } })).toBe('lookback.value');
    expect(field({ conversion: { event: 'X' }, topPaths: 5, sort: 'conversion_rate', minPersons: 3 })).toBeUndefined();
  });
});
