import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../../core/errors.js';
import { loadScenario, type ScenarioCall } from '../../test-support/scenario.js';
import { openTestStores, type TestStores } from '../../test-support/stores.js';
import type { AnalysisContext } from '../analysis.js';
import { pathsAnalysis, type PathsResult } from './paths.js';

let stores: TestStores;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' };
const ctx = (): AnalysisContext => ({ warehouse: stores.warehouse, now: () => T0 + 86_400_000 });
const track = (who: { anonymousId: string } | { userId: string }, event: string, at: number): ScenarioCall => ({
  type: 'track',
  ...who,
  event,
  at,
});

// Journeys, minutes after T0 (sessions end after 30 minutes without an event):
//   u1: View 0, Search 5, View 10 as anonymous a1; identifies as u1 (plan gold) at 12; Add 15, Buy 20
//       | View 100, Search 105                      -> two sessions; the anonymous part joins the first
//   u2: View 0, Add 3, Help 4, Buy 8
//   u3: Search 0 | View 50, Add 55                   -> the gap cuts Search off the way to Add
//   u4: View 0, View 1, View 2, Search 3             -> repeats collapse into one View
const basic: ScenarioCall[] = [
  track({ anonymousId: 'a1' }, 'View', 0),
  track({ anonymousId: 'a1' }, 'Search', 5),
  track({ anonymousId: 'a1' }, 'View', 10),
  { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'gold' }, at: 12 },
  track({ userId: 'u1' }, 'Add', 15),
  track({ userId: 'u1' }, 'Buy', 20),
  track({ userId: 'u1' }, 'View', 100),
  track({ userId: 'u1' }, 'Search', 105),
  track({ userId: 'u2' }, 'View', 0),
  track({ userId: 'u2' }, 'Add', 3),
  track({ userId: 'u2' }, 'Help', 4),
  track({ userId: 'u2' }, 'Buy', 8),
  track({ userId: 'u3' }, 'Search', 0),
  track({ userId: 'u3' }, 'View', 50),
  track({ userId: 'u3' }, 'Add', 55),
  track({ userId: 'u4' }, 'View', 0),
  track({ userId: 'u4' }, 'View', 1),
  track({ userId: 'u4' }, 'View', 2),
  track({ userId: 'u4' }, 'Search', 3),
];

// Page views, grouped by path with clean-up (/p/<slug> -> /p/:slug, /c/<anything> -> /c/:category):
//   v1: / , /p/tent, Product Added (on /p/tent), /p/boots, /cart
//   v2: / , /p/boots, /p/tent, /c/shoes
//   v3: / , /c/shoes, /c/hats, /p/tent
//   v4: / , /p/x, /c/y
const page = (userId: string, path: string, at: number): ScenarioCall => ({
  type: 'page',
  userId,
  properties: { path },
  at,
});
const pages: ScenarioCall[] = [
  page('v1', '/', 0),
  page('v1', '/p/tent', 1),
  { type: 'track', userId: 'v1', event: 'Product Added', context: { page: { path: '/p/tent' } }, at: 2 },
  page('v1', '/p/boots', 3),
  page('v1', '/cart', 4),
  page('v2', '/', 0),
  page('v2', '/p/boots', 1),
  page('v2', '/p/tent', 2),
  page('v2', '/c/shoes', 3),
  page('v3', '/', 0),
  page('v3', '/c/shoes', 1),
  page('v3', '/c/hats', 2),
  page('v3', '/p/tent', 3),
  page('v4', '/', 0),
  page('v4', '/p/x', 1),
  page('v4', '/c/y', 2),
];
const grouping = {
  start: { event: '$page', where: [{ property: '$path', op: 'eq', value: '/' }] },
  groupBy: { property: '$path' },
  cleanup: [
    { regex: '^/p/[^/]+$', replacement: '/p/:slug' },
    { regex: '^/c/.*', replacement: '/c/:category' },
  ],
  range,
};

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, 'paths-basic', basic, T0);
  await loadScenario(stores, 'paths-pages', pages, T0);
  // The same calls stored in reverse order, in batches of three.
  const reversed = [...basic].reverse();
  for (let i = 0; i < reversed.length; i += 3)
    await loadScenario(stores, 'paths-reversed', reversed.slice(i, i + 3), T0);
});
afterAll(() => stores.close());

const run = (project: string, spec: object): Promise<PathsResult> =>
  pathsAnalysis.run(ctx(), project, pathsAnalysis.parse({ range, ...spec }));

/** Nodes as `id persons/paths`, links as `source > target persons/transitions`: compact to compare by hand. */
const nodesOf = (r: PathsResult): string[] => r.nodes.map((n) => `${n.id} ${n.persons}/${n.paths}`);
const linksOf = (r: PathsResult): string[] =>
  r.links.map((l) => `${l.source} > ${l.target} ${l.persons}/${l.transitions}`);

describe('paths from a start event', () => {
  it('follows each session from its first start event; identity merges join anonymous and identified events', async () => {
    // Paths: u1 [View Search View Add Buy] and [View Search]; u2 [View Add Help Buy]; u3 [View Add]; u4 [View Search].
    const r = await run('paths-basic', { start: { event: 'View' } });
    expect(nodesOf(r)).toEqual([
      '0:View 4/5',
      '1:Search 2/3',
      '1:Add 2/2',
      '2:Help 1/1',
      '2:View 1/1',
      '3:Add 1/1',
      '3:Buy 1/1',
      '4:Buy 1/1',
    ]);
    expect(linksOf(r)).toEqual([
      '0:View > 1:Search 2/3',
      '0:View > 1:Add 2/2',
      '1:Add > 2:Help 1/1',
      '1:Search > 2:View 1/1',
      '2:Help > 3:Buy 1/1',
      '2:View > 3:Add 1/1',
      '3:Add > 4:Buy 1/1',
    ]);
    expect(r.totals).toEqual({ persons: 4, paths: 5 });
    expect(r.nodes.find((n) => n.id === '1:Search')?.ended).toBe(2);
    expect(r).toMatchObject({ mode: 'from', steps: 5, sessionized: true, sessionGapMinutes: 30, topN: 10 });
  });

  it('across sessions a person has one path; a longer gap setting joins the sessions too', async () => {
    // u1: View Search View Add Buy (View Search at 100 fall beyond 5 steps); u3: [View Add] after its Search.
    const across = await run('paths-basic', { start: { event: 'View' }, sessionized: false });
    expect(across.totals).toEqual({ persons: 4, paths: 4 });
    expect(nodesOf(across).slice(0, 3)).toEqual(['0:View 4/4', '1:Add 2/2', '1:Search 2/2']);
    const longGap = await run('paths-basic', { start: { event: 'View' }, sessionGapMinutes: 90 });
    expect(longGap.totals).toEqual({ persons: 4, paths: 4 });
  });

  it('excluded events vanish from the paths; include keeps only the events named', async () => {
    const excluded = await run('paths-basic', { start: { event: 'View' }, exclude: ['Help'] });
    expect(nodesOf(excluded).filter((n) => n.startsWith('2:'))).toEqual(['2:Buy 1/1', '2:View 1/1']);
    // Only View and Buy: u1 [View Buy] and [View]; u2 [View Buy]; u3 [View]; u4 [View].
    const included = await run('paths-basic', { start: { event: 'View' }, include: ['Buy'] });
    expect(nodesOf(included)).toEqual(['0:View 4/5', '1:Buy 2/2']);
  });

  it('start filters on person traits by their latest value', async () => {
    const gold = await run('paths-basic', {
      start: { event: 'View', where: [{ on: 'person', property: 'plan', op: 'eq', value: 'gold' }] },
    });
    expect(gold.totals).toEqual({ persons: 1, paths: 2 });
  });

  it('does not depend on the order events were stored in', async () => {
    for (const spec of [{ start: { event: 'View' } }, { end: { event: 'Buy' } }, {}]) {
      expect(await run('paths-reversed', spec)).toEqual(await run('paths-basic', spec));
    }
  });
});

describe('paths to an end event and between two', () => {
  it('counts steps back from the end', async () => {
    // Last 3 steps before Buy: u1 [View Add Buy], u2 [Add Help Buy].
    const r = await run('paths-basic', { end: { event: 'Buy' }, steps: 3 });
    expect(nodesOf(r)).toEqual(['-2:Add 1/1', '-2:View 1/1', '-1:Add 1/1', '-1:Help 1/1', '0:Buy 2/2']);
    expect(linksOf(r)).toEqual([
      '-2:Add > -1:Help 1/1',
      '-2:View > -1:Add 1/1',
      '-1:Add > 0:Buy 1/1',
      '-1:Help > 0:Buy 1/1',
    ]);
    expect(r.totals).toEqual({ persons: 2, paths: 2, reachedEnd: 2 });
  });

  it('sessionization cuts the way to the end', async () => {
    const sessions = await run('paths-basic', { end: { event: 'Add' } });
    // u1 [View Search View Add], u2 [View Add], u3 [View Add]: u3's Search was the session before.
    expect(nodesOf(sessions).filter((n) => n.startsWith('-1:'))).toEqual(['-1:View 3/3']);
    const across = await run('paths-basic', { end: { event: 'Add' }, sessionized: false });
    expect(nodesOf(across).filter((n) => n.startsWith('-2:'))).toEqual(['-2:Search 2/2']);
  });

  it('between: paths from the start that reach the end, long ones shortened around "…"', async () => {
    // Steps 4 keeps 2 + "…" + 1: u1 [View Search … Buy] (from View Search View Add Buy), u2 [View Add Help Buy].
    // Started: u1, u2, u3, u4; only u1 and u2 reach Buy after a View in the same session.
    const r = await run('paths-basic', { start: { event: 'View' }, end: { event: 'Buy' }, steps: 4 });
    expect(linksOf(r)).toEqual([
      '0:View > 1:Add 1/1',
      '0:View > 1:Search 1/1',
      '1:Add > 2:Help 1/1',
      '1:Search > 2:… 1/1',
      '2:Help > 3:Buy 1/1',
      '2:… > 3:Buy 1/1',
    ]);
    expect(r.totals).toEqual({ persons: 2, paths: 2, started: 4, reachedEnd: 2 });
  });

  it('every session from its first event when neither start nor end is given', async () => {
    // Sessions: u1 [View …] twice, u2 [View …], u3 [Search] and [View Add], u4 [View Search].
    const r = await run('paths-basic', { steps: 2 });
    expect(nodesOf(r).filter((n) => n.startsWith('0:'))).toEqual(['0:View 4/5', '0:Search 1/1']);
    expect(r.totals).toEqual({ persons: 4, paths: 6 });
  });
});

describe('grouping, clean-up and top transitions', () => {
  it('a page view becomes its cleaned-up path; equal neighbours collapse into one node', async () => {
    // Product Added carries /p/tent too, so without `events` it merges into the product page node.
    const r = await run('paths-pages', grouping);
    expect(linksOf(r)).toEqual([
      '0:/ > 1:/p/:slug 3/3',
      '0:/ > 1:/c/:category 1/1',
      '1:/p/:slug > 2:/c/:category 2/2',
      '1:/c/:category > 2:/p/:slug 1/1',
      '1:/p/:slug > 2:/cart 1/1',
    ]);
  });

  it('grouping applies to the events named in groupBy.events only', async () => {
    const r = await run('paths-pages', { ...grouping, groupBy: { property: '$path', events: ['$page'] } });
    // v1: / , /p/:slug, Product Added, /p/:slug, /cart.
    expect(nodesOf(r).filter((n) => n.startsWith('2:') || n.startsWith('3:'))).toEqual([
      '2:/c/:category 2/2',
      '2:/p/:slug 1/1',
      '2:Product Added 1/1',
      '3:/p/:slug 1/1',
    ]);
  });

  it('keeps the top N transitions per step and sends the others to an "Other" node', async () => {
    // topN 1. Step 1: / > /p/:slug (3 persons) stays, v3's / > /c/:category goes to Other. Step 2: /p/:slug >
    // /c/:category (v2, v4) stays; v1's Product Added and v3's /p/:slug become Other. Steps 3-4 have one link each.
    const r = await run('paths-pages', { ...grouping, groupBy: { property: '$path', events: ['$page'] }, topN: 1 });
    expect(nodesOf(r)).toEqual([
      '0:/ 4/4',
      '1:/p/:slug 3/3',
      '1:Other 1/1',
      '2:/c/:category 2/2',
      '2:Other 2/2',
      '3:/p/:slug 1/1',
      '4:/cart 1/1',
    ]);
    expect(linksOf(r)).toEqual([
      '0:/ > 1:/p/:slug 3/3',
      '0:/ > 1:Other 1/1',
      '1:/p/:slug > 2:/c/:category 2/2',
      '1:/p/:slug > 2:Other 1/1',
      '1:Other > 2:Other 1/1',
      '2:Other > 3:/p/:slug 1/1',
      '3:/p/:slug > 4:/cart 1/1',
    ]);
  });

  it('lays the links out as a table with the share of the node they leave', () => {
    const table = pathsAnalysis.table({
      range: { from: '', to: '' },
      mode: 'from',
      steps: 5,
      sessionized: true,
      sessionGapMinutes: 30,
      topN: 10,
      nodes: [
        { id: '0:A', name: 'A', step: 0, persons: 4, paths: 4, ended: 1 },
        { id: '1:B', name: 'B', step: 1, persons: 3, paths: 3, ended: 3 },
      ],
      links: [{ source: '0:A', target: '1:B', persons: 3, transitions: 3 }],
      totals: { persons: 4, paths: 4 },
    });
    expect(table).toEqual({
      columns: ['step', 'from', 'to', 'persons', 'transitions', '% of from'],
      rows: [[0, 'A', 'B', 3, 3, 75]],
    });
  });
});

describe('paths spec', () => {
  const problem = (spec: object): string | undefined => {
    try {
      pathsAnalysis.parse(spec);
      return undefined;
    } catch (e) {
      return e instanceof WaymarkError ? `${e.field}: ${e.message}` : String(e);
    }
  };

  it('names the field at fault', () => {
    expect(problem({ steps: 21 })).toMatch(/^steps: /);
    expect(problem({ start: { event: 'A' }, end: { event: 'B' }, steps: 2 })).toMatch(/^steps: .*at least 3/);
    expect(problem({ sessionized: false, sessionGapMinutes: 10 })).toMatch(/^sessionGapMinutes: /);
    expect(problem({ include: ['A'], exclude: ['A'] })).toMatch(/^exclude\[0\]: /);
    expect(problem({ cleanup: [{ regex: 'a', replacement: 'b' }] })).toMatch(/^cleanup: .*groupBy/);
    expect(problem({ groupBy: { property: '$path' }, cleanup: [{ regex: '(?=a)', replacement: '' }] })).toMatch(
      /^cleanup\[0\]\.regex: .*lookaround/,
    );
    expect(problem({ groupBy: { property: '$path' }, cleanup: [{ regex: '(', replacement: '' }] })).toMatch(
      /^cleanup\[0\]\.regex: /,
    );
    expect(problem({ start: { event: 'A', where: [{ property: 'x', op: 'gt' }] } })).toMatch(/^start\.where\[0\]: /);
    expect(problem({ range: { from: 'yesterday' } })).toMatch(/^range\.from: /);
    expect(problem({ topN: 0 })).toMatch(/^topN: /);
    expect(problem({ start: { event: 'A' }, steps: 2, topN: 3 })).toBeUndefined();
  });
});
