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
  const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(writeKey) },
    payload: {
      batch: [
        {
          type: 'track',
          userId: 'a',
          event: 'Product Viewed',
          properties: { product_id: 'p1', price: 9 },
          timestamp: at(30),
        },
        { type: 'track', userId: 'a', event: 'Order Completed', timestamp: at(20) },
        { type: 'track', userId: 'b', event: 'Product Viewed', timestamp: at(10) },
      ],
    },
  });
  await engine.ingest.drain();
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

const funnel = {
  name: 'View to order',
  analysis: 'funnel',
  spec: { steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }] },
};

describe('saved insights and dashboards', () => {
  it('save an analysis with its spec, run it by id, pin it to a dashboard', async () => {
    const saved = await api('POST', '/api/insights?project=shop', funnel);
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ id: 'view-to-order', analysis: 'funnel' });
    const run = await api('POST', '/api/insights/view-to-order/run?project=shop');
    expect(run.json().result.steps.map((s: { count: number }) => s.count)).toEqual([2, 1]);
    // The same as asking for the analysis directly.
    const direct = await api('POST', '/api/query/funnel?project=shop', funnel.spec);
    expect(run.json().result.steps).toEqual(direct.json().result.steps);

    const board = await api('POST', '/api/dashboards?project=shop', {
      name: 'Weekly',
      items: [{ insight: 'view-to-order', width: 'full' }],
    });
    expect(board.statusCode).toBe(201);
    expect((await api('GET', '/api/dashboards/weekly?project=shop')).json().items).toEqual([
      { insight: 'view-to-order', width: 'full' },
    ]);
    expect((await api('GET', '/api/dashboards?project=other')).json().dashboards).toEqual([]);
    expect((await api('DELETE', '/api/insights/view-to-order?project=shop')).statusCode).toBe(409);
    expect((await api('DELETE', '/api/dashboards/weekly?project=shop')).statusCode).toBe(204);
    expect((await api('DELETE', '/api/insights/view-to-order?project=shop')).statusCode).toBe(204);
  });

  it('refuses specs the analysis would refuse, and unknown analyses, naming the field', async () => {
    const bad = await api('POST', '/api/insights?project=shop', { ...funnel, spec: { steps: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^spec/);
    const unknown = await api('POST', '/api/insights?project=shop', { ...funnel, analysis: 'nope' });
    expect(unknown.statusCode).toBe(404);
    const missing = await api('POST', '/api/dashboards?project=shop', { name: 'X', items: [{ insight: 'nope' }] });
    expect(missing.json().error.field).toBe('items[0].insight');
  });

  it("lists the project's event names and an event's property keys", async () => {
    const events = (await api('GET', '/api/events?project=shop')).json().events;
    expect(events.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([
      ['Product Viewed', 2],
      ['Order Completed', 1],
    ]);
    expect((await api('GET', '/api/events?project=other')).json().events).toEqual([]);
    expect((await api('GET', '/api/events?project=shop&days=0')).json().error.field).toBe('days');
    const props = await api('GET', '/api/events/Product%20Viewed/properties?project=shop');
    expect(props.json().properties).toEqual([
      { property: 'price', count: 1 },
      { property: 'product_id', count: 1 },
    ]);
  });
});
