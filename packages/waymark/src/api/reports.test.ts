// The weekly report over HTTP: formats, the archive, errors that name the field, and projects kept apart.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { lastCompleteWeek, formatIsoWeek, weekRange } from '../reports/iso-week.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let auth: { authorization: string };
const week = lastCompleteWeek(Date.now(), 'UTC');
const range = weekRange(week, 'UTC');

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'other', name: 'Other', now: Date.now() });
  auth = { authorization: `Bearer ${await engine.state.apiTokens.create('test', Date.now())}` };
  app = await buildApp(engine, { logger: false });
  const inWeek = (hours: number) => new Date(range.from + hours * 3_600_000).toISOString();
  const batch = ['a', 'b', 'c'].flatMap((userId, i) => [
    { type: 'track', userId, event: 'Product Viewed', timestamp: inWeek(10 + i) },
    ...(i === 0
      ? [
          {
            type: 'track',
            userId,
            event: 'Order Completed',
            properties: { revenue: 42, currency: 'EUR' },
            timestamp: inWeek(12),
          },
        ]
      : []),
  ]);
  await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(writeKey) },
    payload: { batch },
  });
  await engine.ingest.drain();
}, 60_000);
afterAll(async () => {
  await app.close();
  await engine.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: auth });

describe('GET /api/reports/weekly', () => {
  it('builds the last complete week as JSON by default', async () => {
    const res = await get('/api/reports/weekly?project=shop');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.week).toBe(formatIsoWeek(week));
    expect(report.kpis.find((k: { id: string }) => k.id === 'visitors').current).toBe(3);
    expect(report.kpis.find((k: { id: string }) => k.id === 'revenue').current).toBe(42);
  });

  it('answers in each format with its content type', async () => {
    const html = await get(`/api/reports/weekly?project=shop&format=html&week=${formatIsoWeek(week)}`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<!DOCTYPE html>');
    const md = await get('/api/reports/weekly?project=shop&format=md&download=1');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toContain(`shop-${formatIsoWeek(week)}.md`);
    expect(md.body).toContain('| Visitors | 3 |');
  });

  it('names the field of a bad request', async () => {
    const badWeek = await get('/api/reports/weekly?project=shop&week=last');
    expect(badWeek.statusCode).toBe(400);
    expect(badWeek.json()).toMatchObject({ error: { field: 'week' } });
    const badFormat = await get('/api/reports/weekly?project=shop&format=docx');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json()).toMatchObject({ error: { field: 'format' } });
  });

  it('keeps reports in an archive per project', async () => {
    const list = await get('/api/reports/weekly/archive?project=shop');
    expect(list.json().reports.map((r: { week: string }) => r.week)).toEqual([formatIsoWeek(week)]);
    const kept = await get(`/api/reports/weekly/archive/${formatIsoWeek(week)}?project=shop&format=md`);
    expect(kept.statusCode).toBe(200);
    expect(kept.body).toContain('# Shop: week');
    expect((await get('/api/reports/weekly/archive?project=other')).json().reports).toEqual([]);
    const missing = await get(`/api/reports/weekly/archive/${formatIsoWeek(week)}?project=other`);
    expect(missing.statusCode).toBe(404);
  });

  it('serves another project only its own numbers', async () => {
    const other = (await get('/api/reports/weekly?project=other')).json();
    expect(other.kpis.find((k: { id: string }) => k.id === 'visitors').current).toBe(0);
  });
});
