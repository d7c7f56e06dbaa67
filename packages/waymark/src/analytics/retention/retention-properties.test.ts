import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import { retentionAnalysis, type RetentionResult } from './retention.js';

let stores: TestStores;
let projects = 0;
const T0 = Date.parse('2026-11-02T00:00:00.000Z');
const DAY_MIN = 24 * 60;

beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

const happening = fc.record({
  person: fc.integer({ min: 0, max: 5 }),
  anonymous: fc.boolean(),
  event: fc.constantFrom('A', 'B'),
  // Two days before the range (first-time cohorts must look back) to ten days after its start.
  at: fc.integer({ min: -2 * DAY_MIN, max: 10 * DAY_MIN }),
  tag: fc.constantFrom('x', 'y', undefined),
});

const scenario = fc.array(happening, { minLength: 1, maxLength: 25 }).map((list) => {
  const calls: ScenarioCall[] = list.map((h) => ({
    type: 'track',
    ...(h.anonymous ? { anonymousId: `a${h.person}` } : { userId: `u${h.person}` }),
    event: h.event,
    ...(h.tag ? { properties: { tag: h.tag } } : {}),
    at: h.at,
  }));
  for (const p of new Set(list.filter((h) => h.anonymous && h.person % 2 === 0).map((h) => h.person))) {
    calls.push({ type: 'identify', anonymousId: `a${p}`, userId: `u${p}`, at: 0 });
  }
  return calls;
});

async function load(calls: readonly ScenarioCall[]): Promise<string> {
  const project = `retention-prop-${projects++}`;
  await loadScenario(stores, project, calls, T0);
  return project;
}

/** Now falls inside the range's last days, so young cohorts have running and unbegun periods. */
const NOW = T0 + 5.5 * DAY_MIN * 60_000;
const run = (project: string, spec: object): Promise<RetentionResult> =>
  retentionAnalysis.run(
    { warehouse: stores.warehouse, now: () => NOW },
    project,
    retentionAnalysis.parse({
      start: { event: 'A' },
      period: 'day',
      periods: 4,
      range: { from: '2026-11-02T00:00:00Z', to: '2026-11-07T00:00:00Z' },
      ...spec,
    }),
  );
const options = { numRuns: 12 };

describe('retention properties', () => {
  it('first time with the same start and return event: period 0 is 100% of every cohort', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (calls) => {
        const result = await run(await load(calls), {});
        for (const cohort of result.cohorts) {
          if (cohort.size > 0) expect(cohort.values[0]?.persons).toBe(cohort.size);
        }
      }),
      options,
    );
  });

  it('"on or after" counts at least "on", never rises with k, and no count exceeds its cohort', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.constantFrom('first_time', 'recurring'), async (calls, type) => {
        const project = await load(calls);
        const spec = { type, return: { event: 'B' } };
        const [on, after] = await Promise.all([run(project, spec), run(project, { ...spec, mode: 'on_or_after' })]);
        after.cohorts.forEach((cohort, i) => {
          cohort.values.forEach((v, k) => {
            expect(v.persons).toBeGreaterThanOrEqual(on.cohorts[i]?.values[k]?.persons ?? 0);
            expect(v.persons).toBeLessThanOrEqual(k === 0 ? cohort.size : (cohort.values[k - 1]?.persons ?? 0));
          });
        });
        for (const v of on.cohorts.flatMap((c) => c.values.map((x) => [x.persons, c.size] as const))) {
          expect(v[0]).toBeLessThanOrEqual(v[1]);
        }
      }),
      options,
    );
  });

  it('every first-time cohort member is a recurring entry of the same cohort', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (calls) => {
        const project = await load(calls);
        const [first, recurring] = await Promise.all([run(project, {}), run(project, { type: 'recurring' })]);
        first.cohorts.forEach((c, i) => expect(c.size).toBeLessThanOrEqual(recurring.cohorts[i]?.size ?? 0));
      }),
      options,
    );
  });

  it('results do not depend on the order events were stored in', async () => {
    const pairs = scenario.chain((calls) =>
      fc.tuple(fc.constant(calls), fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length })),
    );
    await fc.assert(
      fc.asyncProperty(pairs, async ([calls, shuffled]) => {
        const spec = { type: 'recurring', return: { event: 'B' }, breakdown: { property: 'tag', limit: 1 } };
        expect(await run(await load(shuffled), spec)).toEqual(await run(await load(calls), spec));
      }),
      options,
    );
  });
});
