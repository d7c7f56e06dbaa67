import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traitValues } from '../core/profile.js';
import { resolvedEventsSql } from '../warehouse/identity-sql.js';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { at, event } from '../test-support/events.js';
import { IngestPipeline } from './pipeline.js';

let stores: TestStores;
let pipeline: IngestPipeline;
const P = 'shop';

beforeAll(async () => {
  stores = await openTestStores();
  await stores.state.projects.create({ id: P, name: 'Shop', now: Date.now() });
  pipeline = new IngestPipeline({
    warehouse: stores.warehouse,
    state: stores.state,
    now: () => Date.now(),
    newPersonId: randomUUID,
    sessionGapMs: 30 * 60_000,
  });
});
afterAll(() => stores.close());

async function personEventCounts(): Promise<Record<string, number>> {
  const rows = await stores.warehouse.query<{ person_id: string; n: number }>(
    `SELECT person_id, count() AS n FROM (${resolvedEventsSql(stores.warehouse.database)}) GROUP BY person_id`,
    { project: P },
  );
  return Object.fromEntries(rows.map((r) => [r.person_id, r.n]));
}

describe('ingest pipeline', () => {
  it('stores events, merges anonymous history into the identified user, and folds profiles', async () => {
    const events = [
      event(P, {
        type: 'page',
        anonymousId: 'anon-1',
        messageId: 'm1',
        timestamp: at(0),
        context: { page: { url: 'https://shop.test/?utm_source=newsletter&utm_medium=email' } },
      }),
      event(P, { type: 'track', anonymousId: 'anon-1', event: 'Product Viewed', messageId: 'm2', timestamp: at(1) }),
      event(P, {
        type: 'identify',
        anonymousId: 'anon-1',
        userId: 'u-1',
        traits: { email: 'a@shop.test', plan: 'free' },
        messageId: 'm3',
        timestamp: at(2),
      }),
      event(P, {
        type: 'track',
        userId: 'u-1',
        event: 'Order Completed',
        properties: { revenue: 42.5 },
        messageId: 'm4',
        timestamp: at(90),
      }),
    ];
    const outcome = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b1',
      source: 'test',
      events,
      profiles: 'incremental',
    });
    expect(outcome).toMatchObject({ stored: 4, duplicates: 0 });
    expect(outcome.personIds.size).toBe(1);

    const [personId] = [...outcome.personIds];
    expect(await personEventCounts()).toEqual({ [personId as string]: 4 });
    const profile = (await stores.state.profiles.get(P, [personId as string])).get(personId as string);
    expect(profile).toMatchObject({ eventCount: 4, sessions: 2, revenue: 42.5, channels: ['Email'] });
    expect(traitValues(profile!)).toEqual({ email: 'a@shop.test', plan: 'free' });
  });

  it('stores a retried batch once', async () => {
    const events = [
      event(P, { type: 'track', userId: 'u-2', event: 'Signed Up', messageId: 'retry-1', timestamp: at(5) }),
    ];
    const first = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b2',
      source: 'test',
      events,
      profiles: 'incremental',
    });
    const again = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b3',
      source: 'test',
      events,
      profiles: 'incremental',
    });
    expect(first.stored).toBe(1);
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });
    const [row] = await stores.warehouse.query<{ n: number }>(
      `SELECT count() AS n FROM ${stores.warehouse.database}.events WHERE project_id = {p:String} AND message_id = 'retry-1'`,
      { p: P },
    );
    expect(row?.n).toBe(1);
  });

  it('merges two anonymous persons retroactively when the second device identifies', async () => {
    const laptop = [
      event(P, { type: 'identify', anonymousId: 'laptop', userId: 'u-3', messageId: 'l1', timestamp: at(0) }),
      event(P, { type: 'track', userId: 'u-3', event: 'Product Viewed', messageId: 'l2', timestamp: at(1) }),
    ];
    const phone = [
      event(P, { type: 'track', anonymousId: 'phone', event: 'Product Viewed', messageId: 'p1', timestamp: at(10) }),
    ];
    const a = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b4',
      source: 'test',
      events: laptop,
      profiles: 'incremental',
    });
    const b = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b5',
      source: 'test',
      events: phone,
      profiles: 'incremental',
    });
    const userPerson = [...a.personIds][0] as string;
    const phonePerson = [...b.personIds][0] as string;
    expect(phonePerson).not.toBe(userPerson);

    const login = [
      event(P, { type: 'identify', anonymousId: 'phone', userId: 'u-3', messageId: 'p2', timestamp: at(20) }),
    ];
    const c = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b6',
      source: 'test',
      events: login,
      profiles: 'incremental',
    });
    expect(c.merges).toEqual([{ from: phonePerson, into: userPerson }]);
    const counts = await personEventCounts();
    expect(counts[userPerson]).toBe(4);
    expect(counts[phonePerson]).toBeUndefined();
    const profiles = await stores.state.profiles.get(P, [userPerson, phonePerson]);
    expect(profiles.get(phonePerson)).toBeUndefined();
    expect(profiles.get(userPerson)).toMatchObject({ eventCount: 4, sessions: 1 });
  });

  it('never merges two identified users implicitly', async () => {
    const events = [
      event(P, { type: 'identify', anonymousId: 'kiosk', userId: 'alice', messageId: 'k1', timestamp: at(0) }),
      event(P, { type: 'identify', anonymousId: 'kiosk', userId: 'bob', messageId: 'k2', timestamp: at(5) }),
    ];
    const outcome = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b7',
      source: 'test',
      events,
      profiles: 'incremental',
    });
    expect(outcome.merges).toEqual([]);
    expect(outcome.personIds.size).toBe(2);
  });

  it('merges identified users on an explicit alias, the oldest person surviving', async () => {
    const setup = [
      event(P, { type: 'track', userId: 'old-id', event: 'A', messageId: 'a1', timestamp: at(0) }),
      event(P, { type: 'track', userId: 'new-id', event: 'B', messageId: 'a2', timestamp: at(3) }),
    ];
    const s = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b8',
      source: 'test',
      events: setup,
      profiles: 'incremental',
    });
    const [oldPerson] = [...s.personIds];
    const alias = [
      event(P, { type: 'alias', userId: 'new-id', previousId: 'old-id', messageId: 'a3', timestamp: at(4) }),
    ];
    const r = await pipeline.storeBatch({
      projectId: P,
      batchId: 'b9',
      source: 'test',
      events: alias,
      profiles: 'incremental',
    });
    expect(r.merges).toHaveLength(1);
    expect(r.merges[0]?.into).toBe(oldPerson);
  });
});
