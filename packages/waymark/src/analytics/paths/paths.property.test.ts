import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { pathsAnalysis, type PathsResult } from './paths.js';

// Random journeys checked against a plain reading of the paths semantics, written here independently of the SQL:
// sort each person's events, split sessions, cut at the anchor, collapse repeats, keep the steps, count.

let stores: TestStores;
let project = 0;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const range = { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' };
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 86_400_000 });

beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores.close());

interface Ev {
  person: number;
  name: string;
  at: number;
}
interface Case {
  events: Ev[];
  start?: string;
  end?: string;
  steps: number;
  gap: number | null;
  exclude: string[];
}

const NAMES = ['A', 'B', 'C', 'D'];

function referencePaths(c: Case): { nodes: string[]; links: string[]; persons: number; paths: number } {
  const byPerson = new Map<number, Ev[]>();
  for (const e of c.events) byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), e]);
  const paths: { person: number; path: string[] }[] = [];
  for (const [person, events] of byPerson) {
    events.sort((x, y) => x.at - y.at || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const sequences: Ev[][] = [];
    for (const e of events) {
      const last = sequences.at(-1);
      const previous = last?.at(-1);
      if (last && previous && (c.gap === null || e.at - previous.at <= c.gap)) last.push(e);
      else sequences.push([e]);
    }
    for (const sequence of sequences) {
      const kept = sequence.map((e) => e.name).filter((n) => n === c.start || n === c.end || !c.exclude.includes(n));
      let cut: string[] | undefined;
      const s = c.start === undefined ? 0 : kept.indexOf(c.start);
      if (c.start !== undefined && c.end !== undefined) {
        const f = s < 0 ? -1 : kept.indexOf(c.end, s + 1);
        if (f >= 0) cut = kept.slice(s, f + 1);
      } else if (c.end !== undefined) {
        const f = kept.indexOf(c.end);
        if (f >= 0) cut = kept.slice(0, f + 1);
      } else if (s >= 0 && kept.length > 0) {
        cut = kept.slice(s);
      }
      if (!cut) continue;
      const collapsed = cut.filter((n, i) => i === 0 || n !== cut[i - 1]);
      let path: string[];
      if (c.start !== undefined && c.end !== undefined) {
        const tail = Math.floor((c.steps - 1) / 2);
        const head = c.steps - 1 - tail;
        path = collapsed.length > c.steps ? [...collapsed.slice(0, head), '…', ...collapsed.slice(-tail)] : collapsed;
      } else {
        path = c.end !== undefined ? collapsed.slice(-c.steps) : collapsed.slice(0, c.steps);
      }
      paths.push({ person, path });
    }
  }
  const counts = new Map<string, { persons: Set<number>; paths: number }>();
  const add = (key: string, person: number): void => {
    const entry = counts.get(key) ?? { persons: new Set<number>(), paths: 0 };
    entry.persons.add(person);
    entry.paths++;
    counts.set(key, entry);
  };
  for (const { person, path } of paths) {
    const step = (i: number): number => (c.end !== undefined && c.start === undefined ? i - path.length + 1 : i);
    path.forEach((name, i) => {
      add(`node ${step(i)}:${name}`, person);
      if (i > 0) add(`link ${step(i - 1)}:${path[i - 1]} > ${step(i)}:${name}`, person);
    });
  }
  const listed = (kind: string): string[] =>
    [...counts]
      .filter(([key]) => key.startsWith(kind))
      .map(([key, v]) => `${key.slice(kind.length + 1)} ${v.persons.size}/${v.paths}`)
      .sort();
  return {
    nodes: listed('node'),
    links: listed('link'),
    persons: new Set(paths.map((p) => p.person)).size,
    paths: paths.length,
  };
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    events: fc.array(
      fc.record({
        person: fc.integer({ min: 0, max: 3 }),
        name: fc.constantFrom(...NAMES),
        at: fc.integer({ min: 0, max: 180 }),
      }),
      { minLength: 1, maxLength: 24 },
    ),
    anchors: fc.constantFrom('from', 'to', 'between', 'all'),
    start: fc.constantFrom(...NAMES),
    end: fc.constantFrom(...NAMES),
    steps: fc.integer({ min: 3, max: 6 }),
    gap: fc.option(fc.constantFrom(10, 30), { nil: null }),
    exclude: fc.subarray(NAMES, { maxLength: 2 }),
  })
  .map((r) => ({
    events: r.events,
    ...(r.anchors === 'from' || r.anchors === 'between' ? { start: r.start } : {}),
    ...(r.anchors === 'to' || r.anchors === 'between' ? { end: r.end } : {}),
    steps: r.steps,
    gap: r.gap,
    exclude: r.exclude,
  }));

async function run(c: Case, topN: number): Promise<{ project: string; result: PathsResult }> {
  const id = `paths-prop-${project++}`;
  const calls: ScenarioCall[] = c.events.map((e) => ({
    type: 'track',
    userId: `p${e.person}`,
    event: e.name,
    at: e.at,
  }));
  await loadScenario(stores, id, calls, T0);
  const spec = {
    ...(c.start ? { start: { event: c.start } } : {}),
    ...(c.end ? { end: { event: c.end } } : {}),
    steps: c.steps,
    ...(c.gap === null ? { sessionized: false } : { sessionGapMinutes: c.gap }),
    exclude: c.exclude,
    topN,
    range,
  };
  return { project: id, result: await pathsAnalysis.run(ctx(), id, pathsAnalysis.parse(spec)) };
}

describe('paths properties', () => {
  it('match a plain reading of the semantics on random journeys', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { result } = await run(c, 100);
        const expected = referencePaths(c);
        expect(result.nodes.map((n) => `${n.id} ${n.persons}/${n.paths}`).sort()).toEqual(expected.nodes);
        expect(result.links.map((l) => `${l.source} > ${l.target} ${l.persons}/${l.transitions}`).sort()).toEqual(
          expected.links,
        );
        expect(result.totals).toMatchObject({ persons: expected.persons, paths: expected.paths });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('with few transitions shown: links never carry more than their nodes, and at most N + 1 nodes per step', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 1, max: 2 }), async (c, topN) => {
        const { result } = await run(c, topN);
        const nodes = new Map(result.nodes.map((n) => [n.id, n]));
        for (const link of result.links) {
          const source = nodes.get(link.source);
          const target = nodes.get(link.target);
          expect(link.persons).toBeLessThanOrEqual(source?.persons ?? 0);
          expect(link.persons).toBeLessThanOrEqual(target?.persons ?? 0);
          expect(link.persons).toBeLessThanOrEqual(link.transitions);
        }
        for (const node of result.nodes) {
          expect(node.ended).toBeGreaterThanOrEqual(0);
          expect(node.persons).toBeLessThanOrEqual(result.totals.persons);
        }
        const perStep = new Map<number, number>();
        for (const node of result.nodes) perStep.set(node.step, (perStep.get(node.step) ?? 0) + 1);
        // Between a start and an end, the end and "…" nodes are never merged, so they may come on top.
        const limit = c.start !== undefined && c.end !== undefined ? topN + 3 : topN + 1;
        for (const count of perStep.values()) expect(count).toBeLessThanOrEqual(limit);
        // Merging into "Other" changes names, never who is on a path.
        expect(result.totals).toMatchObject({ persons: referencePaths(c).persons, paths: referencePaths(c).paths });
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
