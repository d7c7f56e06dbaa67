// Overload answers early with Retry-After instead of queueing without bound, and what was accepted is still stored.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';

let engine: Engine;
let app: FastifyInstance;
let writeKey: string;

beforeAll(async () => {
  // The consumer waits up to 5 s to fill a batch, so accepted bytes stay unstored for a while: a lag limit of one
  // byte then refuses every request after the first.
  engine = await openTestEngine({ maxLagBytes: 1, batchEvents: 1_000_000, maxWaitMs: 5_000 });
  writeKey = (await engine.state.projects.create({ id: 'busy', name: 'Busy', now: Date.now() })).writeKey;
  app = await buildApp(engine, { logger: false });
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

it('answers 503 with Retry-After while storage is behind, and stores what it accepted', async () => {
  const send = (id: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/track',
      payload: { userId: 'u', event: 'Clicked', messageId: id },
      headers: { authorization: basic(writeKey) },
    });
  expect((await send('first')).statusCode).toBe(200);
  const refused = await send('second');
  expect(refused.statusCode).toBe(503);
  expect(refused.headers['retry-after']).toBe('5');
  expect(refused.json().error.code).toBe('unavailable');
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  expect(ready.statusCode).toBe(503);
  expect(ready.json().problems[0]).toContain('storage is behind');

  await engine.ingest.drain();
  expect((await send('third')).statusCode).toBe(200);
  await engine.ingest.drain();
  const [row] = await engine.warehouse.query<{ ids: string[] }>(
    `SELECT groupArray(message_id) AS ids FROM (SELECT message_id FROM ${engine.warehouse.database}.events ORDER BY message_id)`,
  );
  expect(row?.ids).toEqual(['first', 'third']);
});
