import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let auth: { authorization: string };

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'other', name: 'Other', now: Date.now() });
  auth = { authorization: `Bearer ${await engine.state.apiTokens.create('test', Date.now())}` };
  app = await buildApp(engine, { logger: false });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const batch = [
    { type: 'identify', userId: 'ann', traits: { plan: 'gold' }, timestamp: at(90) },
    { type: 'track', userId: 'ann', event: 'Product Viewed', timestamp: at(60) },
    { type: 'track', userId: 'ann', event: 'Order Completed', properties: { revenue: 120 }, timestamp: at(50) },
    { type: 'track', userId: 'bob', event: 'Product Viewed', timestamp: at(60) },
    { type: 'track', userId: 'bob', event: 'Order Completed', properties: { revenue: 20 }, timestamp: at(40) },
    { type: 'track', userId: 'cy', event: 'Product Viewed', timestamp: at(30) },
  ];
  const res = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: { batch },
    headers: { authorization: basic(writeKey) },
  });
  expect(res.statusCode).toBe(200);
  await engine.ingest.drain();
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

const bigSpenders = {
  name: 'Big spenders',
  condition: { aggregate: { event: 'Order Completed', measure: 'sum', property: '$revenue', op: 'gte', value: 100 } },
};

describe('segments API', () => {
  it('previews a definition before it is saved', async () => {
    const res = await call('POST', '/api/segments/preview?project=shop', {
      condition: { performed: { event: 'Order Completed' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ size: 2, persons: 3 });
    expect(res.json().share).toBeCloseTo(2 / 3);
  });

  it('saves, lists, shows with its size, updates and deletes segments per project', async () => {
    const created = await call('POST', '/api/segments?project=shop', bigSpenders);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'big-spenders', name: 'Big spenders' });
    expect((await call('POST', '/api/segments?project=shop', bigSpenders)).statusCode).toBe(409);

    expect((await call('GET', '/api/segments?project=shop')).json().segments.map((s: { id: string }) => s.id)).toEqual([
      'big-spenders',
    ]);
    expect((await call('GET', '/api/segments?project=other')).json().segments).toEqual([]);
    expect((await call('GET', '/api/segments/big-spenders?project=other')).statusCode).toBe(404);

    const shown = await call('GET', '/api/segments/big-spenders?project=shop');
    expect(shown.json()).toMatchObject({ id: 'big-spenders', size: 1, persons: 3 });

    const members = await call('GET', '/api/segments/big-spenders/members?project=shop&limit=10');
    expect(members.json()).toMatchObject({ segment: 'big-spenders', size: 1, offset: 0 });
    const profile = await call('GET', '/api/profiles/ann?project=shop');
    expect(members.json().members).toEqual([
      { personId: profile.json().personId, email: null, name: null, lastSeen: expect.any(String), revenue: 120 },
    ]);

    const lowered = { ...bigSpenders, condition: { performed: { event: 'Order Completed' } } };
    expect((await call('PUT', '/api/segments/big-spenders?project=shop', lowered)).statusCode).toBe(200);
    const csv = await call('GET', '/api/segments/big-spenders/members?project=shop&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n')).toHaveLength(3);

    // A segment others are defined with cannot go; once they are gone, it can.
    await call('POST', '/api/segments?project=shop', { name: 'Big and gold', condition: { segment: 'big-spenders' } });
    const refused = await call('DELETE', '/api/segments/big-spenders?project=shop');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('"big-and-gold"');
    expect((await call('DELETE', '/api/segments/big-and-gold?project=shop')).statusCode).toBe(204);

    const stored = async () => (await call('GET', '/api/segments/big-spenders/stored-members?project=shop')).json();
    expect((await stored()).size).toBe(2);
    expect((await call('DELETE', '/api/segments/big-spenders?project=shop')).statusCode).toBe(204);
    expect((await call('GET', '/api/segments/big-spenders?project=shop')).statusCode).toBe(404);
    expect((await call('DELETE', '/api/segments/big-spenders?project=shop')).statusCode).toBe(404);
    // Its members were recorded as leaving: a new segment with the same id starts from nobody and records entries.
    const again = await call('POST', '/api/segments?project=shop', bigSpenders);
    expect(again.json().refresh).toMatchObject({ entered: 1, exited: 0, size: 1 });
    expect((await stored()).size).toBe(1);
    expect((await call('DELETE', '/api/segments/big-spenders?project=shop')).statusCode).toBe(204);
  });

  it('refuses a bad definition naming the node at fault, and keeps nothing of it', async () => {
    const res = await call('POST', '/api/segments?project=shop', {
      name: 'Broken',
      condition: {
        and: [
          { performed: { event: 'Order Completed' } },
          { performed: { event: 'X', count: { op: 'over', value: 1 } } },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_request', field: 'condition.and[1].performed.count.op' });
    expect((await call('GET', '/api/segments/broken?project=shop')).statusCode).toBe(404);
  });

  it('filters a funnel by a saved segment', async () => {
    await call('POST', '/api/segments?project=shop', {
      id: 'gold',
      name: 'Gold',
      condition: { trait: { property: 'plan', op: 'eq', value: 'gold' } },
    });
    const funnel = { steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }], segment: 'gold' };
    const res = await call('POST', '/api/query/funnel?project=shop', funnel);
    expect(res.statusCode).toBe(200);
    expect(res.json().result.steps.map((s: { count: number }) => s.count)).toEqual([1, 1]);
    // Every analysis takes the same filter.
    const run = async (analysis: string, spec: object) => {
      const all = await call('POST', `/api/query/${analysis}?project=shop`, spec);
      const gold = await call('POST', `/api/query/${analysis}?project=shop`, { ...spec, segment: 'gold' });
      expect(gold.statusCode, analysis).toBe(200);
      return [all.json().result, gold.json().result];
    };
    const [trendAll, trendGold] = await run('trends', { series: [{ measure: 'persons', name: 'Active' }] });
    expect(trendAll.series[0].total).toBe(3);
    expect(trendGold.series[0].total).toBe(1);
    const [retAll, retGold] = await run('retention', { start: { event: 'Product Viewed' }, period: 'day' });
    const size = (r: { cohorts: { size: number }[] }) => r.cohorts.reduce((n, c) => n + c.size, 0);
    expect([size(retAll), size(retGold)]).toEqual([3, 1]);
    const [stagesAll, stagesGold] = await run('stages', {});
    expect([stagesAll.persons, stagesGold.persons]).toEqual([3, 1]);
    const [pathsAll, pathsGold] = await run('paths', { start: { event: 'Product Viewed' }, steps: 3 });
    const starts = (r: { nodes: { step: number; persons: number }[] }) =>
      r.nodes.filter((n) => n.step === 0).reduce((t, n) => t + n.persons, 0);
    expect([starts(pathsAll), starts(pathsGold)]).toEqual([3, 1]);
    const [tpAll, tpGold] = await run('touchpoints', { conversion: { event: 'Order Completed' } });
    expect([tpAll.totals.converting, tpGold.totals.converting]).toEqual([2, 1]);
    const unknown = await call('POST', '/api/query/funnel?project=shop', { ...funnel, segment: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('segment');
  });

  it('lists templates and adds one to the project in one step', async () => {
    const list = await call('GET', '/api/segments/templates');
    const ids = list.json().templates.map((t: { id: string }) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining(['rfm-champions', 'cart-abandoners', 'acquired-email', 'highly-engaged']),
    );
    const added = await call('POST', '/api/segments/templates/repeat-buyers?project=shop');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: 'repeat-buyers', name: 'Repeat buyers' });
    expect((await call('GET', '/api/segments/repeat-buyers?project=shop')).json()).toMatchObject({
      size: 0,
      persons: 3,
    });
    expect((await call('POST', '/api/segments/templates/repeat-buyers?project=shop')).statusCode).toBe(409);
    expect((await call('POST', '/api/segments/templates/nope?project=shop')).statusCode).toBe(404);
    const reserved = await call('POST', '/api/segments?project=shop', { id: 'templates', ...bigSpenders });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.field).toBe('id');
  });

  it('records membership when a segment is saved and on refresh; the change shows in the customer timeline', async () => {
    const created = await call('POST', '/api/segments?project=shop', {
      id: 'buyers',
      name: 'Buyers',
      condition: { performed: { event: 'Order Completed' } },
    });
    expect(created.json().refresh).toMatchObject({ segment: 'buyers', entered: 2, exited: 0, size: 2 });
    expect((await call('GET', '/api/segments/buyers/stored-members?project=shop')).json().size).toBe(2);
    expect((await call('POST', '/api/segments/buyers/refresh?project=shop')).json()).toMatchObject({
      entered: 0,
      exited: 0,
    });
    const changed = await call('PUT', '/api/segments/buyers?project=shop', {
      name: 'Buyers',
      condition: { performed: { event: 'Order Completed', where: [{ property: '$revenue', op: 'gte', value: 100 }] } },
    });
    expect(changed.json().refresh).toMatchObject({ entered: 0, exited: 1, size: 1 });
    // Membership changes are funnel steps like any event.
    const entered = await call('POST', '/api/query/funnel?project=shop', {
      steps: [
        { event: 'Order Completed' },
        { event: 'Segment Entered', where: [{ property: 'segment_id', op: 'eq', value: 'buyers' }] },
      ],
    });
    expect(entered.json().result.steps.map((s: { count: number }) => s.count)).toEqual([2, 2]);
    const timeline = await call('GET', '/api/profiles/bob/timeline?project=shop');
    const events = timeline.json().events.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['Segment Entered', 'Segment Exited']));
  });

  it('insights, overlap and comparison of segments, as analyses', async () => {
    await call('POST', '/api/segments?project=shop', {
      id: 'viewers',
      name: 'Viewers',
      condition: { performed: { event: 'Product Viewed' } },
    });
    await call('POST', '/api/segments?project=shop', {
      id: 'orderers',
      name: 'Orderers',
      condition: { performed: { event: 'Order Completed' } },
    });
    const query = async (analysis: string, spec: object) => {
      const res = await call('POST', `/api/query/${analysis}?project=shop`, spec);
      expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
      return res.json().result;
    };
    const overlap = await query('segment-overlap', { segments: ['viewers', 'orderers', 'gold'] });
    expect(overlap.shared).toEqual([
      [3, 2, 1],
      [2, 2, 1],
      [1, 1, 1],
    ]);
    const compared = await query('segment-compare', { a: 'gold', b: 'viewers', traits: ['plan'] });
    expect(compared).toMatchObject({ a: { id: 'gold', size: 1 }, b: { id: 'viewers', size: 3 }, both: 1 });
    const plan = compared.differences.find((d: { dimension: string }) => d.dimension === 'plan');
    expect(plan).toMatchObject({ kind: 'trait', value: 'gold', a: { persons: 1, share: 1 }, b: { persons: 1 } });
    expect(plan.b.share).toBeCloseTo(1 / 3);
    const insights = await query('segment-insights', {
      segment: 'orderers',
      interval: 'day',
      range: { last: { value: 2, unit: 'day' } },
    });
    expect(insights).toMatchObject({ size: 2, persons: 3, revenue: 140, revenuePerMember: 70, buyers: 1 });
    expect(insights.periods.at(-1)).toMatchObject({ size: 2, entered: 2, exited: 0 });
    expect((await call('POST', '/api/query/segment-compare?project=shop', { a: 'gold', b: 'gold' })).statusCode).toBe(
      400,
    );

    // Stage conditions follow the project's own stage map.
    const map = {
      stages: [
        { name: 'browsing', events: [{ event: 'Product Viewed' }] },
        { name: 'buyer', events: [{ event: 'Order Completed' }] },
      ],
    };
    await call('PUT', '/api/stage-map?project=shop', map);
    const inStage = () =>
      call('POST', '/api/segments/preview?project=shop', { condition: { stage: { in: ['buyer'] } } });
    expect((await inStage()).json()).toMatchObject({ size: 2 });
    await call('DELETE', '/api/stage-map?project=shop');
    expect((await inStage()).json()).toMatchObject({ size: 0 });
  });
});
