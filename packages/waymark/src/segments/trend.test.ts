import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { T0, at, event } from '../test-support/events.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { parseCondition } from './definition-check.js';
import { refreshSegment, storedMembers } from './membership.js';
import { saveSegment } from './segments.js';
import { segmentTrends, trendDayEnds, trendDays } from './trend.js';

let engine: Engine;
const P = 'shop';
const DAY = 24 * 60;
const day = (d: number) => T0 + d * DAY * 60_000;

const recentBuyers = {
  id: 'recent-buyers',
  name: 'Recent buyers',
  condition: parseCondition({ performed: { event: 'Order Completed', window: { last: { value: 7, unit: 'day' } } } }),
};
const buyers = { id: 'buyers', name: 'Buyers', condition: parseCondition({ performed: { event: 'Order Completed' } }) };

// u1 ordered on days 1 and 8, u2 on day 9, u3 only looked around; the same orders in another project.
beforeAll(async () => {
  engine = await openTestEngine();
  for (const id of [P, 'blog']) {
    await engine.state.projects.create({ id, name: id, now: T0 });
    await engine.ingest.accept(id, [
      event(id, { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: at(1 * DAY) }),
      event(id, { type: 'track', userId: 'u1', event: 'Order Completed', timestamp: at(8 * DAY) }),
      event(id, { type: 'track', userId: 'u2', event: 'Order Completed', timestamp: at(9 * DAY) }),
      event(id, { type: 'page', userId: 'u3', name: 'Home', timestamp: at(9 * DAY) }),
    ]);
  }
  await engine.ingest.drain();
  // Membership recorded by refreshes at these times (days after T0, 2026-11-02 09:00 UTC):
  //   day 2     u1 enters both segments
  //   day 8.5   nothing changes (u1's day-8 order keeps them recent)
  //   day 9.5   u2 enters both
  //   day 15.5  u1 leaves "recent buyers" (last order 7.5 days old)
  for (const [d, segments] of [
    [2, [recentBuyers, buyers]],
    [8.5, [recentBuyers]],
    [9.5, [recentBuyers, buyers]],
    [15.5, [recentBuyers]],
  ] as const) {
    for (const s of segments) await refreshSegment(engine.warehouse, engine.ingest, P, s, day(d));
  }
  await refreshSegment(engine.warehouse, engine.ingest, 'blog', buyers, day(2));
});
afterAll(() => engine.close());

describe('segment trends', () => {
  it('gives the recorded size at the end of each day and the moves of the last 7 days, per segment', async () => {
    const trends = await segmentTrends(engine.warehouse, P, ['recent-buyers', 'buyers', 'nobody'], 10, day(16));
    const sizes = (id: string) => trends.get(id)?.daily.map((d) => `${d.day.slice(5)} ${d.size}`);
    expect(sizes('recent-buyers')).toEqual([
      '11-09 1',
      '11-10 1',
      '11-11 2',
      '11-12 2',
      '11-13 2',
      '11-14 2',
      '11-15 2',
      '11-16 2',
      '11-17 1',
      '11-18 1',
    ]);
    expect(sizes('buyers')).toEqual([
      '11-09 1',
      '11-10 1',
      '11-11 2',
      '11-12 2',
      '11-13 2',
      '11-14 2',
      '11-15 2',
      '11-16 2',
      '11-17 2',
      '11-18 2',
    ]);
    // Since day 9 09:00: u2 entered both at day 9.5, u1 left one at day 15.5.
    expect(trends.get('recent-buyers')?.lastWeek).toEqual({ entered: 1, exited: 1, change: 0 });
    expect(trends.get('buyers')?.lastWeek).toEqual({ entered: 1, exited: 0, change: 1 });
    // A segment with nothing recorded has a flat zero trend of the same days.
    expect(trends.get('nobody')?.daily.every((d) => d.size === 0)).toBe(true);
    expect(trends.get('nobody')?.daily).toHaveLength(10);
    expect(trends.get('nobody')?.lastWeek).toEqual({ entered: 0, exited: 0, change: 0 });
  });

  it("ends on the stored members now, and looks back only as far as it is asked; another project's moves stay out", async () => {
    const now = day(16);
    const trends = await segmentTrends(engine.warehouse, P, ['recent-buyers', 'buyers'], 3, now);
    for (const id of ['recent-buyers', 'buyers']) {
      const daily = trends.get(id)?.daily ?? [];
      expect(daily.map((d) => d.day)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
      expect(daily.at(-1)?.size).toBe((await storedMembers(engine.warehouse, P, id)).length);
    }
    // Before anything was recorded, every segment was empty.
    const early = await segmentTrends(engine.warehouse, P, ['buyers'], 2, day(1));
    expect(early.get('buyers')?.daily.map((d) => d.size)).toEqual([0, 0]);
    const blog = await segmentTrends(engine.warehouse, 'blog', ['buyers', 'recent-buyers'], 10, now);
    expect(blog.get('buyers')?.daily.at(-1)?.size).toBe(1);
    expect(blog.get('recent-buyers')?.daily.at(-1)?.size).toBe(0);
  });

  it('asks the warehouse once for all segments', async () => {
    let queries = 0;
    const counting = Object.create(engine.warehouse) as Warehouse;
    counting.query = (...args: Parameters<Warehouse['query']>) => {
      queries += 1;
      return engine.warehouse.query(...args);
    };
    const ids = Array.from({ length: 25 }, (_, i) => `segment-${i}`);
    await segmentTrends(counting, P, [...ids, 'buyers'], 30, day(16));
    expect(queries).toBe(1);
  });

  it('days run in UTC and today ends now; the number of days is checked', () => {
    const ends = trendDayEnds(2, Date.parse('2026-11-18T09:00:00Z'));
    expect(ends).toEqual([
      { day: '2026-11-17', end: Date.parse('2026-11-18T00:00:00Z') },
      { day: '2026-11-18', end: Date.parse('2026-11-18T09:00:00.001Z') },
    ]);
    expect(trendDays('30')).toBe(30);
    for (const bad of ['0', '1.5', 'x', '367'])
      expect(() => trendDays(bad)).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'trend' }));
  });
});

describe('GET /api/segments?trend=N', () => {
  let app: FastifyInstance;
  let auth: { authorization: string };
  beforeAll(async () => {
    app = await buildApp(engine, { logger: false });
    auth = { authorization: `Bearer ${await engine.state.apiTokens.create('test', Date.now())}` };
    for (const s of [recentBuyers, buyers])
      await saveSegment(engine.state.definitions, P, { id: s.id, name: s.name, condition: s.condition }, T0, {
        replace: false,
      });
  });
  afterAll(() => app.close());

  it('adds each saved segment’s trend to the list; without it the list stays as it was', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/segments?project=${P}&trend=30`, headers: auth });
    expect(res.statusCode).toBe(200);
    const listed = res.json().segments as { id: string; trend: { daily: { size: number }[] } }[];
    expect(listed.map((s) => s.id).sort()).toEqual(['buyers', 'recent-buyers']);
    for (const s of listed) {
      expect(s.trend.daily).toHaveLength(30);
      expect(s.trend.daily.at(-1)?.size).toBe((await storedMembers(engine.warehouse, P, s.id)).length);
    }
    const plain = await app.inject({ method: 'GET', url: `/api/segments?project=${P}`, headers: auth });
    expect(plain.json().segments.every((s: object) => !('trend' in s))).toBe(true);
  });

  it('refuses a bad number of days, naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/segments?project=${P}&trend=0`, headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_request', field: 'trend' });
  });
});
