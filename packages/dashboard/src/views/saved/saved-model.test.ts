import { describe, expect, it } from 'vitest';
import type { Dashboard, DashboardItem, Insight } from '../../api/insights.js';
import { displayCell } from '../../lib/table.js';
import {
  analysisLabel,
  columnLabel,
  dashboardDraft,
  dashboardsShowing,
  move,
  pin,
  pinnable,
  rangeSummary,
  listExportTable,
  resultRowsTable,
  specSummary,
  unpin,
  widen,
} from './saved-model.js';

const insight = (id: string, name = id): Insight => ({
  id,
  name,
  analysis: 'funnel',
  spec: {},
  updatedAt: '2026-11-20T10:00:00.000Z',
});
const items = (...ids: string[]): DashboardItem[] => ids.map((insight) => ({ insight, width: 'half' }));

describe('what a saved insight asks', () => {
  it.each([
    [
      'funnel',
      { steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }] },
      'Product Viewed → Order Completed',
    ],
    ['trends', { series: [{ event: 'Signed Up' }, { measure: 'count' }] }, 'Signed Up'],
    ['trends', { series: [{ measure: 'count' }] }, 'All events'],
    ['retention', { start: { event: 'Signed Up' } }, 'Signed Up → back with the same'],
    ['retention', { start: { event: 'Signed Up' }, return: {} }, 'Signed Up → back with any event'],
    ['paths', { start: { event: '$page' }, end: { event: 'Order Completed' } }, 'From $page to Order Completed'],
    ['touchpoints', { conversion: { event: 'Order Completed' } }, 'Touchpoints before Order Completed'],
    ['stages', {}, 'By stage'],
    ['stages', { breakdown: ['$utm_source'], breakdownLimit: 6 }, 'Touchpoints by utm source'],
    ['funnel', 'not a spec', ''],
  ])('%s %j reads %j', (analysis, spec, words) => {
    expect(specSummary(analysis, spec)).toBe(words);
  });

  it('names the range', () => {
    expect(rangeSummary({ range: { last: { value: 30, unit: 'day' } } })).toBe('Last 30 days');
    expect(rangeSummary({ range: { last: { value: 1, unit: 'week' } } })).toBe('Last 1 week');
    expect(rangeSummary({ range: { from: '2026-10-01T00:00:00Z', to: '2026-10-31' } })).toBe('2026-10-01 – 2026-10-31');
    expect(rangeSummary({})).toBe('Default range');
  });

  it('labels analyses and columns in words', () => {
    expect(analysisLabel('funnel')).toBe('Funnel');
    expect(analysisLabel('segment-compare')).toBe('Segment comparison');
    expect(analysisLabel('new-thing')).toBe('new-thing');
    expect(columnLabel('conversionFromStart')).toBe('Conversion from start');
    expect(columnLabel('first_touch')).toBe('First touch');
  });
});

describe('the rows of a result without a chart', () => {
  it('tables the first list of records, counting nested lists and keeping numbers raw for the CSV', () => {
    const table = resultRowsTable({
      range: { from: 'a', to: 'b' },
      cohorts: [
        { period: '2026-11-02', size: 1200, values: [{}, {}, {}], rate: 0.25, complete: true },
        { period: '2026-11-09', size: 80, values: [{}], rate: null, complete: false },
      ],
    });
    expect(table.rowsOf).toBe('cohorts');
    expect(table.columns.map((c) => c.label)).toEqual(['Period', 'Size', 'Values (count)', 'Rate', 'Complete']);
    expect(table.rows[0]).toEqual({ period: '2026-11-02', size: 1200, values: 3, rate: 0.25, complete: 'yes' });
    const size = table.columns[1]!;
    expect(size.numeric).toBe(true);
    expect(displayCell(size, 1200)).toBe('1,200');
    expect(displayCell(table.columns[3]!, null)).toBe('–');
    expect(table.columns[0]!.numeric).toBeUndefined();
  });

  it.each([
    ['paths', { nodes: [{ id: '0:Home' }], links: [{ source: '0:Home' }] }, 'nodes'],
    ['drop-off', { step: 1, nextEvents: [{ event: 'Search' }] }, 'next-events'],
    ['touchpoints', { paths: [{ path: 'email > direct' }] }, 'paths'],
    ['trends', { series: [{ series: 0, buckets: [] }] }, undefined],
    ['segment-overlap', { segments: [{ id: 'vip', size: 3 }] }, undefined],
    ['paths', { persons: 3 }, undefined],
  ])('names the export table that holds the rows of a %s result shown', (analysis, result, table) => {
    expect(listExportTable(analysis, resultRowsTable(result).rowsOf)).toBe(table);
  });

  it('shows a result without a list as one row of its plain values', () => {
    const table = resultRowsTable({ persons: 12, share: 0.5, nested: { x: 1 } });
    expect(table.rowsOf).toBeNull();
    expect(table.rows).toEqual([{ persons: 12, share: 0.5 }]);
  });

  it('skips lists of plain values when looking for rows', () => {
    const table = resultRowsTable({ events: ['a', 'b'], series: [{ name: 'Orders', total: 3 }] });
    expect(table.rowsOf).toBe('series');
    expect(table.rows).toEqual([{ name: 'Orders', total: 3 }]);
  });
});

describe('pinning insights to a dashboard', () => {
  it('pins once, at the end', () => {
    expect(pin(items('a'), 'b', 'full')).toEqual([...items('a'), { insight: 'b', width: 'full' }]);
    expect(pin(items('a', 'b'), 'a')).toEqual(items('a', 'b'));
  });

  it('unpins, moves within bounds and widens', () => {
    expect(unpin(items('a', 'b', 'c'), 'b')).toEqual(items('a', 'c'));
    expect(move(items('a', 'b', 'c'), 2, -1)).toEqual(items('a', 'c', 'b'));
    expect(move(items('a', 'b', 'c'), 0, -1)).toEqual(items('a', 'b', 'c'));
    expect(move(items('a', 'b', 'c'), 2, 1)).toEqual(items('a', 'b', 'c'));
    expect(widen(items('a', 'b'), 'b', 'full')).toEqual([items('a')[0], { insight: 'b', width: 'full' }]);
  });

  it('offers the insights not pinned yet, by name, and finds the dashboards showing one', () => {
    const all = [insight('z', 'Zebra'), insight('a', 'apple'), insight('m', 'Mango')];
    expect(pinnable(all, items('m')).map((i) => i.name)).toEqual(['apple', 'Zebra']);
    const dashboards: Dashboard[] = [
      { id: 'w', name: 'Weekly', items: items('a'), updatedAt: '' },
      { id: 'b', name: 'Board', items: items('a', 'm'), updatedAt: '' },
      { id: 'e', name: 'Empty', items: [], updatedAt: '' },
    ];
    expect(dashboardsShowing(dashboards, 'a').map((d) => d.id)).toEqual(['b', 'w']);
  });

  it('stores a dashboard with new items and its own name and description', () => {
    const d: Dashboard = { id: 'w', name: 'Weekly', description: 'Mondays', items: [], updatedAt: 'x', createdBy: 'm' };
    expect(dashboardDraft(d, items('a'))).toEqual({ name: 'Weekly', description: 'Mondays', items: items('a') });
  });
});
