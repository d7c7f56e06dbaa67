import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent } from './format.js';
import { biggestChanges, lastTwoWeeks, percentChange, trendOf, type KpiComparison } from './week-comparison.js';

describe('this week against last week', () => {
  it.each(['2026-11-23T19:50:05.162Z', '2026-11-23T00:00:00.000Z', '2026-11-23T23:59:59.999Z'])(
    'at %s compares the last 7 whole UTC days with the 7 before, back to back',
    (now) => {
      expect(lastTwoWeeks(Date.parse(now))).toEqual({
        current: { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
        previous: { from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' },
      });
    },
  );

  it.each([
    // current, previous, change, trend
    [110, 100, 10, 'up'],
    [90, 100, -10, 'down'],
    [100.2, 100, 0.2, 'flat'],
    [5, 0, null, 'new'],
    [0, 0, null, 'flat'],
    [null, 10, null, 'flat'],
    [-5, -10, 50, 'up'],
  ] as const)('%j against %j changes by %j (%s)', (current, previous, change, trend) => {
    const computed = percentChange(current, previous);
    if (change === null) expect(computed).toBeNull();
    else expect(computed).toBeCloseTo(change, 10);
    expect(trendOf({ current, previous })).toBe(trend);
  });

  it('says the biggest changes first, ratios in points, and leaves steady numbers out', () => {
    const kpis: KpiComparison[] = [
      { label: 'Visitors', current: 1020, previous: 1000, format: formatCount },
      { label: 'Revenue', current: 750, previous: 1000, format: formatCount },
      { label: 'Conversion', current: 0.06, previous: 0.05, format: (v) => formatPercent(v), ratio: true },
      { label: 'Identified customers', current: 400, previous: 399, format: formatCount },
    ];
    expect(biggestChanges(kpis)).toEqual([
      'Revenue fell 25.0% (750 against 1,000 last week).',
      'Conversion rose 1.0 points (6.0% against 5.0% last week).',
      'Visitors rose 2.0% (1,020 against 1,000 last week).',
    ]);
    expect(biggestChanges(kpis, 1)).toHaveLength(1);
  });
});
