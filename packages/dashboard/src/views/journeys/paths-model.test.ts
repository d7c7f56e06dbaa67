import { describe, expect, it } from 'vitest';
import type { PathsResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import {
  defaultPathsChoices,
  nodeColours,
  pathsInsightName,
  pathsProblem,
  pathsSpecOf,
  sankeyOption,
  topTransitions,
  transitionsTable,
  type PathsChoices,
} from './paths-model.js';

const choices = defaultPathsChoices(['$page', 'Product Viewed', 'Order Completed'], '2026-11-23');

// Paths to an order: the end is step 0, the steps before it are negative.
const result: PathsResult = {
  range: { from: '2026-10-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  mode: 'to',
  steps: 3,
  sessionized: true,
  sessionGapMinutes: 30,
  topN: 2,
  nodes: [
    { id: '-2:Product Viewed', name: 'Product Viewed', step: -2, persons: 90, paths: 95, ended: 0 },
    { id: '-2:Other', name: 'Other', step: -2, persons: 5, paths: 5, ended: 0 },
    { id: '-1:Cart Viewed', name: 'Cart Viewed', step: -1, persons: 83, paths: 88, ended: 0 },
    { id: '-1:Product Viewed', name: 'Product Viewed', step: -1, persons: 12, paths: 12, ended: 0 },
    { id: '0:Order Completed', name: 'Order Completed', step: 0, persons: 95, paths: 100, ended: 100 },
  ],
  links: [
    { source: '-1:Cart Viewed', target: '0:Order Completed', persons: 83, transitions: 88 },
    { source: '-1:Product Viewed', target: '0:Order Completed', persons: 12, transitions: 12 },
    { source: '-2:Product Viewed', target: '-1:Cart Viewed', persons: 80, transitions: 83 },
    { source: '-2:Product Viewed', target: '-1:Product Viewed', persons: 10, transitions: 12 },
    { source: '-2:Other', target: '-1:Cart Viewed', persons: 5, transitions: 5 },
  ],
  totals: { persons: 95, paths: 100, reachedEnd: 95 },
};

describe('paths builder', () => {
  it('starts from product views, per visit, over the last 30 days', () => {
    expect(pathsSpecOf(choices)).toEqual({
      start: { event: 'Product Viewed' },
      steps: 5,
      sessionized: true,
      sessionGapMinutes: 30,
      topN: 6,
      range: { last: { value: 30, unit: 'day' } },
    });
  });

  it('makes paths between two events, per person, with exclusions, grouping and clean-up', () => {
    const spec = pathsSpecOf({
      ...choices,
      direction: 'between',
      sessionized: false,
      exclude: ['Support Ticket Opened'],
      groupBy: '$path',
      groupEvents: ['$page'],
      cleanup: [{ regex: '^/p/[^/]+$', replacement: '/p/:product' }],
    });
    expect(spec).toEqual({
      start: { event: 'Product Viewed' },
      end: { event: 'Order Completed' },
      steps: 5,
      sessionized: false,
      exclude: ['Support Ticket Opened'],
      groupBy: { property: '$path', events: ['$page'] },
      cleanup: [{ regex: '^/p/[^/]+$', replacement: '/p/:product' }],
      topN: 6,
      range: { last: { value: 30, unit: 'day' } },
    });
    expect(pathsSpecOf({ ...choices, direction: 'to' })).not.toHaveProperty('start');
  });

  it.each([
    [{ direction: 'between', steps: 2 }, 'Steps must be a whole number from 3 to 20.'],
    [{ steps: 21 }, 'Steps must be a whole number from 2 to 20.'],
    [{ startEvent: '' }, 'Choose the event paths start from.'],
    [{ direction: 'to', startEvent: '', endEvent: '' }, 'Choose the event paths lead to.'],
    [{ topN: 0 }, 'Transitions per step must be a whole number from 1 to 100.'],
    [{ sessionGapMinutes: 0 }, 'A visit ends after 1 minute to 7 days (10,080 minutes) without events.'],
    [{ sessionized: false, sessionGapMinutes: 0 }, null],
    [{ cleanup: [{ regex: 'x', replacement: '' }] }, 'Clean-up rules apply to grouped names: choose a property.'],
    [{ groupBy: '$path', cleanup: [{ regex: '', replacement: 'y' }] }, 'Every clean-up rule needs a pattern.'],
  ] as const)('with %j says %j', (change, problem) => {
    expect(pathsProblem({ ...choices, ...change } as PathsChoices)).toBe(problem);
  });
});

describe('paths result', () => {
  it('lists the transitions step by step, busiest first, with the share of the node they leave', () => {
    const table = transitionsTable(result);
    expect(table.rows.map((r) => [r['step'], r['from'], r['to'], r['persons']])).toEqual([
      ['2 before', 'Product Viewed', 'Cart Viewed', 80],
      ['2 before', 'Product Viewed', 'Product Viewed', 10],
      ['2 before', 'Other', 'Cart Viewed', 5],
      ['1 before', 'Cart Viewed', 'Order Completed', 83],
      ['1 before', 'Product Viewed', 'Order Completed', 12],
    ]);
    expect(toCsv(table).split('\r\n')[1]).toBe('2 before,Product Viewed,Cart Viewed,80,83,0.8889');
  });

  it('names the busiest transitions between real nodes', () => {
    expect(topTransitions(result, 2)).toEqual([
      { from: 'Cart Viewed', to: 'Order Completed', persons: 83 },
      { from: 'Product Viewed', to: 'Cart Viewed', persons: 80 },
    ]);
  });

  it('draws each step in its own column, the same event in the same colour, Other in grey', () => {
    const colours = nodeColours(result.nodes);
    expect(colours.get('Other')).toBe('#8a93a3');
    expect(new Set(colours.values()).size).toBe(colours.size);
    const series = (sankeyOption(result).series as { data: { name: string; depth: number }[]; links: unknown[] }[])[0]!;
    expect(series.data.map((d) => [d.name, d.depth])).toEqual([
      ['-2:Product Viewed', 0],
      ['-2:Other', 0],
      ['-1:Cart Viewed', 1],
      ['-1:Product Viewed', 1],
      ['0:Order Completed', 2],
    ]);
    expect(series.links).toHaveLength(5);
  });
});

describe('saving paths', () => {
  it('offers a name that says where the paths go and how they are cut', () => {
    const choices = defaultPathsChoices(['Product Viewed', 'Order Completed'], '2026-12-02');
    expect(pathsInsightName(pathsSpecOf(choices))).toBe('Paths after Product Viewed (per visit)');
    expect(pathsInsightName(pathsSpecOf({ ...choices, direction: 'to', sessionized: false }))).toBe(
      'Paths before Order Completed (per person)',
    );
    expect(pathsInsightName(pathsSpecOf({ ...choices, direction: 'between', groupBy: '$path' }))).toBe(
      'Paths from Product Viewed to Order Completed (per visit, by $path)',
    );
  });
});
