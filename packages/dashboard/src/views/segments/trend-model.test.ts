import { describe, expect, it } from 'vitest';
import type { SegmentTrend } from '../../api/segments.js';
import { sparklinePoints, trendLabel, weekChangeLines, weekChangeText, weekDirection } from './trend-model.js';

const trend = (sizes: number[], entered: number, exited: number): SegmentTrend => ({
  daily: sizes.map((size, i) => ({ day: `2026-11-${String(10 + i).padStart(2, '0')}`, size })),
  lastWeek: { entered, exited, change: entered - exited },
});

const parse = (points: string) => points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

describe('segment trend', () => {
  it('draws the highest day at the top edge and the lowest at the bottom, left to right', () => {
    const points = parse(sparklinePoints([4, 10, 7, 4], 100, 20));
    expect(points.map(([x]) => x)).toEqual([2, 34, 66, 98]);
    expect(points.map(([, y]) => y)).toEqual([18, 2, 10, 18]);
  });

  it('draws a flat trend in the middle, and one day as a point in the middle', () => {
    expect(parse(sparklinePoints([5, 5, 5], 60, 20)).map(([, y]) => y)).toEqual([10, 10, 10]);
    expect(sparklinePoints([3], 60, 20)).toBe('30,10');
    expect(sparklinePoints([], 60, 20)).toBe('');
  });

  it("says last week's moves in words, with a direction", () => {
    expect(weekChangeText(trend([1, 2], 15, 3))).toBe('+12 this week (15 in, 3 out)');
    expect(weekChangeText(trend([1, 2], 1, 4))).toBe('−3 this week (1 in, 4 out)');
    expect(weekChangeText(trend([1, 2], 2, 2))).toBe('±0 this week (2 in, 2 out)');
    expect(weekChangeText(trend([1, 2], 0, 0))).toBe('No change this week');
    expect(weekChangeLines(trend([1, 2], 15, 3))).toEqual({ headline: '+12 this week', detail: '15 in, 3 out' });
    expect(weekChangeLines(trend([1, 2], 0, 0))).toEqual({ headline: 'No change this week', detail: null });
    expect([trend([], 3, 1), trend([], 1, 3), trend([], 2, 2)].map(weekDirection)).toEqual(['up', 'down', 'flat']);
  });

  it('labels the sparkline with where it starts and ends', () => {
    expect(trendLabel(trend([4, 9, 12], 0, 0))).toBe('Recorded members from 4 on 2026-11-10 to 12 on 2026-11-12');
    expect(trendLabel(trend([], 0, 0))).toBe('No recorded members yet');
  });
});
