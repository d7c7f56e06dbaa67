import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { loadScenario, type ScenarioCall } from '../test-support/scenario.js';
import { currentIdentitiesSql } from '../warehouse/identity-sql.js';
import { compileSegment } from './compile.js';
import { parseCondition } from './definition-check.js';
import { previewSegment, resolveSegmentRefs, saveSegment, segmentMembers } from './segments.js';

let stores: TestStores;
const P = 'seg';
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const DAY = 24 * 60; // minutes
const NOW = T0 + 40 * DAY * 60_000;
// Worked by hand, evaluated at day 40:
//   u1: gold, age 34, signed up 2026-10-01; orders of 50 (day 1), 80 (day 20), 120 (day 35): 2 in the last 30 days,
//       250 in all, 200 in the last 30 days, average 83.33, last order 5 days ago, first 39 days ago
//   u2: browsed and added to cart anonymously (a2) on day 38, then identified as u2 (free, age 22): no order
//   u3: gold; one order of 500 on day 2 (38 days ago)
//   u4: one page view on day 39 from the newsletter (channel Email), no traits
//   u5: an order on day 41, after the evaluation time: not seen yet
const calls: ScenarioCall[] = [
  { type: 'identify', userId: 'u1', traits: { plan: 'gold', age: 34, signup: '2026-10-01' }, at: 0 },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 50 }, at: 1 * DAY },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 80 }, at: 20 * DAY },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 120 }, at: 35 * DAY },
  { type: 'track', anonymousId: 'a2', event: 'Product Viewed', properties: { category: 'Tents' }, at: 38 * DAY },
  { type: 'track', anonymousId: 'a2', event: 'Product Added', properties: { category: 'Tents' }, at: 38 * DAY + 5 },
  { type: 'identify', anonymousId: 'a2', userId: 'u2', traits: { plan: 'free', age: 22 }, at: 38 * DAY + 10 },
  { type: 'identify', userId: 'u3', traits: { plan: 'gold' }, at: 0 },
  { type: 'track', userId: 'u3', event: 'Order Completed', properties: { revenue: 500 }, at: 2 * DAY },
  {
    type: 'page',
    userId: 'u4',
    name: 'Home',
    context: { campaign: { source: 'newsletter', medium: 'email', name: 'nov' } },
    at: 39 * DAY,
  },
  { type: 'track', userId: 'u5', event: 'Order Completed', properties: { revenue: 10 }, at: 41 * DAY },
];

let userOf: Map<string, string>;

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
  const ids = await stores.warehouse.query<{ distinct_id: string; person_id: string }>(
    currentIdentitiesSql(stores.warehouse.database),
    { project: P },
  );
  userOf = new Map(ids.filter((r) => r.distinct_id.startsWith('u')).map((r) => [r.person_id, r.distinct_id]));
});
afterAll(() => stores.close());

async function members(condition: unknown): Promise<string[]> {
  const compiled = compileSegment(stores.warehouse.database, P, parseCondition(condition), NOW);
  const rows = await stores.warehouse.query<{ person_id: string }>(compiled.sql, compiled.params);
  return rows.map((r) => userOf.get(r.person_id) ?? r.person_id).sort();
}

const orders = { event: 'Order Completed' };
const last30 = { last: { value: 30, unit: 'day' } };

describe('segment membership on chDB', () => {
  it('behaviour: counts in a window, did not perform', async () => {
    expect(await members({ performed: { ...orders, count: { op: 'at_least', value: 2 }, window: last30 } })).toEqual([
      'u1',
    ]);
    expect(await members({ performed: { ...orders, count: { op: 'exactly', value: 1 } } })).toEqual(['u3']);
    expect(await members({ performed: { ...orders, count: { op: 'at_most', value: 1 } } })).toEqual(['u2', 'u3', 'u4']);
    expect(await members({ didNotPerform: { ...orders, window: last30 } })).toEqual(['u2', 'u3', 'u4']);
  });

  it('applies identity merges: anonymous behaviour counts for the identified person', async () => {
    const abandoners = {
      and: [
        { performed: { event: 'Product Added', where: [{ property: 'category', op: 'eq', value: 'Tents' }] } },
        { didNotPerform: orders },
        { trait: { property: 'plan', op: 'eq', value: 'free' } },
      ],
    };
    expect(await members(abandoners)).toEqual(['u2']);
  });

  it('traits: filters, numbers, dates, is set, combined with and / or / not', async () => {
    expect(await members({ trait: { property: 'age', op: 'gte', value: 30 } })).toEqual(['u1']);
    expect(await members({ trait: { property: 'signup', op: 'before', value: '2026-10-15' } })).toEqual(['u1']);
    expect(await members({ not: { trait: { property: 'plan', op: 'is_set' } } })).toEqual(['u4']);
    expect(
      await members({
        or: [{ performed: { event: 'Product Added' } }, { trait: { property: 'age', op: 'lt', value: 25 } }],
      }),
    ).toEqual(['u2']);
    const lapsedGold = {
      and: [{ trait: { property: 'plan', op: 'eq', value: 'gold' } }, { didNotPerform: { ...orders, window: last30 } }],
    };
    expect(await members(lapsedGold)).toEqual(['u3']);
  });

  it('first and last time, aggregates of a property', async () => {
    expect(await members({ lastTime: { ...orders, op: 'more_than_ago', value: { value: 30, unit: 'day' } } })).toEqual([
      'u3',
    ]);
    expect(await members({ firstTime: { ...orders, op: 'within_last', value: { value: 60, unit: 'day' } } })).toEqual([
      'u1',
      'u3',
    ]);
    const spent = (window?: object) => ({
      aggregate: {
        ...orders,
        measure: 'sum',
        property: '$revenue',
        op: 'gte',
        value: 200,
        ...(window ? { window } : {}),
      },
    });
    expect(await members(spent())).toEqual(['u1', 'u3']);
    expect(await members(spent(last30))).toEqual(['u1']);
    expect(
      await members({ aggregate: { ...orders, measure: 'average', property: '$revenue', op: 'gt', value: 100 } }),
    ).toEqual(['u3']);
    // A person without orders has no average: "not above 100" holds for them, never NULL.
    expect(
      await members({
        not: { aggregate: { ...orders, measure: 'average', property: '$revenue', op: 'gt', value: 100 } },
      }),
    ).toEqual(['u1', 'u2', 'u4']);
  });

  it('previews the size, share and a sample; pages through members', async () => {
    const condition = parseCondition({ performed: orders });
    const preview = await previewSegment(stores.warehouse, P, condition, NOW, 1);
    expect(preview).toMatchObject({ size: 2, persons: 4, share: 0.5 });
    expect(preview.sample).toHaveLength(1);
    const first = await segmentMembers(stores.warehouse, P, condition, NOW, { limit: 1, offset: 0 });
    const second = await segmentMembers(stores.warehouse, P, condition, NOW, { limit: 1, offset: 1 });
    expect(first.size).toBe(2);
    expect([...first.members, ...second.members].map((p) => userOf.get(p)).sort()).toEqual(['u1', 'u3']);
    // Evaluated later, u5's order counts.
    const later = await previewSegment(stores.warehouse, P, condition, NOW + 2 * DAY * 60_000);
    expect(later).toMatchObject({ size: 3, persons: 5 });
  });

  it('static lists of distinct ids, first touch, engagement', async () => {
    expect(await members({ list: ['u1', 'a2', 'nobody'] })).toEqual(['u1', 'u2']);
    expect(await members({ firstTouch: { property: '$channel', op: 'eq', value: 'Email' } })).toEqual(['u4']);
    expect(await members({ firstTouch: { property: '$utm_source', op: 'in', value: ['newsletter', 'x'] } })).toEqual([
      'u4',
    ]);
    // Worked out in the test's header: u2 scores 15.9 (two events 2 days ago), u1 9.5, u4 8.9, u3 0.7.
    expect(await members({ engagement: { op: 'gte', value: 10 } })).toEqual(['u2']);
    expect(await members({ engagement: { op: 'gte', value: 5 } })).toEqual(['u1', 'u2', 'u4']);
  });

  it('journey stages (default map) and funnel steps reached', async () => {
    // Default map: u1 ordered 3 times (retention), u2 added to cart (decision), u3 ordered once (purchase, entered
    // on day 2), u4 only looked at a page (awareness).
    expect(await members({ stage: { in: ['decision'] } })).toEqual(['u2']);
    expect(await members({ stage: { in: ['purchase', 'retention'] } })).toEqual(['u1', 'u3']);
    const longInPurchase = {
      stage: { in: ['purchase'], entered: { op: 'more_than_ago', value: { value: 30, unit: 'day' } } },
    };
    expect(await members(longInPurchase)).toEqual(['u3']);
    const shopping = (reached: number) => ({
      funnel: {
        steps: [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Order Completed' }],
        window: { value: 7, unit: 'day' },
        reached,
      },
    });
    expect(await members(shopping(2))).toEqual(['u2']);
    expect(await members(shopping(3))).toEqual([]);
    expect(await members({ not: shopping(1) })).toEqual(['u1', 'u3', 'u4']);
  });

  it('RFM: quintiles among buyers, the standard groups, nobody else', async () => {
    // Two buyers. Recency: u3 (38 days) 1, u1 (5 days) 3; frequency: u3 1, u1 3; monetary: u1 1, u3 3.
    // FM = (F + M) / 2 rounded half up: 2 for both. u1 (R3, FM2) needs attention; u3 (R1, FM2) hibernates.
    expect(await members({ rfm: { group: 'need_attention' } })).toEqual(['u1']);
    expect(await members({ rfm: { group: 'hibernating' } })).toEqual(['u3']);
    expect(await members({ rfm: { recency: { op: 'gte', value: 3 } } })).toEqual(['u1']);
    expect(await members({ rfm: { monetary: { op: 'eq', value: 3 }, frequency: { op: 'eq', value: 1 } } })).toEqual([
      'u3',
    ]);
    expect(await members({ not: { rfm: { group: 'champions' } } })).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('membership of other saved segments, refused when they loop', async () => {
    const store = stores.state.definitions;
    await stores.state.projects.create({ id: P, name: 'Segments', now: T0 });
    await saveSegment(store, P, { name: 'Buyers', condition: { performed: orders } }, T0, { replace: false });
    const gold = {
      name: 'Gold buyers',
      condition: { and: [{ segment: 'buyers' }, { trait: { property: 'plan', op: 'eq', value: 'gold' } }] },
    };
    await saveSegment(store, P, gold, T0, { replace: false });
    const expanded = await resolveSegmentRefs(store, P, parseCondition({ not: { segment: 'gold-buyers' } }));
    const compiled = compileSegment(stores.warehouse.database, P, expanded, NOW);
    const rows = await stores.warehouse.query<{ person_id: string }>(compiled.sql, compiled.params);
    expect(rows.map((r) => userOf.get(r.person_id)).sort()).toEqual(['u2', 'u4']);

    const loop = { name: 'Buyers', condition: { and: [{ performed: orders }, { segment: 'gold-buyers' }] } };
    await expect(saveSegment(store, P, loop, T0, { id: 'buyers', replace: true })).rejects.toThrow(
      /refers to itself \(buyers > gold-buyers > buyers\)/,
    );
    await expect(
      saveSegment(store, P, { name: 'X', condition: { segment: 'missing' } }, T0, { replace: false }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
