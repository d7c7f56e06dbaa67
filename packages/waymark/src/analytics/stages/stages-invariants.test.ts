// Property tests: random journeys through a small stage map, checked against a plain JavaScript model of the stage
// rules and against invariants of the result, stored once in time order and once newest first.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { Stage } from './stage-map.js';
import type { StagesResult } from './stages-result.js';
import { stagesAnalysis } from './stages.js';

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MIN = 60_000;
const FROM = 100;
const TO = 250;
const MAP: Stage[] = [
  { name: 's1', events: [{ event: 'A' }, { event: 'B' }] },
  { name: 's2', events: [{ event: 'C' }] },
  { name: 's3', events: [{ event: 'B', where: [{ property: 'x', op: 'gte', value: 5 }] }] },
  { name: 's4', events: [{ event: 'D' }], minCount: 2 },
];

interface Act {
  event: string;
  at: number;
  x: number;
  anonymous: boolean;
  source: string;
}
interface Journey {
  acts: Act[];
  /** When the anonymous id is tied to the user id; never: the anonymous events are another person. */
  identifyAt: number | null;
}

const act = fc.record({
  event: fc.constantFrom('A', 'B', 'C', 'D', 'E', '$page'),
  at: fc.integer({ min: 0, max: 300 }),
  x: fc.integer({ min: 0, max: 9 }),
  anonymous: fc.boolean(),
  source: fc.constantFrom('google', 'facebook', ''),
});
const journeys = fc.array(
  fc.record({
    acts: fc.array(act, { minLength: 1, maxLength: 6 }),
    identifyAt: fc.option(fc.integer({ min: 0, max: 300 })),
  }),
  { minLength: 1, maxLength: 5 },
);

function callsOf(people: readonly Journey[]): ScenarioCall[] {
  return people.flatMap((j, i) => {
    const calls = j.acts.map((a): ScenarioCall => {
      const id = a.anonymous ? { anonymousId: `a${i}` } : { userId: `u${i}` };
      if (a.event === '$page') {
        const url = a.source ? `https://s.test/?utm_source=${a.source}&utm_medium=cpc` : 'https://s.test/';
        return { type: 'page', ...id, at: a.at, context: { page: { url } } };
      }
      return { type: 'track', ...id, event: a.event, properties: { x: a.x }, at: a.at };
    });
    if (j.identifyAt !== null)
      calls.push({ type: 'identify', anonymousId: `a${i}`, userId: `u${i}`, at: j.identifyAt });
    return calls;
  });
}

const NEVER = Infinity;
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The stage rules, person by person, in plain JavaScript: what the SQL must agree with. */
function model(people: readonly Journey[]) {
  const persons = people.flatMap((j) =>
    j.identifyAt === null ? [j.acts.filter((a) => a.anonymous), j.acts.filter((a) => !a.anonymous)] : [j.acts],
  );
  const n = MAP.length;
  const count = () => new Array<number>(n).fill(0);
  const out = { persons: 0, current: count(), entered: count(), started: count(), newEntries: count() };
  const stays: number[][] = MAP.map(() => []);
  const moves = new Map<string, number[]>();
  for (const acts of persons) {
    const seen = acts.filter((a) => a.at < TO);
    const times = (match: (a: Act) => boolean) =>
      seen
        .filter(match)
        .map((a) => a.at * MIN)
        .sort((a, b) => a - b);
    const met = [
      times((a) => a.event === 'A' || a.event === 'B')[0] ?? NEVER,
      times((a) => a.event === 'C')[0] ?? NEVER,
      times((a) => a.event === 'B' && a.x >= 5)[0] ?? NEVER,
      times((a) => a.event === 'D')[1] ?? NEVER,
    ];
    const path = met.flatMap((t, k) => (t < Math.min(NEVER, ...met.slice(k + 1)) ? [k] : []));
    if (path.length === 0) continue;
    out.persons += 1;
    out.current[path.at(-1) as number] += 1;
    out.started[path[0] as number] += 1;
    path.forEach((k, i) => {
      const t = met[k] as number;
      out.entered[k] += 1;
      if (t >= FROM * MIN && t < TO * MIN) out.newEntries[k] += 1;
      const next = path[i + 1];
      if (next === undefined) return;
      const stay = (met[next] as number) - t;
      (stays[k] as number[]).push(stay);
      moves.set(`${k}>${next}`, [...(moves.get(`${k}>${next}`) ?? []), stay]);
    });
  }
  const transitions = [...moves]
    .map(([key, ms]) => {
      const [from, to] = key.split('>').map(Number) as [number, number];
      return { from, to, persons: ms.length, medianMs: median(ms) };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to)
    .map((t) => ({ ...t, from: MAP[t.from]?.name, to: MAP[t.to]?.name }));
  return { ...out, medianMsInStage: stays.map(median), transitions };
}

let stores: TestStores;
let runs = 0;
beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

async function stagesOf(project: string): Promise<StagesResult> {
  const spec = stagesAnalysis.parse({
    stages: MAP,
    range: { from: new Date(T0 + FROM * MIN).toISOString(), to: new Date(T0 + TO * MIN).toISOString() },
    breakdown: ['$channel'],
  });
  return stagesAnalysis.run({ warehouse: stores.warehouse, now: () => T0 + 1000 * MIN }, project, spec);
}

describe('stages invariants', () => {
  it('agree with the model, hold together, and do not depend on storage order', async () => {
    await fc.assert(
      fc.asyncProperty(journeys, async (people) => {
        const project = `prop-${runs++}`;
        const calls = callsOf(people);
        await loadScenario(stores, `${project}-a`, calls, T0);
        const reversed = [...calls].reverse();
        for (let i = 0; i < reversed.length; i += 3) {
          await loadScenario(stores, `${project}-b`, reversed.slice(i, i + 3), T0);
        }
        const result = await stagesOf(`${project}-a`);
        expect(await stagesOf(`${project}-b`)).toEqual(result);

        const expected = model(people);
        const column = <K extends keyof StagesResult['stages'][number]>(key: K) => result.stages.map((s) => s[key]);
        expect(result.persons).toBe(expected.persons);
        expect(column('current')).toEqual(expected.current);
        expect(column('entered')).toEqual(expected.entered);
        expect(column('started')).toEqual(expected.started);
        expect(column('newEntries')).toEqual(expected.newEntries);
        expect(column('medianMsInStage')).toEqual(expected.medianMsInStage);
        expect(result.transitions).toEqual(expected.transitions);

        // Every person is in exactly one stage; "reached" counts those at or past a stage.
        const current = column('current');
        expect(current.reduce((a, b) => a + b, 0)).toBe(result.persons);
        result.stages.forEach((s, k) => {
          expect(s.reached).toBe(current.slice(k).reduce((a, b) => a + b, 0));
          // Flow: everyone who entered a stage either stays in it or moved on once; they came from somewhere.
          const into = result.transitions.filter((t) => t.to === s.name).reduce((a, t) => a + t.persons, 0);
          expect(s.entered).toBe(s.current + s.movedOn);
          expect(s.entered).toBe(s.started + into);
        });
        const byChannel = result.breakdowns[0]?.values ?? [];
        expect(byChannel.reduce((a, v) => a + v.persons, 0)).toBe(result.persons);
        expect(byChannel.reduce((a, v) => a.map((x, k) => x + (v.current[k] ?? 0)), [0, 0, 0, 0])).toEqual(current);
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
