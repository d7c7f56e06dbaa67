// Time alone changes membership: a person leaves "3 orders in the last 30 days" the moment the oldest order ages
// out, and enters "no order for 20 days" 20 days after the last one, with no new event and no scheduled refresh.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { T0, event } from '../test-support/events.js';
import { currentIdentitiesSql } from '../warehouse/identity-sql.js';
import { parseCondition } from './definition-check.js';
import { storedMembers } from './membership.js';
import { saveSegment, segmentMembers } from './segments.js';

const P = 'shop';
const DAY_MS = 86_400_000;
const day = (d: number) => T0 + d * DAY_MS;
let clock = day(0);
let engine: Engine;

const segments = {
  'frequent-buyers': {
    name: 'Frequent buyers',
    condition: {
      performed: {
        event: 'Order Completed',
        count: { op: 'at_least', value: 3 },
        window: { last: { value: 30, unit: 'day' } },
      },
    },
  },
  lapsed: {
    name: 'Lapsed',
    condition: { lastTime: { event: 'Order Completed', op: 'more_than_ago', value: { value: 20, unit: 'day' } } },
  },
} as const;

const order = (userId: string, d: number) =>
  event(P, { type: 'track', userId, event: 'Order Completed', timestamp: new Date(day(d)).toISOString() }, day(d));

/** Stored members of a segment by user id, checked against a fresh batch evaluation at the clock's time. */
async function members(id: keyof typeof segments): Promise<number> {
  const stored = await storedMembers(engine.warehouse, P, id);
  const fresh = await segmentMembers(engine.warehouse, P, parseCondition(segments[id].condition), clock, {
    limit: 100,
    offset: 0,
  });
  expect(stored, `${id} at day ${(clock - T0) / DAY_MS}`).toEqual([...fresh.members].sort());
  return stored.length;
}

async function personOf(userId: string): Promise<string> {
  const ids = await engine.warehouse.query<{ distinct_id: string; person_id: string }>(
    currentIdentitiesSql(engine.warehouse.database),
    { project: P },
  );
  return ids.find((r) => r.distinct_id === userId)?.person_id as string;
}

beforeAll(async () => {
  // Changes up to 60 days ahead are scheduled at once (the default, 24 h, relies on the periodic refresh beyond).
  engine = await openTestEngine({ now: () => clock, segmentChangesWithinMs: 60 * DAY_MS });
  await engine.state.projects.create({ id: P, name: 'Shop', now: T0 });
  for (const [, s] of Object.entries(segments)) {
    await saveSegment(engine.state.definitions, P, s, T0, { replace: false });
  }
  clock = day(10.5);
  await engine.ingest.accept(P, [order('u1', 1), order('u1', 5), order('u1', 10), order('u2', 9)]);
  await engine.ingest.drain();
  await engine.segments.idle();
});
afterAll(() => engine.close());

describe('sliding windows in real time', () => {
  it('schedules the next time-driven change of each person and applies it when it comes', async () => {
    expect(await members('frequent-buyers')).toBe(1);
    expect(await members('lapsed')).toBe(0);
    // u2's last order (day 9) becomes 20 days old first: just after day 29.
    expect(engine.segments.summary()).toMatchObject({ scheduled: 2, nextDue: new Date(day(29) + 1).toISOString() });

    // Nothing is due yet: nothing happens.
    clock = day(29);
    expect(engine.segments.expireDue()).toBe(0);

    clock = day(29) + 1;
    expect(engine.segments.expireDue()).toBe(1);
    await engine.segments.idle();
    expect(await members('lapsed')).toBe(1);

    // u1 next: lapsed just after day 30, and the day-1 order leaves the 30-day window just after day 31.
    clock = day(30) + 1;
    engine.segments.expireDue();
    await engine.segments.idle();
    expect(await members('lapsed')).toBe(2);
    expect(await members('frequent-buyers')).toBe(1);

    clock = day(31) + 1;
    expect(engine.segments.expireDue()).toBe(1);
    await engine.segments.idle();
    expect(await members('frequent-buyers')).toBe(0);

    // The exit is recorded at the moment the order aged out.
    const exits = await engine.warehouse.query<{ t: string }>(
      `SELECT toString(timestamp) AS t FROM ${engine.warehouse.database}.events
       WHERE project_id = {p:String} AND event = 'Segment Exited'`,
      { p: P },
    );
    expect(exits.map((e) => e.t)).toEqual([new Date(day(31) + 1).toISOString().replace('T', ' ').replace('Z', '')]);
    // Next: u1's order of day 5 leaves the window (u1 stays, with 1 order), then u2's of day 9.
    expect(engine.segments.summary()).toMatchObject({ scheduled: 2, nextDue: new Date(day(35) + 1).toISOString() });
    expect(engine.segments.nextChangeOf(P, await personOf('u2'))).toBe(day(39) + 1);
  });

  it('a new order replaces the scheduled change', async () => {
    clock = day(40);
    await engine.ingest.accept(P, [order('u2', 39.5)]);
    await engine.ingest.drain();
    await engine.segments.idle();
    expect(await members('lapsed')).toBe(1);
    // u2 is lapsed again 20 days after this order.
    expect(engine.segments.nextChangeOf(P, await personOf('u2'))).toBe(day(59.5) + 1);
  });

  it('a whole refresh schedules the changes within reach of each of its members', async () => {
    clock = day(45);
    await engine.ingest.accept(P, [order('u3', 44), order('u3', 44.5), order('u3', 44.9)]);
    await engine.ingest.drain();
    await engine.segments.idle();
    const u3 = await personOf('u3');
    // Forget u3's schedule to see the whole refresh set it again.
    engine.segments.forget(P, u3);
    expect(engine.segments.nextChangeOf(P, u3)).toBeUndefined();
    const refreshed = await engine.segments.refresh(P, {
      id: 'frequent-buyers',
      ...segments['frequent-buyers'],
      condition: parseCondition(segments['frequent-buyers'].condition),
    });
    expect(refreshed).toMatchObject({ size: 1, entered: 0, exited: 0 });
    // u3's oldest order (day 44) leaves the window first.
    expect(engine.segments.nextChangeOf(P, u3)).toBe(day(74) + 1);
  });
});
