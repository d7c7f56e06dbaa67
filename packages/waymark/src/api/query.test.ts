import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'other', name: 'Other', now: Date.now() });
  token = await engine.state.apiTokens.create('test', Date.now());
  app = await buildApp(engine, { logger: false });
  const now = Date.now();
  const batch = [
    { type: 'track', userId: 'u1', event: 'Product Viewed', timestamp: new Date(now - 60_000).toISOString() },
    { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: new Date(now - 30_000).toISOString() },
    { type: 'track', userId: 'u2', event: 'Product Viewed', timestamp: new Date(now - 60_000).toISOString() },
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

const query = (name: string, spec: unknown, project = 'shop') =>
  app.inject({
    method: 'POST',
    url: `/api/query/${name}?project=${project}`,
    payload: spec as object,
    headers: { authorization: `Bearer ${token}` },
  });
const funnel = { steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }] };

describe('query API', () => {
  it('runs a funnel for the project asked for, and only that project', async () => {
    const res = await query('funnel', funnel);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ analysis: 'funnel', project: 'shop' });
    expect(res.json().result.steps.map((s: { count: number }) => s.count)).toEqual([2, 1]);
    const other = await query('funnel', funnel, 'other');
    expect(other.json().result.steps.map((s: { count: number }) => s.count)).toEqual([0, 0]);
  });

  it('answers 400 naming the field for a bad spec, 404 for an unknown analysis, 401 without a token', async () => {
    const bad = await query('funnel', { steps: [{ event: 'Product Viewed' }, { evnt: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_request', field: 'steps[1].evnt' });
    const unknown = await query('funnels', funnel);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('funnel');
    const anonymous = await app.inject({ method: 'POST', url: '/api/query/funnel', payload: funnel });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists the analyses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/query', headers: { authorization: `Bearer ${token}` } });
    expect(res.json().analyses.map((a: { name: string }) => a.name)).toContain('drop-off');
  });

  it('keeps a stage map per project: saved, used by the stages analysis, checked, reset', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const initial = await app.inject({ method: 'GET', url: '/api/stage-map?project=shop', headers: auth });
    expect(initial.json()).toMatchObject({ project: 'shop', source: 'default' });
    expect(initial.json().stages[0].name).toBe('awareness');

    const map = {
      stages: [
        { name: 'browsing', events: [{ event: 'Product Viewed' }] },
        { name: 'buyer', events: [{ event: 'Order Completed' }] },
      ],
    };
    const saved = await app.inject({ method: 'PUT', url: '/api/stage-map?project=shop', payload: map, headers: auth });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'project', stages: map.stages });

    const stages = await query('stages', {});
    expect(stages.json().result.stageMap).toBe('project');
    expect(stages.json().result.stages.map((s: { name: string; current: number }) => [s.name, s.current])).toEqual([
      ['browsing', 1],
      ['buyer', 1],
    ]);
    // Another project still has the default map; a map in the spec wins over the saved one.
    expect((await query('stages', {}, 'other')).json().result.stageMap).toBe('default');
    const inline = await query('stages', { stages: [{ name: 'any', events: [{ event: 'Product Viewed' }] }] });
    expect(inline.json().result).toMatchObject({ stageMap: 'spec', stages: [{ name: 'any', current: 2 }] });

    const bad = await app.inject({
      method: 'PUT',
      url: '/api/stage-map?project=shop',
      payload: {
        stages: [
          { name: 'a', events: [{ event: 'x' }] },
          { name: 'a', events: [{ event: 'y' }] },
        ],
      },
      headers: auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'stages[1].name' });
    expect(
      (await app.inject({ method: 'GET', url: '/api/stage-map?project=shop', headers: auth })).json(),
    ).toMatchObject({ source: 'project' });

    const reset = await app.inject({ method: 'DELETE', url: '/api/stage-map?project=shop', headers: auth });
    expect(reset.json()).toMatchObject({ source: 'default' });
    expect((await query('stages', {})).json().result.stageMap).toBe('default');
  });
});
