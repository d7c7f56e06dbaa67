import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let writeKey: string;
let token: string;

beforeAll(async () => {
  engine = await openTestEngine();
  writeKey = (await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() })).writeKey;
  token = await engine.state.apiTokens.create('test', Date.now());
  app = await buildApp(engine, { logger: false });
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = { authorization: basic(writeKey) }) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers });
const api = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('ingest API', () => {
  it('accepts a track call authenticated like Segment and makes it readable once stored', async () => {
    const res = await post('/v1/track', { userId: 'u-track', event: 'Product Viewed', properties: { sku: 'A1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
    await engine.ingest.drain();
    const profile = await api('/api/profiles/u-track');
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      distinctIds: ['u-track'],
      eventCount: 1,
      eventCounts: { 'Product Viewed': 1 },
    });
  });

  it('takes the write key from the body too, and refuses missing or unknown keys', async () => {
    expect((await post('/v1/identify', { writeKey, userId: 'u-body', traits: { plan: 'gold' } }, {})).statusCode).toBe(
      200,
    );
    const missing = await post('/v1/track', { userId: 'x', event: 'E' }, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error).toMatchObject({ code: 'unauthorized', field: 'writeKey' });
    expect((await post('/v1/track', { userId: 'x', event: 'E' }, { authorization: basic('wk_nope') })).statusCode).toBe(
      401,
    );
  });

  it('keeps the good events of a batch and reports each rejected one by index', async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u-batch', event: 'A' },
        { type: 'track', userId: 'u-batch' },
        { type: 'launch', userId: 'u-batch' },
        {
          type: 'page',
          anonymousId: 'anon-b',
          name: 'Home',
          properties: { nested: { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } } },
        },
        { type: 'identify', traits: { plan: 'gold' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      expect.objectContaining({ index: 1, code: 'invalid_event', field: 'batch[1].event' }),
      expect.objectContaining({ index: 2, field: 'batch[2].type' }),
      expect.objectContaining({ index: 3, field: expect.stringMatching(/^batch\[3\]\.properties\.nested/) }),
      expect.objectContaining({ index: 4, field: 'batch[4].userId', message: 'userId or anonymousId is required' }),
    ]);
  });

  it('answers 400 naming the problem for bad bodies of many shapes', async () => {
    const bad = async (url: string, payload: string | object, type = 'application/json') =>
      app.inject({ method: 'POST', url, payload, headers: { authorization: basic(writeKey), 'content-type': type } });
    const cases: [string, string | object, number, string, string?][] = [
      ['/v1/track', '{"userId": "x", "event": ', 400, 'invalid_json', 'body'],
      ['/v1/batch', { batch: 'nope' }, 400, 'invalid_request', 'batch'],
      ['/v1/batch', [1, 2], 400, 'invalid_request', 'body'],
      ['/v1/batch', { batch: [{ type: 'track' }] }, 400, 'invalid_event', 'batch[0].userId'],
      ['/v1/track', { userId: 'x', event: 'E', timestamp: 'yesterday' }, 400, 'invalid_event', 'timestamp'],
      ['/v1/track', { userId: 'x', event: 'E', type: 'page' }, 400, 'invalid_event', 'type'],
      ['/v1/track', { userId: { id: 1 }, event: 'E' }, 400, 'invalid_event', 'userId'],
      ['/v1/track', { userId: 'x', event: 'E', properties: [] }, 400, 'invalid_event', 'properties'],
      ['/v1/alias', { userId: 'x' }, 400, 'invalid_event', 'previousId'],
      ['/v1/track', { userId: 'x', event: 'x'.repeat(300) }, 400, 'invalid_event', 'event'],
      [
        '/v1/track',
        { userId: 'x', event: 'E', properties: { big: 'x'.repeat(20_000) } },
        400,
        'invalid_event',
        'properties.big',
      ],
      [
        '/v1/batch',
        { batch: Array.from({ length: 3_000 }, () => ({ type: 'track', userId: 'x', event: 'E' })) },
        413,
        'payload_too_large',
      ],
      [
        '/v1/track',
        { userId: 'x', event: 'E', properties: { blob: 'y'.repeat(600_000) } },
        413,
        'payload_too_large',
        'body',
      ],
    ];
    for (const [url, payload, status, code, field] of cases) {
      const res = await bad(url, payload);
      expect({ url, status: res.statusCode, code: res.json().error?.code }).toEqual({ url, status, code });
      if (field !== undefined) expect(res.json().error.field).toBe(field);
    }
  });

  it('stores a retried messageId once', async () => {
    const call = { userId: 'u-retry', event: 'Order Completed', messageId: 'retry-me', properties: { revenue: 10 } };
    for (let i = 0; i < 3; i++) expect((await post('/v1/track', call)).statusCode).toBe(200);
    await engine.ingest.drain();
    const profile = (await api('/api/profiles/u-retry')).json();
    expect(profile).toMatchObject({ eventCount: 1, revenue: 10 });
  });

  it('corrects client clock skew from sentAt', async () => {
    const now = Date.now();
    const hour = 3_600_000;
    // The device clock is an hour fast: the event happened 5 s before it was sent.
    const res = await post('/v1/batch', {
      sentAt: new Date(now + hour).toISOString(),
      batch: [
        { type: 'track', userId: 'u-skew', event: 'Skewed', timestamp: new Date(now + hour - 5_000).toISOString() },
      ],
    });
    expect(res.statusCode).toBe(200);
    await engine.ingest.drain();
    const { events } = (await api('/api/profiles/u-skew/timeline')).json();
    const t = Date.parse(events[0].timestamp);
    expect(Math.abs(t - (now - 5_000))).toBeLessThan(2_000);
  });

  it('accepts analytics.js text/plain bodies, gzip, and CORS preflight', async () => {
    const text = await app.inject({
      method: 'POST',
      url: '/v1/t',
      payload: JSON.stringify({ writeKey, anonymousId: 'browser-1', event: 'Clicked' }),
      headers: { 'content-type': 'text/plain', origin: 'https://shop.test' },
    });
    expect(text.statusCode).toBe(200);
    expect(text.headers['access-control-allow-origin']).toBe('https://shop.test');
    const gz = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: gzipSync(JSON.stringify({ batch: [{ type: 'track', anonymousId: 'gz', event: 'Zipped' }] })),
      headers: { authorization: basic(writeKey), 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gz.statusCode).toBe(200);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/batch',
      headers: { origin: 'https://shop.test' },
    });
    expect(preflight.statusCode).toBe(204);
  });
});

describe('profiles API', () => {
  it('shows one cross-channel timeline after an anonymous visitor identifies', async () => {
    await post('/v1/page', {
      anonymousId: 'visitor-9',
      name: 'Landing',
      timestamp: '2026-11-20T10:00:00.000Z',
      context: { page: { url: 'https://shop.test/?utm_source=newsletter&utm_medium=email&utm_campaign=bf' } },
    });
    await post('/v1/page', {
      anonymousId: 'visitor-9',
      timestamp: '2026-11-20T10:02:00.000Z',
      context: { page: { url: 'https://shop.test/p/1', referrer: 'https://www.google.com/' } },
    });
    await post('/v1/identify', {
      anonymousId: 'visitor-9',
      userId: 'ann',
      traits: { email: 'ann@shop.test', plan: 'silver' },
    });
    await post('/v1/track', {
      userId: 'ann',
      event: 'Order Completed',
      properties: { total: '99.90', currency: 'eur' },
    });
    await engine.ingest.drain();

    const profile = (await api('/api/profiles/visitor-9')).json();
    expect(profile.distinctIds.sort()).toEqual(['ann', 'visitor-9']);
    expect(profile).toMatchObject({
      identified: true,
      revenue: 99.9,
      traits: { email: 'ann@shop.test', plan: 'silver' },
    });
    expect(profile.channels).toEqual(['Email', 'Organic Search']);
    const timeline = (await api(`/api/profiles/${profile.personId}/timeline`)).json();
    expect(timeline.events.map((e: { event: string }) => e.event)).toEqual([
      'Order Completed',
      '$identify',
      '$page',
      '$page',
    ]);
    expect(timeline.events[3]).toMatchObject({ channel: 'Email', campaign: 'bf', path: '/' });
  });

  it('searches profiles by trait, distinct id and text, and 404s unknown ids', async () => {
    const byTrait = (await api('/api/profiles?trait=plan:silver')).json();
    expect(byTrait.profiles.map((p: { traits: { email?: string } }) => p.traits.email)).toContain('ann@shop.test');
    expect((await api('/api/profiles?distinct_id=visitor-9')).json().total).toBe(1);
    expect((await api('/api/profiles?q=ANN@shop')).json().total).toBe(1);
    const missing = await api('/api/profiles/nobody');
    expect(missing.statusCode).toBe(404);
    expect((await api('/api/profiles?trait=broken')).statusCode).toBe(400);
  });

  it('refuses /api without a valid token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/profiles' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/profiles', headers: { authorization: 'Bearer nope' } })).statusCode,
    ).toBe(401);
  });

  it('reports health and readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });
});

describe('analytics.js settings', () => {
  it('serves the settings analytics.js loads from its CDN, pointing it back at this server', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/v1/projects/${writeKey}/settings`,
      headers: { host: 'waymark.test:8787' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().integrations['Segment.io']).toMatchObject({
      apiKey: writeKey,
      apiHost: 'waymark.test:8787/v1',
      protocol: 'http',
    });
    expect((await app.inject({ method: 'GET', url: '/v1/projects/wk_unknown/settings' })).statusCode).toBe(401);
  });
});

describe('projects and export API', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('creates a project, rotates its key at once, and keeps data per project', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { id: 'web', name: 'Web' },
      headers: auth(),
    });
    expect(created.statusCode).toBe(201);
    const { writeKey: webKey } = created.json() as { writeKey: string };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/projects',
          payload: { id: 'web', name: 'Again' },
          headers: auth(),
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await app.inject({ method: 'POST', url: '/api/projects', payload: {}, headers: auth() })).json().error.field,
    ).toBe('name');

    expect(
      (await post('/v1/track', { userId: 'web-user', event: 'Visited' }, { authorization: basic(webKey) })).statusCode,
    ).toBe(200);
    await engine.ingest.drain();
    // Two projects now: /api asks which one, and one project's people are not found in the other.
    expect((await api('/api/profiles/web-user')).json().error.field).toBe('project');
    expect((await api('/api/profiles/web-user?project=web')).statusCode).toBe(200);
    expect((await api('/api/profiles/web-user?project=shop')).statusCode).toBe(404);

    const rotated = await app.inject({
      method: 'POST',
      url: '/api/projects/web/keys/rotate',
      payload: {},
      headers: auth(),
    });
    const { writeKey: newKey } = rotated.json() as { writeKey: string };
    expect(
      (await post('/v1/track', { userId: 'web-user', event: 'Visited' }, { authorization: basic(webKey) })).statusCode,
    ).toBe(401);
    expect(
      (await post('/v1/track', { userId: 'web-user', event: 'Visited' }, { authorization: basic(newKey) })).statusCode,
    ).toBe(200);
    const keys = (await api('/api/projects/web/keys')).json().keys as { revokedAt: number | null }[];
    expect(keys.map((k) => k.revokedAt === null)).toEqual([false, true]);
  });

  it('pages a timeline back in time and streams exports', async () => {
    for (let i = 0; i < 5; i++) {
      await post('/v1/track', {
        userId: 'pager',
        event: `Step ${i}`,
        timestamp: new Date(Date.UTC(2026, 9, 1, 10, i)).toISOString(),
      });
    }
    await engine.ingest.drain();
    const page1 = (await api('/api/profiles/pager/timeline?project=shop&limit=2')).json();
    expect(page1.events.map((e: { event: string }) => e.event)).toEqual(['Step 4', 'Step 3']);
    const page2 = (await api(`/api/profiles/pager/timeline?project=shop&limit=2&before=${page1.next}`)).json();
    expect(page2.events.map((e: { event: string }) => e.event)).toEqual(['Step 2', 'Step 1']);
    expect((await api('/api/profiles/pager/timeline?project=shop&before=yesterday')).statusCode).toBe(400);

    const csv = await api('/api/export/events?project=shop&format=csv&from=2026-10-01&to=2026-10-02');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n')).toHaveLength(6);
    expect((await api('/api/export/events?project=shop&format=xml')).json().error.field).toBe('format');
    expect((await api('/api/export/nothing?project=shop')).statusCode).toBe(404);
  });
});
