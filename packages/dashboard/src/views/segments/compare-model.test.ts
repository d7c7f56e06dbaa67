import { describe, expect, it } from 'vitest';
import type { SegmentComparison, SegmentOverlap } from '../../api/segments.js';
import {
  compareHighlights,
  compareTable,
  differenceLabel,
  formatLift,
  overlapCells,
  overlapTable,
  significance,
} from './compare-model.js';

const overlap: SegmentOverlap = {
  persons: 1000,
  segments: [
    { id: 'repeat-buyers', size: 100 },
    { id: 'high-value', size: 50 },
    { id: 'empty', size: 0 },
  ],
  shared: [
    [100, 40, 0],
    [40, 50, 0],
    [0, 0, 0],
  ],
};

const comparison: SegmentComparison = {
  a: { id: 'repeat-buyers', size: 146 },
  b: { id: 'cart-abandoners', size: 290 },
  both: 12,
  range: { from: '2026-10-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  differences: [
    {
      kind: 'event',
      dimension: 'event',
      value: 'Order Completed',
      a: { persons: 87, share: 0.596 },
      b: { persons: 29, share: 0.1 },
      lift: 5.96,
      p: 0,
    },
    {
      kind: 'trait',
      dimension: 'plan',
      value: 'free',
      a: { persons: 135, share: 0.925 },
      b: { persons: 147, share: 0.507 },
      lift: 1.8245,
      p: 3.5123e-8,
    },
    {
      kind: 'channel',
      dimension: 'channel',
      value: 'Email',
      a: { persons: 3, share: 0.02 },
      b: { persons: 0, share: 0 },
      lift: null,
      p: 0.2,
    },
  ],
};

describe('segment overlap', () => {
  it('gives each cell its share of the row segment, and 0 for an empty segment', () => {
    const cells = overlapCells(overlap);
    expect(cells[0]![1]).toEqual({ shared: 40, ofRow: 0.4 });
    expect(cells[1]![0]).toEqual({ shared: 40, ofRow: 0.8 });
    expect(cells[1]![1]!.ofRow).toBe(1);
    expect(cells[2]![2]).toEqual({ shared: 0, ofRow: 0 });
  });

  it('is a table of the same numbers, with the segments named', () => {
    const names = new Map([['repeat-buyers', 'Repeat buyers']]);
    const table = overlapTable(overlap, names);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Segment',
      'Members',
      'Also in Repeat buyers',
      'Also in high-value',
      'Also in empty',
    ]);
    expect(table.rows[1]).toEqual({
      segment: 'high-value',
      members: 50,
      'in:repeat-buyers': 40,
      'in:high-value': 50,
      'in:empty': 0,
    });
  });
});

describe('segment comparison', () => {
  it.each([
    [{ kind: 'event', dimension: 'event', value: 'Email Opened' }, 'Did Email Opened'],
    [{ kind: 'trait', dimension: 'plan', value: 'free' }, 'plan is free'],
    [{ kind: 'channel', dimension: 'channel', value: 'Email' }, 'First came through Email'],
    [{ kind: 'device', dimension: 'device', value: 'mobile' }, 'First came on mobile'],
    [{ kind: 'country', dimension: 'country', value: 'Germany' }, 'First came from Germany'],
  ] as const)('says %j as %j', (d, text) => {
    expect(differenceLabel(d)).toBe(text);
  });

  it.each([
    [0, 'very strong (p < 0.001)'],
    [0.004, 'strong (p < 0.01)'],
    [0.03, 'significant (p < 0.05)'],
    [0.05, 'not significant'],
  ])('p = %s is %s', (p, text) => {
    expect(significance(p)).toBe(text);
  });

  it('reads lifts', () => {
    expect(formatLift(5.96)).toBe('×5.96');
    expect(formatLift(12.4)).toBe('×12');
    expect(formatLift(null)).toBe('only in the first');
  });

  it('tabulates shares, lift and p with the segments named', () => {
    const table = compareTable(comparison, 'Repeat buyers', 'Cart abandoners');
    expect(table.columns.map((c) => c.label)).toContain('% of Cart abandoners');
    expect(table.rows[1]).toEqual({
      difference: 'plan is free',
      kind: 'trait',
      a: 0.925,
      b: 0.507,
      lift: 1.82,
      p: 3.51e-8,
      significance: 'very strong (p < 0.001)',
    });
  });

  it('says when only the first segment has a value', () => {
    const only = { ...comparison, differences: [{ ...comparison.differences[2]!, p: 0.001 }] };
    expect(compareHighlights(only, 'Repeat buyers', 'Cart abandoners')).toEqual([
      'First came through Email: 2.0% of Repeat buyers against none of Cart abandoners.',
    ]);
  });

  it('says the significant differences in words, leaving the others out', () => {
    expect(compareHighlights(comparison, 'Repeat buyers', 'Cart abandoners')).toEqual([
      'Did Order Completed: 59.6% of Repeat buyers against 10.0% of Cart abandoners (×5.96).',
      'plan is free: 92.5% of Repeat buyers against 50.7% of Cart abandoners (×1.82).',
    ]);
  });
});
