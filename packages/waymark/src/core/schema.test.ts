import { describe, expect, it } from 'vitest';
import type { WaymarkError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import { createCallValidator, pointerToPath } from './schema.js';

const validator = createCallValidator(DEFAULT_LIMITS);

/** Validates as the batch endpoint does for the fourth call of a batch. */
function problemAt(call: unknown, prefix = 'batch[3]'): Pick<WaymarkError, 'code' | 'field' | 'message'> {
  const result = validator.validate(call, prefix);
  if (result.ok) throw new Error(`expected ${JSON.stringify(call)} to be rejected`);
  return { code: result.error.code, field: result.error.field, message: result.error.message };
}

/** `levels` objects, each inside the one before, around a string. */
const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { level: nested(levels - 1) });

describe('createCallValidator: calls that pass', () => {
  it.each([
    [
      'track',
      { type: 'track', event: 'Order Completed', userId: 'u-1', properties: { revenue: 42.5, currency: 'eur' } },
    ],
    ['identify', { type: 'identify', userId: 'u-1', traits: { email: 'ada@example.com', plan: 'pro' } }],
    [
      'page',
      {
        type: 'page',
        anonymousId: 'a-1',
        name: 'Pricing',
        category: 'Docs',
        properties: { url: 'https://example.com/pricing' },
      },
    ],
    ['screen', { type: 'screen', anonymousId: 'a-1', name: 'Checkout' }],
    ['group', { type: 'group', userId: 'u-1', groupId: 'acme', traits: { plan: 'enterprise' } }],
    ['alias', { type: 'alias', userId: 'u-1', previousId: 'a-1' }],
    [
      'a full Segment payload with fields Waymark does not use',
      {
        type: 'track',
        event: 'Product Viewed',
        anonymousId: '2c9b4f0e',
        messageId: 'ajs-next-1700000000000-abc',
        timestamp: '2026-11-02T09:00:00.000Z',
        sentAt: '2026-11-02T09:00:01.000Z',
        context: {
          page: { url: 'https://example.com/p/1' },
          userAgent: 'Mozilla/5.0',
          library: { name: 'analytics.js' },
        },
        integrations: { All: true },
        writeKey: 'wk_123',
        _metadata: { bundled: [] },
      },
    ],
  ])('%s', (_name, call) => {
    const result = validator.validate(call, '');
    expect(result).toEqual({ ok: true, value: call });
  });

  it('accepts numbers as ids and epoch milliseconds as times', () => {
    const call = { type: 'group', userId: 42, anonymousId: 7, groupId: 9, timestamp: 1_793_610_000_000 };
    expect(validator.validate(call, '')).toEqual({ ok: true, value: call });
  });

  it('treats null ids and names as absent', () => {
    const result = validator.validate(
      { type: 'page', userId: null, anonymousId: 'a-1', name: null, category: null },
      '',
    );
    expect(result).toEqual({ ok: true, value: { type: 'page', anonymousId: 'a-1' } });
  });

  it('accepts properties nested as deep as the limit allows', () => {
    // properties is level 1; nine more objects inside it make ten.
    expect(validator.validate({ type: 'track', event: 'Deep', userId: 'u', properties: nested(10) }, '').ok).toBe(true);
  });

  it('fills the type of a single-call endpoint', () => {
    const result = validator.validate({ event: 'Signed Up', userId: 'u-1' }, '', 'track');
    expect(result).toEqual({ ok: true, value: { type: 'track', event: 'Signed Up', userId: 'u-1' } });
  });

  it('accepts a call that repeats the type of its endpoint', () => {
    expect(validator.validate({ type: 'identify', userId: 'u-1' }, '', 'identify').ok).toBe(true);
  });
});

describe('createCallValidator: calls that fail name the field', () => {
  it.each([
    ['a missing type', { event: 'x', userId: 'u' }, 'batch[3].type', 'type is required'],
    [
      'an unknown type',
      { type: 'purchase', userId: 'u' },
      'batch[3].type',
      'type must be one of track, identify, page, screen, group, alias',
    ],
    ['a numeric event name', { type: 'track', event: 42, userId: 'u' }, 'batch[3].event', 'event must be string'],
    ['a boolean userId', { type: 'track', event: 'x', userId: true }, 'batch[3].userId', 'userId must be string'],
    [
      'a numeric messageId',
      { type: 'track', event: 'x', userId: 'u', messageId: 5 },
      'batch[3].messageId',
      'messageId must be string',
    ],
    [
      'properties as an array',
      { type: 'track', event: 'x', userId: 'u', properties: [1] },
      'batch[3].properties',
      'properties must be object',
    ],
    [
      'traits as a string',
      { type: 'identify', userId: 'u', traits: 'vip' },
      'batch[3].traits',
      'traits must be object',
    ],
    [
      'a timestamp object',
      { type: 'track', event: 'x', userId: 'u', timestamp: {} },
      'batch[3].timestamp',
      'timestamp must be string',
    ],
  ])('%s', (_name, call, field, message) => {
    expect(problemAt(call)).toEqual({ code: 'invalid_event', field, message });
  });

  it('rejects an event that is not an object, naming the event itself', () => {
    for (const notAnObject of [null, 'track', 42, [{ type: 'track' }]]) {
      expect(problemAt(notAnObject)).toEqual({
        code: 'invalid_event',
        field: 'batch[3]',
        message: 'an event must be a JSON object',
      });
    }
  });

  it('names fields without a prefix on the single-call endpoints', () => {
    expect(problemAt({ type: 'track', event: 7, userId: 'u' }, '').field).toBe('event');
    expect(problemAt('x', '').field).toBe('');
  });

  it('rejects an event name and an id longer than 255 characters', () => {
    const long = 'x'.repeat(256);
    expect(problemAt({ type: 'track', event: long, userId: 'u' })).toMatchObject({ field: 'batch[3].event' });
    expect(problemAt({ type: 'track', event: 'x', userId: long })).toMatchObject({ field: 'batch[3].userId' });
    expect(validator.validate({ type: 'track', event: 'x'.repeat(255), userId: 'u'.repeat(255) }, '').ok).toBe(true);
  });

  it('rejects properties nested deeper than the limit, at the level that is too deep', () => {
    const problem = problemAt({ type: 'track', event: 'Deep', userId: 'u', properties: nested(11) });
    expect(problem.field).toBe(`batch[3].properties${'.level'.repeat(10)}`);
    expect(problem.message).toMatch(/nested deeper than 10 levels/);
  });

  it('reports a problem inside an array by the item index', () => {
    const problem = problemAt({
      type: 'track',
      event: 'x',
      userId: 'u',
      context: { list: [{ a: 'x'.repeat(16 * 1024 + 1) }] },
    });
    expect(problem.field).toBe('batch[3].context.list[0].a');
  });

  it('rejects a string value longer than the limit', () => {
    const problem = problemAt({ type: 'identify', userId: 'u', traits: { bio: 'x'.repeat(16 * 1024 + 1) } });
    expect(problem).toEqual({
      code: 'invalid_event',
      field: 'batch[3].traits.bio',
      message: 'traits.bio is longer than 16384 characters',
    });
    expect(validator.validate({ type: 'identify', userId: 'u', traits: { bio: 'x'.repeat(16 * 1024) } }, '').ok).toBe(
      true,
    );
  });

  it('rejects an object with too many keys and an array with too many items', () => {
    const keys = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i]));
    expect(problemAt({ type: 'track', event: 'x', userId: 'u', properties: keys })).toEqual({
      code: 'invalid_event',
      field: 'batch[3].properties',
      message: 'properties has more than 1000 keys',
    });
    const items = Array.from({ length: 1_001 }, (_, i) => i);
    expect(problemAt({ type: 'track', event: 'x', userId: 'u', properties: { items } }).field).toBe(
      'batch[3].properties.items',
    );
  });

  it('rejects a property name longer than 255 characters', () => {
    const problem = problemAt({ type: 'track', event: 'x', userId: 'u', properties: { ['k'.repeat(300)]: 1 } });
    expect(problem.field).toBe(`batch[3].properties.${'k'.repeat(32)}`);
    expect(problem.message).toBe('a key in properties is longer than 255 characters');
  });

  it('refuses a call whose type conflicts with its endpoint', () => {
    const result = validator.validate({ type: 'page', userId: 'u' }, '', 'track');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_event', field: 'type', message: 'type must be "track" on this endpoint' },
    });
  });

  it('checks the rest of a call on a single-call endpoint against the implied type', () => {
    expect(validator.validate({ event: 7, userId: 'u' }, '', 'track')).toMatchObject({
      ok: false,
      error: { field: 'event' },
    });
  });

  it('applies the limits it was created with', () => {
    const strict = createCallValidator({ ...DEFAULT_LIMITS, maxDepth: 2, maxIdLength: 4 });
    expect(strict.validate({ type: 'track', event: 'x', userId: 'u', properties: { a: { b: 1 } } }, '').ok).toBe(true);
    expect(strict.validate({ type: 'track', event: 'x', userId: 'u', properties: { a: { b: {} } } }, '')).toMatchObject(
      {
        ok: false,
        error: { field: 'properties.a.b' },
      },
    );
    expect(strict.validate({ type: 'track', event: 'x', userId: 'u', properties: { a: [{}] } }, '')).toMatchObject({
      ok: false,
      error: { field: 'properties.a[0]' },
    });
    expect(strict.validate({ type: 'track', event: 'x', userId: 'u-123' }, '')).toMatchObject({
      ok: false,
      error: { field: 'userId' },
    });
  });
});

describe('pointerToPath', () => {
  it.each([
    ['', ''],
    ['/properties/price', 'properties.price'],
    ['/properties/items/0/sku', 'properties.items[0].sku'],
    ['/properties/a~1b/c~0d', 'properties.a/b.c~d'],
  ])('%s -> %s', (pointer, path) => {
    expect(pointerToPath(pointer)).toBe(path);
  });
});
