import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { touchpointsAnalysis, type TouchpointsResult } from './touchpoints.js';

// Random journeys checked against a plain reading of the touchpoint semantics written here, independently of the
// SQL, and against the bookkeeping every attribution model must keep.

let stores: TestStores;
let project = 0;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60;
const range = { from: new Date(T0 - DAY * MINUTE).toISOString(), to: new Date(T0 + 2 * DAY * MINUTE).toISOString() };
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 10 * DAY * MINUTE });

beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

const CHANNELS = ['Email', 'Paid Search', 'Direct'] as const;
const URLS: Record<(typeof CHANNELS)[number], string> = {
  Email: 'https://shop.test/?utm_source=newsletter&utm_medium=email',
  'Paid Search': 'https://shop.test/?utm_source=google&utm_medium=cpc',
  Direct: 'https://shop.test/',
};
type Ev =
  | { person: number; at: number; kind: 'touch'; channel: (typeof CHANNELS)[number] }
  | { person: number; at: number; kind: 'order'; revenue: number }
  | { person: number; at: number; kind: 'view' };

const evArb: fc.Arbitrary<Ev> = fc.oneof(
  fc.record({
    person: fc.integer({ min: 0, max: 4 }),
    at: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    kind: fc.constant('touch' as const),
    channel: fc.constantFrom(...CHANNELS),
  }),
  fc.record({
    person: fc.integer({ min: 0, max: 4 }),
    at: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    kind: fc.constant('order' as const),
    revenue: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    person: fc.integer({ min: 0, max: 4 }),
    at: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
    kind: fc.constant('view' as const),
  }),
);

interface Journey {
  converted: boolean;
  revenue: number;
  path: string[];
}

/** The semantics, read plainly: one journey per person active in range (lookback 1 day). */
function referenceJourneys(events: readonly Ev[]): Journey[] {
  const from = -DAY;
  const to = 2 * DAY;
  const out: Journey[] = [];
  for (let person = 0; person <= 4; person++) {
    const mine = events.filter((e) => e.person === person);
    const inRange = mine.filter((e) => e.at >= from && e.at < to);
    if (inRange.length === 0) continue;
    const orders = inRange
      .filter((e): e is Extract<Ev, { kind: 'order' }> => e.kind === 'order')
      .sort((a, b) => a.at - b.at || a.revenue - b.revenue);
    const first = orders[0];
    const ref = first ? first.at : Math.max(...inRange.map((e) => e.at));
    const touches = mine
      .filter((e): e is Extract<Ev, { kind: 'touch' }> => e.kind === 'touch' && e.at >= ref - DAY && e.at <= ref)
      .sort((a, b) => a.at - b.at || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0))
      .map((e) => e.channel);
    const path = touches.filter((c, i) => i === 0 || c !== touches[i - 1]);
    out.push({ converted: first !== undefined, revenue: first?.revenue ?? 0, path });
  }
  return out;
}

async function run(events: readonly Ev[], spec: object = {}): Promise<TouchpointsResult> {
  const id = `touchpoints-prop-${project++}`;
  const calls: ScenarioCall[] = events.map((e) => {
    const userId = `p${e.person}`;
    if (e.kind === 'touch') return { type: 'page', userId, context: { page: { url: URLS[e.channel] } }, at: e.at };
    if (e.kind === 'order') {
      return { type: 'track', userId, event: 'Order Completed', properties: { revenue: e.revenue }, at: e.at };
    }
    return { type: 'track', userId, event: 'Product Viewed', at: e.at };
  });
  await loadScenario(stores, id, calls, T0);
  const parsed = touchpointsAnalysis.parse({
    conversion: { event: 'Order Completed' },
    lookback: { value: 1, unit: 'day' },
    range,
    topPaths: 500,
    ...spec,
  });
  return touchpointsAnalysis.run(ctx(), id, parsed);
}

describe('touchpoints properties', () => {
  it('match a plain reading of the semantics, and every model credits each touched conversion exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(evArb, { minLength: 1, maxLength: 20 }), async (events) => {
        const result = await run(events);
        const journeys = referenceJourneys(events);
        const won = journeys.filter((j) => j.converted);
        expect(result.totals).toMatchObject({
          converting: won.length,
          nonConverting: journeys.length - won.length,
          revenue: won.reduce((s, j) => s + j.revenue, 0),
        });
        const expectedPaths = new Map<string, [number, number, number]>();
        for (const j of journeys) {
          const key = j.path.length === 0 ? '(no touches)' : j.path.join(' > ');
          const [c, n, r] = expectedPaths.get(key) ?? [0, 0, 0];
          expectedPaths.set(key, j.converted ? [c + 1, n, r + j.revenue] : [c, n + 1, r]);
        }
        expect(new Map(result.paths.map((p) => [p.path, [p.converting, p.nonConverting, p.revenue]]))).toEqual(
          expectedPaths,
        );
        for (const channel of CHANNELS) {
          const c = result.channels.find((x) => x.channel === channel);
          const first = won.filter((j) => j.path[0] === channel);
          const last = won.filter((j) => j.path.at(-1) === channel);
          expect(c?.firstTouch.conversions ?? 0).toBe(first.length);
          expect(c?.lastTouch.conversions ?? 0).toBe(last.length);
          expect(c?.assisted.conversions ?? 0).toBe(won.filter((j) => j.path.slice(0, -1).includes(channel)).length);
        }
        const touched = won.filter((j) => j.path.length > 0);
        const sum = (pick: (c: TouchpointsResult['channels'][number]) => number): number =>
          result.channels.reduce((s, c) => s + pick(c), 0);
        for (const model of ['firstTouch', 'lastTouch', 'linear'] as const) {
          expect(sum((c) => c[model].conversions)).toBeCloseTo(touched.length, 4);
          expect(sum((c) => c[model].revenue)).toBeCloseTo(
            touched.reduce((s, j) => s + j.revenue, 0),
            3,
          );
        }
        expect(result.totals.unattributed.conversions).toBe(won.length - touched.length);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('listing fewer paths only moves persons into the other paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(evArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 2 }),
        async (events, topPaths) => {
          const result = await run(events, { topPaths });
          expect(result.paths.length).toBeLessThanOrEqual(topPaths);
          const listed = result.paths.reduce((s, p) => s + p.converting + p.nonConverting, 0);
          const other = result.otherPaths.converting + result.otherPaths.nonConverting;
          expect(listed + other).toBe(result.totals.converting + result.totals.nonConverting);
          expect(other).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});
