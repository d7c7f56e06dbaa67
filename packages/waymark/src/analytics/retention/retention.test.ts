import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { retentionAnalysis, type RetentionCohort, type RetentionResult } from './retention.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const DAY = 24 * 60;
// Worked by hand, by day. Cohorts 2-5 November, 4 periods; now is 6 November 12:00, so 6 November is running.
// Product Viewed ("views") by day since 2 November (d0):
//   A: d0 as anonymous a1, identified as u1 (plan gold) right after; d1, d3 as u1   -> one person from d0
//   B (u2): d-3 (before the range: never a first-time cohort), d1, d2
//   C (u3, plan gold): d1 at 10:00
//   D (u4, plan free): d3, d4 (the running day)
//   E (anonymous a5, never identified): d0, d2
// Order Completed: A d1; C d1 at 09:30 (before its first view that day) and d2; D d3 at 08:00 (before its view at
// 09:00) and at 11:00.
const view = (who: object, at: number, source?: string): ScenarioCall => ({
  type: 'track',
  ...who,
  event: 'Product Viewed',
  ...(source ? { properties: { source } } : {}),
  at,
});
const order = (who: object, at: number): ScenarioCall => ({ type: 'track', ...who, event: 'Order Completed', at });
const A = { userId: 'u1' };
const B = { userId: 'u2' };
const C = { userId: 'u3' };
const D = { userId: 'u4' };
const E = { anonymousId: 'a5' };
const calls: ScenarioCall[] = [
  view({ anonymousId: 'a1' }, 0, 'ad'),
  { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'gold' }, at: 5 },
  view(A, DAY, 'mail'),
  view(A, 3 * DAY),
  order(A, DAY + 30),
  view(B, -3 * DAY),
  view(B, DAY),
  view(B, 2 * DAY),
  { type: 'identify', userId: 'u3', traits: { plan: 'gold' }, at: 0 },
  view(C, DAY + 60, 'mail'),
  order(C, DAY + 30),
  order(C, 2 * DAY),
  { type: 'identify', userId: 'u4', traits: { plan: 'free' }, at: 0 },
  view(D, 3 * DAY),
  view(D, 4 * DAY),
  order(D, 3 * DAY - 60),
  order(D, 3 * DAY + 120),
  view(E, 0, 'ad'),
  view(E, 2 * DAY),
];
const P = 'retention-a';
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => Date.parse('2026-11-06T12:00:00Z') });
const base = {
  start: { event: 'Product Viewed' },
  period: 'day',
  periods: 4,
  range: { from: '2026-11-02T00:00:00Z', to: '2026-11-06T00:00:00Z' },
};
const run = (spec: object) => retentionAnalysis.run(ctx(), P, retentionAnalysis.parse({ ...base, ...spec }));
/** Each cohort as [day, size, persons per period], a running period marked with a trailing '~'. */
const grid = (cohorts: readonly RetentionCohort[]) =>
  cohorts.map((c) => [c.period.slice(5, 10), c.size, c.values.map((v) => (v.complete ? v.persons : `${v.persons}~`))]);
const rates = (r: RetentionResult) => r.average.map((a) => a.rate);

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
});
afterAll(() => stores.close());

describe('retention on chDB', () => {
  it('first time, "on": cohorts by first view; running periods marked, periods not begun left out', async () => {
    const result = await run({});
    expect(grid(result.cohorts)).toEqual([
      ['11-02', 2, [2, 1, 1, 1]], // A (k 0, 1, 3) and E (k 0, 2): the anonymous view and u1's are one person
      ['11-03', 1, [1, 0, 0, '0~']], // C
      ['11-04', 0, [0, 0, '0~']],
      ['11-05', 1, [1, '1~']], // D; B never joins: its first view is before the range
    ]);
    expect(result.cohorts[2]?.values[0]?.rate).toBeNull();
    // Weighted by cohort size over the cohorts whose period is over: k1 = (1 + 0) / (2 + 1).
    expect(rates(result)).toEqual([1, 1 / 3, 1 / 3, 1 / 2]);
    expect(result.average.map((a) => a.cohorts)).toEqual([3, 2, 2, 1]);
  });

  it('"on or after": retained in period k or any later one', async () => {
    const result = await run({ mode: 'on_or_after' });
    expect(grid(result.cohorts)).toEqual([
      ['11-02', 2, [2, 2, 2, 1]],
      ['11-03', 1, [1, 0, 0, '0~']],
      ['11-04', 0, [0, 0, '0~']],
      ['11-05', 1, [1, '1~']],
    ]);
  });

  it('recurring: every day with a view is a cohort entry', async () => {
    const result = await run({ type: 'recurring' });
    expect(grid(result.cohorts)).toEqual([
      ['11-02', 2, [2, 1, 1, 1]], // A, E
      ['11-03', 3, [3, 1, 1, '0~']], // A (k 0, 2), B (k 0, 1), C (k 0)
      ['11-04', 2, [2, 0, '0~']], // B, E
      ['11-05', 2, [2, '1~']], // A, D
    ]);
    expect(rates(result)).toEqual([1, (1 + 1 + 0) / (2 + 3 + 2), (1 + 1) / (2 + 3), 1 / 2]);
  });

  it('a different return event counts from the start event on, within its period too', async () => {
    const result = await run({ return: { event: 'Order Completed' } });
    expect(grid(result.cohorts)).toEqual([
      ['11-02', 2, [0, 1, 0, 0]], // A orders on d1
      ['11-03', 1, [0, 1, 0, '0~']], // C's order at 09:30 came before its view at 10:00; it ordered again on d2
      ['11-04', 0, [0, 0, '0~']],
      ['11-05', 1, [1, '0~']], // D ordered before and after its view: the one after counts
    ]);
  });

  it('filters start and return events by a person property', async () => {
    const gold = [{ on: 'person', property: 'plan', op: 'eq', value: 'gold' }];
    const result = await run({ start: { event: 'Product Viewed', where: gold } });
    expect(grid(result.cohorts)).toEqual([
      ['11-02', 1, [1, 1, 0, 1]], // A
      ['11-03', 1, [1, 0, 0, '0~']], // C
      ['11-04', 0, [0, 0, '0~']],
      ['11-05', 0, [0, '0~']],
    ]);
    // Returns by gold persons only: D (free) returning would not count, and the cohort is A, C either way.
    const anyone = await run({ start: { event: 'Product Viewed', where: gold }, return: { event: 'Product Viewed' } });
    expect(grid(anyone.cohorts)).toEqual(grid(result.cohorts));
  });

  it('breaks down by a person property, with "Other" summing the rest', async () => {
    const result = await run({ breakdown: { on: 'person', property: 'plan', limit: 1 } });
    expect(result.breakdown?.values.map((v) => [v.value, grid(v.cohorts)])).toEqual([
      [
        'gold',
        [
          ['11-02', 1, [1, 1, 0, 1]],
          ['11-03', 1, [1, 0, 0, '0~']],
          ['11-04', 0, [0, 0, '0~']],
          ['11-05', 0, [0, '0~']],
        ],
      ],
      [
        'Other',
        [
          ['11-02', 1, [1, 0, 1, 0]],
          ['11-03', 0, [0, 0, 0, '0~']],
          ['11-04', 0, [0, 0, '0~']],
          ['11-05', 1, [1, '1~']],
        ],
      ],
    ]);
    // The whole is still reported beside the breakdown.
    expect(result.cohorts.map((c) => c.size)).toEqual([2, 1, 0, 1]);
  });

  it('breaks down by a property of the start event: the first view, or the first of each period', async () => {
    const first = await run({ breakdown: { property: 'source' } });
    expect(first.breakdown?.values.map((v) => [v.value, v.cohorts.map((c) => c.size)])).toEqual([
      ['ad', [2, 0, 0, 0]],
      ['(none)', [0, 0, 0, 1]],
      ['mail', [0, 1, 0, 0]],
    ]);
    const recurring = await run({ type: 'recurring', breakdown: { property: 'source' } });
    expect(recurring.breakdown?.values.map((v) => [v.value, v.cohorts.map((c) => c.size)])).toEqual([
      ['(none)', [0, 1, 2, 2]],
      ['ad', [2, 0, 0, 0]],
      ['mail', [0, 2, 0, 0]],
    ]);
  });

  it('lays out a table with one column per period, running periods blank, and the average', async () => {
    const table = retentionAnalysis.table(await run({}));
    expect(table.columns).toEqual(['cohort', 'persons', 'day 0', 'day 1', 'day 2', 'day 3']);
    expect(table.rows).toEqual([
      ['2026-11-02', 2, 100, 50, 50, 50],
      ['2026-11-03', 1, 100, 0, 0, null],
      ['2026-11-04', 0, null, null, null, null],
      ['2026-11-05', 1, 100, null, null, null],
      ['average', 4, 100, 33.3, 33.3, 50],
    ]);
  });

  it('defaults: the last periods as whole cohorts, weekly, 8 of them', async () => {
    const result = await retentionAnalysis.run(
      ctx(),
      P,
      retentionAnalysis.parse({ start: { event: 'Product Viewed' } }),
    );
    expect(result).toMatchObject({ type: 'first_time', mode: 'on', period: 'week', periods: 8 });
    expect(result.cohorts).toHaveLength(8);
    expect(result.cohorts[0]?.period).toBe('2026-09-14T00:00:00.000Z');
    // A, C, D, E start in the week of 2 November; B's first view was the week before.
    expect(result.cohorts.map((c) => c.size)).toEqual([0, 0, 0, 0, 0, 0, 1, 4]);
  });

  it('a relative range starts at a whole period: the oldest cohort is not cut short', async () => {
    // Three days before now is 3 November 12:00; the cohort of 3 November still holds C, who started at 10:00.
    const result = await run({ range: { last: { value: 3, unit: 'day' } } });
    expect(result.range.from).toBe('2026-11-03T00:00:00.000Z');
    expect(grid(result.cohorts)).toEqual([
      ['11-03', 1, [1, 0, 0, '0~']],
      ['11-04', 0, [0, 0, '0~']],
      ['11-05', 1, [1, '1~']],
      ['11-06', 0, ['0~']],
    ]);
  });

  it('rejects bad specs with the field at fault', () => {
    const bad = (spec: object): string | undefined => {
      try {
        retentionAnalysis.parse(spec);
      } catch (e) {
        return (e as WaymarkError).field;
      }
      throw new Error('accepted');
    };
    expect(bad({})).toBe('start');
    expect(bad({ ...base, period: 'hour' })).toBe('period');
    expect(bad({ ...base, mode: 'after' })).toBe('mode');
    expect(bad({ ...base, periods: 0 })).toBe('periods');
    expect(bad({ ...base, return: { event: 'X', where: [{ property: 'p', op: 'lt' }] } })).toBe('return.where[0]');
    expect(bad({ ...base, range: { last: { value: 5, unit: 'year' } } })).toBe('range.last.unit');
    expect(bad({ ...base, range: { from: '2020-01-01', to: '2026-01-01' } })).toBe('range');
    expect(() =>
      retentionAnalysis.parse({ ...base, range: { from: '2020-01-01', to: '2026-01-01' }, period: 'week' }),
    ).not.toThrow();
  });
});
