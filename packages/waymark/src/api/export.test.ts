// Exports over HTTP: analysis results as files from the query route, segment members and experiment results from
// the export routes, and export schedules (admins only) with their runs.

import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { saveSegment } from '../segments/segments.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { testDir } from '../test-support/stores.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    tokens[role] = await engine.state.apiTokens.create(role, Date.now(), role);
  app = await buildApp(engine, { logger: false });
  const now = Date.now();
  const batch = [
    { type: 'track', userId: 'u1', event: 'Product Viewed', timestamp: new Date(now - 60_000).toISOString() },
    { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: new Date(now - 30_000).toISOString() },
    { type: 'track', userId: 'u2', event: 'Product Viewed', timestamp: new Date(now - 60_000).toISOString() },
    {
      type: 'identify',
      userId: 'u2',
      traits: { email: 'u2@shop.test' },
      timestamp: new Date(now - 50_000).toISOString(),
    },
  ];
  const res = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: { batch },
    headers: { authorization: basic(writeKey) },
  });
  expect(res.statusCode).toBe(200);
  await engine.ingest.drain();
  await saveSegment(
    engine.state.definitions,
    'shop',
    { name: 'Viewers', condition: { performed: { event: 'Product Viewed', count: { op: 'at_least', value: 1 } } } },
    now,
    { replace: false },
  );
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

const call = (role: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { authorization: `Bearer ${tokens[role]}` },
  });
const funnel = { steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }] };

describe('result exports over HTTP', () => {
  it('POST /api/query/funnel?format= streams the steps as CSV, JSON lines or Parquet (viewers may)', async () => {
    const json = (await call('viewer', 'POST', '/api/query/funnel?project=shop', funnel)).json();
    const csv = await call('viewer', 'POST', '/api/query/funnel?project=shop&format=csv', funnel);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('funnel-steps.csv');
    const [header, first, second] = csv.body.trim().split('\n');
    expect(header?.split(',').slice(0, 5)).toEqual(['breakdown_value', 'step', 'step_name', 'event', 'persons']);
    expect(first?.split(',')[4]).toBe(String(json.result.steps[0].count));
    expect(second?.split(',')[4]).toBe(String(json.result.steps[1].count));

    const lines = await call(
      'viewer',
      'POST',
      '/api/query/funnel?project=shop&format=jsonl&table=time-to-convert',
      funnel,
    );
    expect(lines.headers['content-type']).toContain('application/x-ndjson');
    const bins = lines.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { persons: number });
    expect(bins.reduce((n, b) => n + b.persons, 0)).toBe(json.result.timeToConvert.persons);

    const parquet = await call('viewer', 'POST', '/api/query/funnel?project=shop&format=parquet', funnel);
    expect(parquet.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    expect(parquet.rawPayload.subarray(-4).toString()).toBe('PAR1');
  });

  it('names the field of a bad format or table', async () => {
    const format = await call('viewer', 'POST', '/api/query/funnel?project=shop&format=xlsx', funnel);
    expect(format.statusCode).toBe(400);
    expect(format.json().error).toMatchObject({ field: 'format' });
    const table = await call('viewer', 'POST', '/api/query/funnel?project=shop&format=csv&table=rows', funnel);
    expect(table.json().error).toMatchObject({ field: 'table' });
  });

  it('GET /api/export/segment-members/:id streams every member with profile facts', async () => {
    const res = await call('viewer', 'GET', '/api/export/segment-members/viewers?project=shop&format=jsonl');
    expect(res.statusCode).toBe(200);
    const members = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(members).toHaveLength(2);
    expect(members.map((m) => m['email'])).toContain('u2@shop.test');
    expect((await call('viewer', 'GET', '/api/export/segment-members/nope?project=shop')).statusCode).toBe(404);
  });
});

describe('export schedules over HTTP', () => {
  it('admins create, run, list runs, change and delete; others may not even read', async () => {
    const dir = mkdtempSync(join(testDir(), 'api-schedule-'));
    const body = { id: 'daily', cron: '0 3 * * *', timezone: 'America/New_York', dir, tables: ['events'] };
    for (const role of ['viewer', 'analyst']) {
      expect((await call(role, 'POST', '/api/export/schedules?project=shop', body)).statusCode).toBe(403);
      expect((await call(role, 'GET', '/api/export/schedules?project=shop')).statusCode).toBe(403);
    }
    const created = await call('admin', 'POST', '/api/export/schedules?project=shop', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'daily', format: 'jsonl', enabled: true });
    // 03:00 in New York is 07:00 or 08:00 UTC.
    expect(new Date(created.json().nextRun).getUTCHours()).toBeGreaterThanOrEqual(7);
    expect(new Date(created.json().nextRun).getUTCHours()).toBeLessThanOrEqual(8);
    const bad = await call('admin', 'POST', '/api/export/schedules?project=shop', {
      ...body,
      id: 'x',
      cron: '61 * * * *',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('cron');

    // Events received just now wait for the settle time; the run succeeds and says so.
    const run = await call('admin', 'POST', '/api/export/schedules/daily/run?project=shop');
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ schedule: 'daily', status: 'ok' });
    const runs = (await call('admin', 'GET', '/api/export/schedules/daily/runs?project=shop')).json();
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0].startedAt).toBe(run.json().startedAt);

    const changed = await call('admin', 'PUT', '/api/export/schedules/daily?project=shop', { ...body, enabled: false });
    expect(changed.json()).toMatchObject({ enabled: false, nextRun: null });
    expect((await call('admin', 'GET', '/api/export/schedules?project=shop')).json().schedules).toHaveLength(1);
    expect((await call('admin', 'DELETE', '/api/export/schedules/daily?project=shop')).statusCode).toBe(204);
    expect((await call('admin', 'GET', '/api/export/schedules/daily/runs?project=shop')).statusCode).toBe(404);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
