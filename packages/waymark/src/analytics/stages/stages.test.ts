import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import { currentIdentitiesSql } from '../../warehouse/identity-sql.js';
import type { AnalysisContext } from '../analysis.js';
import { ParamBinder } from '../sql-params.js';
import { personStagesSql } from './person-stages-sql.js';
import { DEFAULT_STAGE_MAP, type Stage } from './stage-map.js';
import { stagesAnalysis } from './stages.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MIN = 60_000;
const iso = (minutes: number): string => new Date(T0 + minutes * MIN).toISOString();
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36';
const page = (
  id: { userId: string } | { anonymousId: string },
  at: number,
  url: string,
  ua?: string,
): ScenarioCall => ({
  type: 'page',
  ...id,
  at,
  context: { page: { url }, ...(ua ? { userAgent: ua } : {}) },
});

// The default stage map, times in minutes after T0 (awareness aw, consideration co, decision de, purchase pu,
// retention re, advocacy ad):
//   A: anonymous a1 (paid search, iPhone) aw 0, co 10, identified as u1 at 15, de 30, pu 60; later re 1500, ad 2000
//   B: aw 0 (direct), pu 100 (skips co and de), co 200 (a lower stage later moves no one back), NPS 7 (not advocacy)
//   C: aw 50 (email opened), co 80, ad 90 (a review: skips de, pu, re)
//   D: co 20 only: the journey starts in consideration
//   E: aw and pu both at 40 (aw is passed at once), second order at 100: re 100
//   F: a support ticket only: in no stage
const calls: ScenarioCall[] = [
  page({ anonymousId: 'a1' }, 0, 'https://shop.test/?utm_source=google&utm_medium=cpc', IPHONE),
  { type: 'track', anonymousId: 'a1', event: 'Product Viewed', at: 10 },
  { type: 'identify', anonymousId: 'a1', userId: 'u1', at: 15 },
  page({ userId: 'u1' }, 20, 'https://shop.test/?utm_source=facebook&utm_medium=social'),
  { type: 'track', userId: 'u1', event: 'Product Added', at: 30 },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 40 }, at: 60 },
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 25 }, at: 1500 },
  { type: 'track', userId: 'u1', event: 'NPS Survey Answered', properties: { score: 10 }, at: 2000 },
  page({ userId: 'u2' }, 0, 'https://shop.test/'),
  { type: 'track', userId: 'u2', event: 'Order Completed', context: { userAgent: WINDOWS }, at: 100 },
  { type: 'track', userId: 'u2', event: 'Product Viewed', at: 200 },
  { type: 'track', userId: 'u2', event: 'NPS Survey Answered', properties: { score: 7 }, at: 300 },
  { type: 'track', userId: 'u3', event: 'Email Opened', at: 50 },
  { type: 'track', userId: 'u3', event: 'Products Searched', at: 80 },
  { type: 'track', userId: 'u3', event: 'Product Reviewed', at: 90 },
  { type: 'track', userId: 'u4', event: 'Product List Viewed', at: 20 },
  page({ userId: 'u5' }, 40, 'https://shop.test/'),
  { type: 'track', userId: 'u5', event: 'Order Completed', at: 40 },
  { type: 'track', userId: 'u5', event: 'Order Completed', at: 100 },
  { type: 'track', userId: 'u6', event: 'Support Ticket Opened', at: 10 },
];
const P = 'stages-a';
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 3 * 24 * 60 * MIN });
const run = (spec: object, project = P) => stagesAnalysis.run(ctx(), project, stagesAnalysis.parse(spec));
/** The first day: A's second order and NPS answer fall after it. */
const day1 = { range: { from: iso(30), to: iso(1440) } };

/** `[first distinct id, stage, entered_at]` per person, from `personStagesSql`. */
async function currentStages(project: string, stages: readonly Stage[], asOf?: number): Promise<string[][]> {
  const db = stores.warehouse.database;
  const binder = new ParamBinder(project);
  const sql = personStagesSql(db, binder, stages, asOf === undefined ? {} : { asOf });
  const rows = await stores.warehouse.query<{ who: string; stage: string; entered_at: string }>(
    `SELECT min(ids.distinct_id) AS who, any(s.stage) AS stage, any(s.entered_at) AS entered_at
     FROM (${sql}) AS s JOIN (${currentIdentitiesSql(db)}) AS ids ON ids.person_id = s.person_id
     GROUP BY s.person_id ORDER BY who`,
    binder.params,
  );
  return rows.map((r) => [r.who, r.stage, r.entered_at]);
}

// A B2B map with trait conditions, checked on the traits as they were recorded (minutes after T0):
//   P (u1): signed up 0; plan free 1, pro 10; invite sent 20; company.size 80 at 30 -> champion needs both: 30
//   Q (u2): plan pro, size 10 at 5; plan free at 50 (qualified stays met); signed up 60; orders of 150, 50, 120 at
//           70, 80, 90 -> vip (two orders of 100 or more) at 90
//   R (u3): invite sent 0; size 100 at 10; an identify without the size at 20 leaves it as it was -> champion 10
//   S (a4, then u4): plan pro recorded on the anonymous id at 0; identified at 5; signed up 8 -> qualified 0
const B2B: Stage[] = [
  { name: 'lead', events: [{ event: 'Signed Up' }] },
  { name: 'qualified', traits: [{ on: 'person', property: 'plan', op: 'eq', value: 'pro' }] },
  {
    name: 'champion',
    events: [{ event: 'Invite Sent' }],
    traits: [{ property: 'company.size', op: 'gte', value: 50 }],
  },
  {
    name: 'vip',
    events: [{ event: 'Order Completed', where: [{ property: 'revenue', op: 'gte', value: 100 }] }],
    minCount: 2,
  },
];
const b2bCalls: ScenarioCall[] = [
  { type: 'track', userId: 'u1', event: 'Signed Up', at: 0 },
  { type: 'identify', userId: 'u1', traits: { plan: 'free' }, at: 1 },
  { type: 'identify', userId: 'u1', traits: { plan: 'pro' }, at: 10 },
  { type: 'track', userId: 'u1', event: 'Invite Sent', at: 20 },
  { type: 'identify', userId: 'u1', traits: { company: { size: 80 } }, at: 30 },
  { type: 'identify', userId: 'u2', traits: { plan: 'pro', company: { size: 10 } }, at: 5 },
  { type: 'identify', userId: 'u2', traits: { plan: 'free' }, at: 50 },
  { type: 'track', userId: 'u2', event: 'Signed Up', at: 60 },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 150 }, at: 70 },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 50 }, at: 80 },
  { type: 'track', userId: 'u2', event: 'Order Completed', properties: { revenue: 120 }, at: 90 },
  { type: 'track', userId: 'u3', event: 'Invite Sent', at: 0 },
  { type: 'identify', userId: 'u3', traits: { company: { size: 100 } }, at: 10 },
  { type: 'identify', userId: 'u3', traits: { name: 'R' }, at: 20 },
  { type: 'identify', anonymousId: 'a4', traits: { plan: 'pro' }, at: 0 },
  { type: 'identify', anonymousId: 'a4', userId: 'u4', at: 5 },
  { type: 'track', userId: 'u4', event: 'Signed Up', at: 8 },
];
const B = 'stages-t';

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, calls, T0);
  await loadScenario(stores, B, b2bCalls, T0);
  // The same calls stored newest first, two at a time.
  const reversed = [...calls].reverse();
  for (let i = 0; i < reversed.length; i += 2) await loadScenario(stores, 'stages-b', reversed.slice(i, i + 2), T0);
});
afterAll(() => stores.close());

describe('stages analysis on chDB', () => {
  it('places each person in the furthest stage met by the end of the range, merged identities counted once', async () => {
    const result = await run(day1);
    expect(result.persons).toBe(5);
    const column = (key: 'current' | 'reached' | 'entered' | 'skipped' | 'started' | 'newEntries' | 'movedOn') =>
      result.stages.map((s) => s[key]);
    // D | A, B purchase | E retention | C advocacy.
    expect(column('current')).toEqual([0, 1, 0, 2, 1, 1]);
    // At or past the stage: everyone for the first two; A, B, C, E past decision and purchase; C and E past retention.
    expect(column('reached')).toEqual([5, 5, 4, 4, 2, 1]);
    // Moved into: aw A B C; co A C D; de A; pu A B E; re E; ad C.
    expect(column('entered')).toEqual([3, 3, 1, 3, 1, 1]);
    expect(column('skipped')).toEqual([2, 2, 3, 1, 1, 0]);
    expect(column('started')).toEqual([3, 1, 0, 1, 0, 0]);
    // Entered within [30, 1440): C aw 50, co 80, ad 90; A de 30, pu 60; B pu 100; E pu 40, re 100.
    expect(column('newEntries')).toEqual([1, 1, 1, 3, 1, 1]);
    expect(column('movedOn')).toEqual([3, 2, 1, 1, 0, 0]);
    expect(result.stages.map((s) => s.conversionToNext)).toEqual([1, 0.8, 1, 0.5, 0.5, null]);
  });

  it('measures time in stage until the next stage entered, and counts transitions that skip stages', async () => {
    const result = await run(day1);
    // Awareness: A 10, B 100, C 30; consideration: A 20, C 10; decision: A 30; purchase: E 60.
    expect(result.stages.map((s) => s.medianMsInStage)).toEqual([30 * MIN, 15 * MIN, 30 * MIN, 60 * MIN, null, null]);
    expect(result.transitions).toEqual([
      { from: 'awareness', to: 'consideration', persons: 2, medianMs: 20 * MIN },
      { from: 'awareness', to: 'purchase', persons: 1, medianMs: 100 * MIN },
      { from: 'consideration', to: 'decision', persons: 1, medianMs: 20 * MIN },
      { from: 'consideration', to: 'advocacy', persons: 1, medianMs: 10 * MIN },
      { from: 'decision', to: 'purchase', persons: 1, medianMs: 30 * MIN },
      { from: 'purchase', to: 'retention', persons: 1, medianMs: 60 * MIN },
    ]);
  });

  it('later in time, a counted condition and an NPS promoter move A on to retention and advocacy', async () => {
    const result = await run({ range: { from: iso(0), to: iso(3000) } });
    expect(result.stages.map((s) => s.current)).toEqual([0, 1, 0, 1, 1, 2]);
    const fromPurchase = result.transitions.filter((t) => t.from === 'purchase' || t.from === 'retention');
    expect(fromPurchase).toEqual([
      { from: 'purchase', to: 'retention', persons: 2, medianMs: ((60 + 1440) / 2) * MIN },
      { from: 'retention', to: 'advocacy', persons: 1, medianMs: 500 * MIN },
    ]);
  });

  it('gives each person their current stage and when they entered it, as of any time', async () => {
    expect(await currentStages(P, DEFAULT_STAGE_MAP)).toEqual([
      ['a1', 'advocacy', '2026-11-03 18:20:00.000'],
      ['u2', 'purchase', '2026-11-02 10:40:00.000'],
      ['u3', 'advocacy', '2026-11-02 10:30:00.000'],
      ['u4', 'consideration', '2026-11-02 09:20:00.000'],
      ['u5', 'retention', '2026-11-02 10:40:00.000'],
    ]);
    // Before the first order A was deciding; E, whose page view and order came at the same moment, was purchasing.
    const early = await currentStages(P, DEFAULT_STAGE_MAP, T0 + 50 * MIN);
    expect(early).toEqual([
      ['a1', 'decision', '2026-11-02 09:30:00.000'],
      ['u2', 'awareness', '2026-11-02 09:00:00.000'],
      ['u4', 'consideration', '2026-11-02 09:20:00.000'],
      ['u5', 'purchase', '2026-11-02 09:40:00.000'],
    ]);
  });

  it('breaks stages down by first-touch channel and device', async () => {
    const result = await run(day1);
    const channel = result.breakdowns.find((b) => b.property === '$channel');
    // A's first touch is paid search (a later social visit does not change it); C and D came with no touch.
    expect(channel?.values.map((v) => [v.value, v.persons, v.current])).toEqual([
      ['(none)', 2, [0, 1, 0, 0, 0, 1]],
      ['Direct', 2, [0, 0, 0, 1, 1, 0]],
      ['Paid Search', 1, [0, 0, 0, 1, 0, 0]],
    ]);
    expect(channel?.values[1]?.reached).toEqual([2, 2, 2, 2, 1, 0]);
    const device = result.breakdowns.find((b) => b.property === '$device_type');
    expect(device?.values.map((v) => [v.value, v.persons])).toEqual([
      ['(none)', 3],
      ['desktop', 1],
      ['mobile', 1],
    ]);
    const top = await run({ ...day1, breakdown: ['$channel'], breakdownLimit: 1 });
    expect(top.breakdowns).toHaveLength(1);
    expect(top.breakdowns[0]?.values.map((v) => [v.value, v.persons, v.newEntries])).toEqual([
      ['(none)', 2, [1, 1, 0, 0, 0, 1]],
      ['Other', 3, [0, 0, 1, 3, 1, 0]],
    ]);
  });

  it('lays the result out as one row per stage', async () => {
    const table = stagesAnalysis.table(await run(day1));
    expect(table.columns[0]).toBe('stage');
    expect(table.rows[3]).toEqual(['purchase', 2, 4, 3, 1, 3, 50, 3600]);
  });

  it('gives the same result whatever order the events were stored in', async () => {
    for (const spec of [day1, { range: { from: iso(0), to: iso(3000) } }]) {
      expect(await run(spec, 'stages-b')).toEqual(await run(spec));
    }
  });
});

describe('stages with trait conditions on chDB', () => {
  it('enters a trait stage when the trait first held, and an events-and-traits stage when both did', async () => {
    expect(await currentStages(B, B2B)).toEqual([
      ['a4', 'qualified', '2026-11-02 09:00:00.000'],
      ['u1', 'champion', '2026-11-02 09:30:00.000'],
      ['u2', 'vip', '2026-11-02 10:30:00.000'],
      ['u3', 'champion', '2026-11-02 09:10:00.000'],
    ]);
    // At 25 minutes P had sent the invite but not yet recorded the company size; Q had not signed up.
    expect(await currentStages(B, B2B, T0 + 25 * MIN)).toEqual([
      ['a4', 'qualified', '2026-11-02 09:00:00.000'],
      ['u1', 'qualified', '2026-11-02 09:10:00.000'],
      ['u2', 'qualified', '2026-11-02 09:05:00.000'],
      ['u3', 'champion', '2026-11-02 09:10:00.000'],
    ]);
  });

  it('with combine "any" either condition enters the stage', async () => {
    const any = B2B.map((s) => (s.name === 'champion' ? { ...s, combine: 'any' as const } : s));
    const stages = await currentStages(B, any);
    expect(stages.filter((s) => s[1] === 'champion')).toEqual([
      ['u1', 'champion', '2026-11-02 09:20:00.000'],
      ['u3', 'champion', '2026-11-02 09:00:00.000'],
    ]);
  });

  it('counts paths and time in stage for a custom map', async () => {
    const result = await run({ stages: B2B, range: { from: iso(0), to: iso(600) }, breakdown: [] }, B);
    expect(result.stages.map((s) => s.current)).toEqual([0, 1, 2, 1]);
    expect(result.stages.map((s) => s.started)).toEqual([1, 2, 1, 0]);
    // Qualified: P 20 minutes (10 -> 30), Q 85 (5 -> 90).
    expect(result.stages[1]?.medianMsInStage).toBe(52.5 * MIN);
    expect(result.transitions).toEqual([
      { from: 'lead', to: 'qualified', persons: 1, medianMs: 10 * MIN },
      { from: 'qualified', to: 'champion', persons: 1, medianMs: 20 * MIN },
      { from: 'qualified', to: 'vip', persons: 1, medianMs: 85 * MIN },
    ]);
    expect(result.breakdowns).toEqual([]);
    // Persons known from traits alone have no touch: R and S came with none either.
    const byChannel = await run({ stages: B2B, range: { from: iso(0), to: iso(600) }, breakdown: ['$channel'] }, B);
    expect(byChannel.breakdowns[0]?.values).toEqual([
      {
        value: '(none)',
        persons: 4,
        current: [0, 1, 2, 1],
        reached: [4, 4, 3, 1],
        entered: [1, 3, 2, 1],
        newEntries: [1, 3, 2, 1],
      },
    ]);
  });
});
