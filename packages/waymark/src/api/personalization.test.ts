import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let auth: { authorization: string };
let key: { authorization: string };

const experiment = {
  id: 'hero-test',
  name: 'Hero test',
  hypothesis: 'A bold hero sells more',
  variants: [
    { id: 'control', weight: 1 },
    { id: 'bold', weight: 1 },
  ],
  metrics: {
    primary: { id: 'purchase', type: 'conversion', event: 'Order Completed', withinDays: 7 },
    guardrails: [{ id: 'revenue', type: 'revenue', event: 'Order Completed' }],
  },
  status: 'running',
};

const slot = {
  id: 'home-hero',
  name: 'Home hero',
  default: 'control',
  variants: [
    { id: 'control', content: { type: 'text', value: 'Welcome' } },
    { id: 'bold', content: { type: 'html', value: '<b>Welcome</b>' } },
    { id: 'vip', content: { type: 'text', value: 'Welcome back' }, offer: 'VIP10' },
  ],
  rules: [
    { id: 'buyers', priority: 10, when: { segment: 'buyers' }, strategy: { type: 'variant', variant: 'vip' } },
    { id: 'test', strategy: { type: 'experiment', experiment: 'hero-test' } },
  ],
};

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'other', name: 'Other', now: Date.now() });
  auth = { authorization: `Bearer ${await engine.state.apiTokens.create('test', Date.now())}` };
  key = { authorization: basic(writeKey) };
  app = await buildApp(engine, { logger: false });
  const at = new Date(Date.now() - 3_600_000).toISOString();
  await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: key,
    payload: {
      batch: [
        { type: 'identify', userId: 'ann', traits: { plan: 'gold' }, timestamp: at },
        { type: 'track', userId: 'ann', event: 'Order Completed', properties: { revenue: 50 }, timestamp: at },
      ],
    },
  });
  await engine.decisions.flush();
  await engine.ingest.drain();
  await app.inject({
    method: 'POST',
    url: '/api/segments?project=shop',
    headers: auth,
    payload: { id: 'buyers', name: 'Buyers', condition: { performed: { event: 'Order Completed' } } },
  });
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
const decide = (payload: object) => app.inject({ method: 'POST', url: '/v1/decide', headers: key, payload });

describe('slots and experiments', () => {
  it('refuses bad definitions naming the field, and slots whose experiment does not fit', async () => {
    const bad = await api('POST', '/api/experiments?project=shop', { ...experiment, traffic: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'traffic', message: 'traffic must be between 0 and 1' });
    expect((await api('POST', '/api/slots?project=shop', slot)).json().error).toMatchObject({
      field: 'rules[1].strategy.experiment',
    });
    expect((await api('POST', '/api/experiments?project=shop', experiment)).statusCode).toBe(201);
    const noBold = { ...slot, variants: slot.variants.filter((v) => v.id !== 'bold') };
    expect((await api('POST', '/api/slots?project=shop', noBold)).json().error.message).toContain(
      'assigns "bold", which this slot has no variant for',
    );
    const badRule = { ...slot, rules: [{ id: 'r', strategy: { type: 'variant', variant: 'nope' } }] };
    expect((await api('POST', '/api/slots?project=shop', badRule)).json().error).toMatchObject({
      field: 'rules[0].strategy.variant',
    });
    expect((await api('POST', '/api/slots?project=shop', slot)).statusCode).toBe(201);
    expect((await api('GET', '/api/slots?project=other')).json().slots).toEqual([]);
    expect((await api('DELETE', '/api/experiments/hero-test?project=shop')).statusCode).toBe(409);
  });

  it('decides per person with reasons, and records each exposure once', async () => {
    const ann = await decide({ userId: 'ann', slots: ['home-hero', 'nope'] });
    expect(ann.statusCode).toBe(200);
    expect(ann.json().decisions).toEqual({
      'home-hero': {
        slot: 'home-hero',
        variant: 'vip',
        content: { type: 'text', value: 'Welcome back' },
        offer: 'VIP10',
        source: 'rule',
        reason: 'rule "buyers" matched',
        rule: 'buyers',
      },
      nope: { slot: 'nope', variant: null, source: 'default', reason: 'no slot "nope"' },
    });
    const visitor = (await decide({ anonymousId: 'visitor-1', slots: ['home-hero'] })).json().decisions['home-hero'];
    expect(visitor).toMatchObject({ source: 'experiment', experiment: 'hero-test' });
    // Sticky: the same answer again, and one exposure however often it is asked.
    for (let i = 0; i < 3; i += 1)
      expect((await decide({ anonymousId: 'visitor-1', slots: ['home-hero'] })).json().decisions['home-hero']).toEqual(
        visitor,
      );
    await engine.decisions.flush();
    await engine.ingest.drain();
    const views = await engine.warehouse.query<{ event: string; variant: string; n: string }>(
      `SELECT event, JSONExtractString(properties, 'variant') AS variant, count() AS n FROM ${engine.warehouse.database}.events
       WHERE project_id = 'shop' AND event IN ('Experiment Viewed', 'Slot Viewed') GROUP BY event, variant ORDER BY event`,
    );
    expect(views.map((v) => [v.event, v.variant, Number(v.n)])).toEqual([
      ['Experiment Viewed', visitor.variant, 1],
      ['Slot Viewed', 'vip', 1],
    ]);
    // Bad requests are refused, naming the field; a wrong key is 401.
    expect((await decide({ slots: [] })).json().error).toMatchObject({ field: 'slots' });
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/decide',
      headers: { authorization: basic('nope') },
      payload: { slots: ['home-hero'] },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('previews what a customer would see, and serves definitions to SDKs', async () => {
    const preview = await api('POST', '/api/slots/home-hero/preview?project=shop', {
      anonymousId: 'someone',
      context: { page: { url: 'https://shop.test/?utm_source=newsletter&utm_medium=email' } },
    });
    expect(preview.json()).toMatchObject({ slot: 'home-hero', source: 'experiment' });
    // Traits come from the person's profile (ann identified with plan: gold).
    const byPlan = {
      id: 'plan-banner',
      default: 'control',
      variants: [{ id: 'control' }, { id: 'gold' }],
      rules: [
        {
          id: 'gold',
          when: { trait: { property: 'plan', op: 'eq', value: 'gold' } },
          strategy: { type: 'variant', variant: 'gold' },
        },
      ],
    };
    expect((await api('POST', '/api/slots?project=shop', byPlan)).statusCode).toBe(201);
    const gold = await api('POST', '/api/slots/plan-banner/preview?project=shop', { userId: 'ann' });
    expect(gold.json()).toMatchObject({ variant: 'gold', reason: 'rule "gold" matched' });
    const stranger = await api('POST', '/api/slots/plan-banner/preview?project=shop', { userId: 'nobody' });
    expect(stranger.json()).toMatchObject({ variant: 'control', source: 'default' });
    // The browser SDK is served from the Waymark host (when the repository's build made it).
    const sdk = await app.inject({ method: 'GET', url: '/sdk/waymark.min.js' });
    const built = existsSync(join(import.meta.dirname, '..', '..', '..', 'sdk', 'dist', 'waymark.min.js'));
    expect(sdk.statusCode).toBe(built ? 200 : 404);
    if (built) expect(sdk.headers['content-type']).toContain('javascript');
    // A customer's segments as decisions see them, and the calculators behind the experiment pages.
    expect((await api('GET', '/api/profiles/ann/segments?project=shop')).json().segments).toEqual([
      { id: 'buyers', name: 'Buyers' },
    ]);
    const size = await api('POST', '/api/stats/sample-size', { baseline: 0.05, mde: 0.1, dailyPersons: 2000 });
    expect(size.json()).toMatchObject({ perArm: 32958, total: 65916, days: 33 });
    expect((await api('POST', '/api/stats/sample-size', { baseline: 2, mde: 0.1 })).json().error.field).toBe(
      'baseline',
    );
    expect((await api('POST', '/api/stats/srm', { users: [1000, 1200] })).json()).toMatchObject({ mismatch: true });
    const defs = await app.inject({ method: 'GET', url: '/v1/definitions', headers: key });
    expect(defs.json()).toMatchObject({
      project: 'shop',
      slots: expect.arrayContaining([expect.objectContaining({ id: 'home-hero' })]),
      experiments: [{ id: 'hero-test' }],
    });
  });

  it('reads experiment results: exposures per variant, SRM, lifts, recommendation', async () => {
    // 600 visitors; those shown "bold" buy twice as often.
    const batch: object[] = [];
    for (let i = 0; i < 600; i += 1) {
      const d = (await decide({ anonymousId: `v-${i}`, slots: ['home-hero'] })).json().decisions['home-hero'];
      const rate = d.variant === 'bold' ? 0.4 : 0.2;
      if ((i * 7919) % 100 < rate * 100)
        batch.push({
          type: 'track',
          anonymousId: `v-${i}`,
          event: 'Order Completed',
          properties: { revenue: 30 },
          timestamp: new Date(Date.now() + 1000).toISOString(),
        });
    }
    await engine.decisions.flush();
    await engine.ingest.drain();
    await app.inject({ method: 'POST', url: '/v1/batch', headers: key, payload: { batch } });
    await engine.decisions.flush();
    await engine.ingest.drain();
    const res = await api('GET', '/api/experiments/hero-test/results?project=shop');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const exposed = r.exposures.reduce((s: number, x: { persons: number }) => s + x.persons, 0);
    expect(exposed).toBe(601);
    expect(r.analysis.srm).toMatchObject({ mismatch: false, users: expect.any(Array) });
    const purchase = r.analysis.metrics[0];
    expect(purchase.name).toBe('purchase');
    expect(purchase.variants[0].relative.estimate).toBeGreaterThan(0.5);
    expect(purchase.variants[0].pValue).toBeLessThan(0.01);
    expect(r.analysis.recommendation).toMatchObject({ action: 'ship', variant: 'bold' });
    expect(r.analysis.recommendation.reason).toContain('bold');
  });

  it('moves bandit traffic to the variant that converts, and keeps targeted segments from being deleted', async () => {
    const bandit = {
      id: 'offer',
      name: 'Offer',
      default: 'none',
      variants: [{ id: 'none' }, { id: 'ship' }, { id: 'ten' }],
      rules: [
        {
          id: 'best',
          strategy: { type: 'bandit', variants: ['ship', 'ten'], conversion: { event: 'Signed Up', withinDays: 1 } },
        },
      ],
    };
    expect((await api('POST', '/api/slots?project=shop', bandit)).statusCode).toBe(201);
    const batch: object[] = [];
    for (let i = 0; i < 300; i += 1) {
      const d = (await decide({ anonymousId: `b-${i}`, slots: ['offer'] })).json().decisions['offer'];
      expect(d).toMatchObject({ source: 'bandit' });
      // "ten" converts 3 times in 5, "ship" 1 in 5.
      if (i % 5 < (d.variant === 'ten' ? 3 : 1))
        batch.push({ type: 'track', anonymousId: `b-${i}`, event: 'Signed Up', timestamp: new Date().toISOString() });
    }
    await engine.decisions.flush();
    await engine.ingest.drain();
    await app.inject({ method: 'POST', url: '/v1/batch', headers: key, payload: { batch } });
    await engine.decisions.flush();
    await engine.ingest.drain();
    engine.decisions.invalidate('shop');
    const defs = (await app.inject({ method: 'GET', url: '/v1/definitions', headers: key })).json();
    expect(defs.banditWeights['offer:best'].ten).toBeGreaterThan(0.99);
    const later = (await decide({ anonymousId: 'newcomer', slots: ['offer'] })).json().decisions['offer'];
    expect(later).toMatchObject({
      variant: 'ten',
      reason: 'rule "best" matched (bandit, traffic by chance to be best)',
    });

    const refused = await api('DELETE', '/api/segments/buyers?project=shop');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('slot "home-hero"');
  });
});
