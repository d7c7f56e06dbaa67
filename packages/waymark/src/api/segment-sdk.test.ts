// An unmodified Segment SDK pointed at Waymark by changing only its host.

import { Analytics } from '@segment/analytics-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let url: string;
let writeKey: string;

beforeAll(async () => {
  engine = await openTestEngine();
  writeKey = (await engine.state.projects.create({ id: 'sdk', name: 'SDK', now: Date.now() })).writeKey;
  app = await buildApp(engine, { logger: false });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

it('@segment/analytics-node delivers track, identify, page, group and alias calls', async () => {
  const analytics = new Analytics({ writeKey, host: url, flushAt: 5, maxRetries: 1 });
  const errors: unknown[] = [];
  analytics.on('error', (e) => errors.push(e));
  analytics.track({ anonymousId: 'sdk-anon', event: 'Product Viewed', properties: { product_id: 'p1', price: 12 } });
  analytics.page({
    anonymousId: 'sdk-anon',
    name: 'Pricing',
    properties: { url: 'https://shop.test/pricing?utm_source=bing&utm_medium=cpc' },
  });
  analytics.identify({ anonymousId: 'sdk-anon', userId: 'sdk-user', traits: { email: 'sdk@shop.test' } });
  analytics.track({ userId: 'sdk-user', event: 'Order Completed', properties: { revenue: 30 } });
  analytics.group({ userId: 'sdk-user', groupId: 'acme', traits: { name: 'Acme' } });
  analytics.alias({ userId: 'sdk-user', previousId: 'legacy-42' });
  await analytics.closeAndFlush({ timeout: 10_000 });
  expect(errors).toEqual([]);
  await engine.ingest.drain();

  const res = await app.inject({
    method: 'GET',
    url: '/api/profiles/legacy-42',
    headers: { authorization: `Bearer ${await engine.state.apiTokens.create('t', Date.now())}` },
  });
  expect(res.statusCode).toBe(200);
  const profile = res.json();
  expect(profile.distinctIds.sort()).toEqual(['legacy-42', 'sdk-anon', 'sdk-user']);
  expect(profile).toMatchObject({
    eventCount: 6,
    revenue: 30,
    traits: { email: 'sdk@shop.test' },
    eventCounts: { 'Product Viewed': 1, $page: 1, $identify: 1, 'Order Completed': 1, $group: 1, $alias: 1 },
    channels: ['Paid Search'],
  });
});
