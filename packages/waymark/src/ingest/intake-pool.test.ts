import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { eventFromLine } from '../warehouse/serialize.js';
import { withProject, type IntakeRequest } from './http-intake.js';
import { IntakePool } from './intake-pool.js';

const request: IntakeRequest = {
  receivedAt: Date.parse('2026-11-23T10:00:00Z'),
  body: JSON.stringify({
    writeKey: 'wk_in_body',
    sentAt: '2026-11-23T10:00:00Z',
    batch: [
      { type: 'track', messageId: 'a', userId: 'u1', event: 'Viewed', timestamp: '2026-11-23T09:59:59Z' },
      { type: 'track', messageId: 'b', userId: 'u1' },
      { type: 'identify', messageId: 'c', anonymousId: 'x', userId: 'u1', traits: { plan: 'pro' } },
    ],
  }),
};

function check(response: Awaited<ReturnType<IntakePool['process']>>): void {
  expect(response.ok).toBe(true);
  if (!response.ok) return;
  expect(response.writeKey).toBe('wk_in_body');
  expect(response.rejected).toEqual([expect.objectContaining({ index: 1, field: 'batch[1].event' })]);
  expect(response.events.map((e) => [e.message_id, e.distinct_id, e.traits])).toEqual([
    ['a', 'u1', '{}'],
    ['c', 'u1', '{"plan":"pro"}'],
  ]);
  const stored = eventFromLine(withProject(response.lines[1] as string, 'shop'));
  expect(stored).toMatchObject({ project_id: 'shop', message_id: 'c', type: 'identify', anonymous_id: 'x' });
}

describe('intake pool', () => {
  const pools: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  it('parses, validates and serializes a batch on the calling thread', async () => {
    const pool = new IntakePool(DEFAULT_LIMITS, 0);
    pools.push(pool);
    expect(pool.size).toBe(0);
    check(await pool.process(request));
    const bad = await pool.process({ ...request, body: '{"batch": [' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_json', field: 'body' } });
    const poisoned = await pool.process({
      ...request,
      body: '{"batch":[{"type":"track","userId":"u","event":"E","properties":{"__proto__":{"x":1}}}]}',
    });
    expect(poisoned).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
  });

  const built = fileURLToPath(new URL('../../dist/ingest/intake-pool.js', import.meta.url));
  it.skipIf(!existsSync(built))('does the same on a worker thread (needs `npm run build`)', async () => {
    const { IntakePool: BuiltPool } = (await import(built)) as { IntakePool: typeof IntakePool };
    const pool = new BuiltPool(DEFAULT_LIMITS, 1);
    pools.push(pool);
    expect(pool.size).toBe(1);
    check(await pool.process(request));
  });
});
