// The Node SDK against a real local HTTP server that speaks the contract.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../core.js';
import type { SdkError } from '../shared/errors.js';
import { startContractServer, type ContractServer } from '../test-support/contract-server.js';
import { testDefinitions } from '../test-support/definitions.js';
import { indexDefinitions, type Definitions } from './definitions.js';
import { Waymark, type WaymarkOptions } from './index.js';

let server: ContractServer;
let clients: Waymark[];
let errors: SdkError[];

beforeEach(async () => {
  server = await startContractServer();
  server.definitions = testDefinitions();
  clients = [];
  errors = [];
});
afterEach(async () => {
  for (const c of clients) await c.close({ timeoutMs: 1_000 });
  await server.close();
});

const client = (options: Partial<WaymarkOptions> = {}) => {
  const c = new Waymark({
    writeKey: server.writeKey,
    host: server.url,
    retry: { baseMs: 10, maxMs: 50 },
    onError: (e) => errors.push(e),
    ...options,
  });
  clients.push(c);
  return c;
};

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  for (const end = Date.now() + timeoutMs; !check();) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('calls', () => {
  it('batches track, identify, page and alias calls to /v1/batch with the write key', async () => {
    const waymark = client({ flushAt: 3, trackExposures: false });
    waymark.identify({ userId: 'u1', traits: { email: 'u1@shop.test' } });
    waymark.track({ userId: 'u1', event: 'Order Completed', properties: { revenue: 30 } });
    waymark.page({ anonymousId: 'a1', name: 'Pricing' });
    waymark.alias({ userId: 'u1', previousId: 'a1' });
    await waymark.close();

    expect(server.batches.map((b) => b.batch.length)).toEqual([3, 1]);
    expect(server.batches.every((b) => b.keyVia === 'header')).toBe(true);
    const calls = server.delivered();
    expect(calls.map((c) => c.type)).toEqual(['identify', 'track', 'page', 'alias']);
    expect(calls[1]).toMatchObject({
      userId: 'u1',
      event: 'Order Completed',
      properties: { revenue: 30 },
      context: { library: { name: 'waymark-sdk-node' } },
    });
    expect(new Set(calls.map((c) => c.messageId)).size).toBe(4);
  });

  it('sends on the flush interval when the batch is not full', async () => {
    const waymark = client({ flushAt: 100, flushIntervalMs: 50 });
    waymark.track({ anonymousId: 'a1', event: 'Signed Up' });
    await until(() => server.delivered().length === 1);
  });

  it('retries a failed request with backoff, and the calls arrive once', async () => {
    server.fail('/v1/batch', 2, 503);
    const waymark = client({ flushAt: 2 });
    waymark.track({ userId: 'u1', event: 'A' });
    waymark.track({ userId: 'u1', event: 'B' });
    await until(() => server.delivered().length === 2);
    expect(server.hits.get('/v1/batch')).toBe(3);
    expect(server.batches).toHaveLength(1);
    expect(errors.map((e) => [e.code, e.details.status])).toEqual([
      ['http', 503],
      ['http', 503],
    ]);
  });

  it('retries 429, drops a batch the server rejects (400) without retrying, and gives up after the last attempt', async () => {
    server.fail('/v1/batch', 1, 429);
    const waymark = client({ flushAt: 1, retry: { baseMs: 5, maxMs: 5, maxAttempts: 3 } });
    waymark.track({ userId: 'u1', event: 'A' });
    await until(() => server.delivered().length === 1);

    waymark.track({ userId: 'u1', event: '' });
    await waymark.flush();
    expect(errors.at(-1)).toMatchObject({ code: 'rejected', details: { status: 400, field: 'event' } });

    server.fail('/v1/batch', 3, 503);
    waymark.track({ userId: 'u1', event: 'C' });
    const before = server.hits.get('/v1/batch')!;
    await waymark.close();
    expect(server.hits.get('/v1/batch')! - before).toBe(3);
    expect(errors.at(-1)?.code).toBe('retries_exhausted');
    expect(server.delivered().map((c) => c.event)).toEqual(['A']);
  });

  it('refuses a call without userId or anonymousId', () => {
    expect(() => client().track({ event: 'A' })).toThrow(/needs a userId or an anonymousId/);
  });
});

describe('local decisions', () => {
  const persons = [
    { userId: 'u1' },
    { anonymousId: 'a-7f3c' },
    { userId: 'u2', anonymousId: 'a-2', traits: { plan: 'pro' } },
    { anonymousId: 'a-3', context: { utm_campaign: 'spring' } },
    ...Array.from({ length: 50 }, (_, i) => ({ userId: `user-${i}`, anonymousId: `anon-${i}` })),
  ];
  const slots = ['home-hero', 'promo-banner', 'pricing-cards', 'vip-banner', 'no-such-slot'];

  const serverSide = (defs: Definitions, person: (typeof persons)[number]): Record<string, Decision> =>
    Object.fromEntries(
      slots.map((id) => [id, decide(defs.slots.get(id), id, { ...person, now: Date.now() }, defs.env)]),
    );

  it('equal what decide() gives with the same definitions', async () => {
    const waymark = client();
    await waymark.ready();
    const defs = indexDefinitions(server.definitions) as Definitions;
    for (const person of persons)
      expect(waymark.decide(person, slots), JSON.stringify(person)).toEqual(serverSide(defs, person));
    const sources = new Set(persons.flatMap((p) => Object.values(waymark.decide(p, slots)).map((d) => d.source)));
    expect([...sources].sort()).toEqual(['bandit', 'default', 'experiment', 'rule']);
  });

  it('fall back to the default for a rule on a segment unless the app passes the segments', async () => {
    const waymark = client();
    await waymark.ready();
    expect(waymark.decide({ userId: 'u1' }, ['vip-banner'])['vip-banner']).toMatchObject({
      variant: 'plain',
      source: 'default',
      reason: 'rule "vips" could not be evaluated: membership of segment "vip" is not known here',
    });
    expect(waymark.decide({ userId: 'u1', segments: ['vip'] }, ['vip-banner'])['vip-banner']).toMatchObject({
      variant: 'vip',
      source: 'rule',
      rule: 'vips',
    });
    expect(waymark.decide({ userId: 'u1', segments: [] }, ['vip-banner'])['vip-banner']).toMatchObject({
      variant: 'plain',
      reason: 'no rule matched',
    });
  });

  it('say so before the definitions have loaded', () => {
    server.fail('/v1/definitions', Infinity, 503);
    const waymark = client();
    expect(waymark.decide({ userId: 'u1' }, ['home-hero'])).toEqual({
      'home-hero': {
        slot: 'home-hero',
        variant: null,
        source: 'default',
        reason: 'the definitions have not loaded yet',
      },
    });
  });

  it('wait out a failing first fetch, and ready() rejects a refused write key', async () => {
    server.fail('/v1/definitions', 2, 503);
    await client().ready();
    expect(server.hits.get('/v1/definitions')).toBe(3);

    const refused = client({ writeKey: 'wk_wrong' });
    await expect(refused.ready()).rejects.toMatchObject({ code: 'rejected', details: { status: 401 } });
  });

  it('follow refreshed definitions and keep the last good ones when a refresh fails', async () => {
    const waymark = client({ refreshIntervalMs: 30 });
    await waymark.ready();
    const hero = () => waymark.decide({ userId: 'u1', traits: { plan: 'pro' } }, ['home-hero'])['home-hero']!;
    expect(hero().variant).toBe('pro');

    server.definitions.slots[0]!.status = 'paused';
    await until(() => hero().variant === 'welcome');
    expect(hero().reason).toBe('the slot is paused');

    server.fail('/v1/definitions', Infinity, 503);
    const failuresBefore = errors.length;
    await until(() => errors.length > failuresBefore + 1);
    expect(hero()).toMatchObject({ variant: 'welcome', reason: 'the slot is paused' });
  });
});

describe('exposures', () => {
  it('are sent once per person, slot and variant, as the server records them', async () => {
    const waymark = client({ flushAt: 1_000 });
    await waymark.ready();
    const person = { userId: 'u9', anonymousId: 'a9' };
    const first = waymark.decide(person, ['home-hero', 'promo-banner', 'no-such-slot']);
    waymark.decide(person, ['home-hero', 'promo-banner']);
    waymark.decide(person, ['home-hero']);
    await waymark.close();

    const exposures = server.delivered();
    expect(server.batches.flatMap((b) => b.batch)).toHaveLength(2);
    const hero = first['home-hero']!;
    const promo = first['promo-banner']!;
    expect(hero.source).toBe('experiment');
    expect(exposures).toEqual([
      expect.objectContaining({
        type: 'track',
        event: 'Experiment Viewed',
        userId: 'u9',
        anonymousId: 'a9',
        messageId: `exposure:home-hero:${hero.variant}:a9`,
        properties: {
          slot: 'home-hero',
          variant: hero.variant,
          source: 'experiment',
          rule: 'hero-test',
          experiment_id: 'hero-test',
          variant_id: hero.variant,
        },
      }),
      expect.objectContaining({
        event: 'Slot Viewed',
        messageId: `exposure:promo-banner:${promo.variant}:a9`,
        properties: { slot: 'promo-banner', variant: promo.variant, source: 'rule', rule: 'split' },
      }),
    ]);
  });

  it('hash the user id for slots that say so, and are not sent when turned off', async () => {
    server.definitions.slots[1]!.hashOn = 'userId';
    const on = client({ flushAt: 1_000 });
    const off = client({ flushAt: 1_000, trackExposures: false });
    await Promise.all([on.ready(), off.ready()]);
    on.decide({ userId: 'u9', anonymousId: 'a9' }, ['promo-banner']);
    off.decide({ userId: 'u8', anonymousId: 'a8' }, ['promo-banner']);
    await Promise.all([on.close(), off.close()]);
    expect(server.delivered().map((c) => c.messageId)).toEqual([
      expect.stringMatching(/^exposure:promo-banner:[a-z-]+:u9$/),
    ]);
  });
});
