import { describe, expect, it } from 'vitest';
import type { FunnelResult, TrendsResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import { lastTwoWeeks } from '../../lib/week-comparison.js';
import { overviewDailyTable, overviewKpis, overviewSummaryTable, overviewTrendsSpec } from './overview-model.js';

const day = (d: number) => `2026-11-${String(16 + d).padStart(2, '0')}T00:00:00.000Z`;
const buckets = (values: number[], previous: number[]) =>
  values.map((value, i) => ({ period: day(i), value, previous: previous[i] ?? 0 }));

const trends: TrendsResult = {
  range: { from: day(0), to: day(7) },
  series: [
    { series: 0, name: 'Visitors', buckets: buckets([10, 12], [8, 9]), total: 20, previousTotal: 16 },
    { series: 1, name: 'Identified customers', buckets: buckets([3, 4], [3, 3]), total: 7, previousTotal: 6 },
    { series: 2, name: 'Revenue', buckets: buckets([100, 50.5], [80, 0]), total: 150.5, previousTotal: 80 },
  ],
};

const funnel = (entered: number, purchased: number): FunnelResult => ({
  range: { from: day(0), to: day(7) },
  steps: [entered, purchased].map((count, index) => ({
    index,
    name: `s${index}`,
    event: `s${index}`,
    count,
    conversionFromStart: count / entered,
    conversionFromPrevious: count / entered,
    dropOff: 0,
    dropped: 0,
    inProgress: 0,
    medianMsFromPrevious: null,
  })),
});

const kpis = overviewKpis({
  trends,
  funnel: funnel(200, 10),
  previousFunnel: funnel(100, 4),
  conversionTrend: {
    points: [0.01, 0.02, 0.03, 0.04].map((conversion, i) => ({
      period: day(i),
      entered: 1,
      converted: 0,
      inProgress: 0,
      conversion,
    })),
  },
});

describe('overview', () => {
  it('asks for the three trend numbers over the last whole week, with last week beside', () => {
    const weeks = lastTwoWeeks(Date.parse('2026-11-23T10:00:00Z'));
    expect(overviewTrendsSpec(weeks.current)).toMatchObject({ interval: 'day', compare: true, range: weeks.current });
  });

  it('reads this week and last week of every number', () => {
    expect(kpis.map((k) => [k.label, k.current, k.previous])).toEqual([
      ['Visitors', 20, 16],
      ['Identified customers', 7, 6],
      ['Revenue', 150.5, 80],
      ['Conversion', 0.05, 0.04],
    ]);
    expect(kpis[3]).toMatchObject({ daily: [0.03, 0.04], previousDaily: [0.01, 0.02] });
  });

  it('has a table and a CSV of the same numbers', () => {
    expect(toCsv(overviewSummaryTable(kpis))).toBe(
      'Metric,This week,Last week,Change %\r\nVisitors,20,16,25\r\nIdentified customers,7,6,16.7\r\nRevenue,150.5,80,88.1\r\nConversion,0.05,0.04,25\r\n',
    );
    const daily = overviewDailyTable(kpis);
    expect(daily.rows[1]).toMatchObject({
      day: '2026-11-17',
      visitors: 12,
      visitorsPrevious: 9,
      revenue: 50.5,
      conversion: 0.04,
    });
  });
});
