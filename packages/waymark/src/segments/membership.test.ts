import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { T0, at, event } from '../test-support/events.js';
import { currentIdentitiesSql } from '../warehouse/identity-sql.js';
import { parseCondition } from './definition-check.js';
import { refreshSegment, storedMembers } from './membership.js';
import { SegmentScheduler } from './scheduler.js';
import { saveSegment, segmentMembers } from './segments.js';

let engine: Engine;
const P = 'shop';
const DAY = 24 * 60;
const day = (d: number) => T0 + d * DAY * 60_000;
let userOf: Map<string, string>;

// u1 ordered on days 1 and 8, u2 on day 9, u3 only looked around. "Recent buyers" = an order in the last 7 days.
beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: P, name: 'Shop', now: T0 });
  await engine.state.projects.create({ id: 'blog', name: 'Blog', now: T0 });
  await engine.ingest.accept(P, [
    event(P, { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: at(1 * DAY) }),
    event(P, { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: at(8 * DAY) }),
    event(P, { type: 'track', userId: 'u2', event: 'Order Completed', timestamp: at(9 * DAY) }),
    event(P, { type: 'page', userId: 'u3', name: 'Home', timestamp: at(9 * DAY) }),
  ]);
  await engine.ingest.drain();
  const ids = await engine.warehouse.query<{ distinct_id: string; person_id: string }>(
    currentIdentitiesSql(engine.warehouse.database),
    { project: P },
  );
  userOf = new Map(ids.map((r) => [r.person_id, r.distinct_id]));
});
afterAll(() => engine.close());

const recentBuyers = {
  id: 'recent-buyers',
  name: 'Recent buyers',
  condition: parseCondition({ performed: { event: 'Order Completed', window: { last: { value: 7, unit: 'day' } } } }),
};
const users = (persons: string[]) => persons.map((p) => userOf.get(p)).sort();

describe('stored segment membership', () => {
  it('records who entered and who exited as events, and slides out of windows without new events', async () => {
    const first = await refreshSegment(engine.warehouse, engine.ingest, P, recentBuyers, day(10));
    expect(first).toMatchObject({ entered: 2, exited: 0, size: 2 });
    expect(users(await storedMembers(engine.warehouse, P, recentBuyers.id))).toEqual(['u1', 'u2']);

    // Nothing changed: nothing recorded.
    expect(await refreshSegment(engine.warehouse, engine.ingest, P, recentBuyers, day(10.5))).toMatchObject({
      entered: 0,
      exited: 0,
    });

    // Day 15.5: u1's last order is 7.5 days old, u2's 6.5: u1 leaves, with no event of their own.
    const later = await refreshSegment(engine.warehouse, engine.ingest, P, recentBuyers, day(15.5));
    expect(later).toMatchObject({ entered: 0, exited: 1, size: 1 });
    expect(users(await storedMembers(engine.warehouse, P, recentBuyers.id))).toEqual(['u2']);

    // Stored membership agrees with a fresh evaluation at the same time.
    const fresh = await segmentMembers(engine.warehouse, P, recentBuyers.condition, day(15.5), {
      limit: 100,
      offset: 0,
    });
    expect(await storedMembers(engine.warehouse, P, recentBuyers.id)).toEqual([...fresh.members].sort());

    // The changes are events of the persons, with the segment's id, at the time of the refresh.
    const changes = await engine.warehouse.query<{ distinct_id: string; event: string; t: string; id: string }>(
      `SELECT distinct_id, event, toString(timestamp) AS t, JSONExtractString(properties, 'segment_id') AS id
       FROM ${engine.warehouse.database}.events WHERE project_id = {p:String} AND event LIKE 'Segment %'
       ORDER BY timestamp, distinct_id`,
      { p: P },
    );
    expect(changes.map((c) => [c.distinct_id, c.event, c.id])).toEqual([
      ['u1', 'Segment Entered', 'recent-buyers'],
      ['u2', 'Segment Entered', 'recent-buyers'],
      ['u1', 'Segment Exited', 'recent-buyers'],
    ]);
    expect(changes[2]?.t).toBe('2026-11-17 21:00:00.000');
  });

  it('membership events are not activity: "any event" conditions and engagement ignore them', async () => {
    const quiet = {
      id: 'quiet',
      name: 'Quiet',
      condition: parseCondition({
        aggregate: { measure: 'count', op: 'eq', value: 0, window: { last: { value: 3, unit: 'day' } } },
      }),
    };
    // Day 20: nobody did anything in 3 days; the membership events of day 15.5 do not count.
    expect(await refreshSegment(engine.warehouse, engine.ingest, P, quiet, day(20))).toMatchObject({ entered: 3 });
    expect(await refreshSegment(engine.warehouse, engine.ingest, P, quiet, day(20.1))).toMatchObject({
      entered: 0,
      exited: 0,
    });
  });

  it('refreshes every saved segment of every project on a schedule; a broken one does not stop the others', async () => {
    const store = engine.state.definitions;
    await saveSegment(store, 'blog', { name: 'Buyers', condition: { performed: { event: 'Order Completed' } } }, T0, {
      replace: false,
    });
    await saveSegment(store, P, { name: 'Buyers', condition: { performed: { event: 'Order Completed' } } }, T0, {
      replace: false,
    });
    await saveSegment(store, P, { name: 'Gold buyers', condition: { segment: 'buyers' } }, T0, { replace: false });
    await store.delete(P, 'segment', 'buyers');
    const errors: string[] = [];
    const scheduler = new SegmentScheduler({
      refresher: engine.segments,
      segments: store,
      projects: engine.state.projects,
      onError: (message) => errors.push(message),
    });
    const round = await scheduler.refreshAll(day(21));
    expect(round).toMatchObject({ segments: 2, failed: 1 });
    expect(round.results).toEqual([expect.objectContaining({ segment: 'buyers', entered: 0, size: 0 })]);
    expect(errors).toEqual(['segment "gold-buyers" of project "shop" could not be refreshed']);
    await scheduler.stop();
  });
});
