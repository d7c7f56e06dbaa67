import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/csv.js';
import { analysis } from './demo-report.fixture.js';
import { formatAxisPercent, liftAxisRange, liftChartOption, liftRows, liftTable } from './lift-chart.js';

describe('the lift intervals', () => {
  const rows = liftRows(analysis);

  it('has one interval per metric and variant, with its verdict and evidence', () => {
    expect(rows).toEqual([
      {
        label: 'Purchase · reassure',
        metric: 'Purchase',
        variant: 'reassure',
        role: 'goal',
        estimate: 0.123,
        low: 0.051,
        high: 0.195,
        verdict: 'better',
        evidence: 'p < 0.001',
      },
      {
        label: 'Revenue · reassure (guardrail)',
        metric: 'Revenue',
        variant: 'reassure',
        role: 'guardrail',
        estimate: 0.038,
        low: -0.084,
        high: null,
        verdict: 'inconclusive',
        evidence: 'p = 0.540',
      },
    ]);
  });

  it('spans every interval end and 0', () => {
    const { min, max } = liftAxisRange(rows);
    expect(min).toBeLessThanOrEqual(-0.084);
    expect(max).toBeGreaterThanOrEqual(0.195);
    expect(liftAxisRange([{ ...rows[0]!, low: 0.05, high: 0.2 }]).min).toBeLessThanOrEqual(0);
  });

  it('draws the rows on a category axis and open ends to the axis edge', () => {
    const option = liftChartOption(rows) as { yAxis: { data: string[] }; series: { data: number[][] }[] };
    expect(option.yAxis.data).toEqual(['Purchase · reassure', 'Revenue · reassure (guardrail)']);
    const { max } = liftAxisRange(rows);
    expect(option.series[0]!.data[1]).toEqual([1, -0.084, max, 0.038]);
  });

  it('has a table and a CSV of the same numbers', () => {
    expect(toCsv(liftTable(rows)).split('\r\n').slice(0, 3)).toEqual([
      'Metric,Variant,Role,Relative lift,Interval from,Interval to,Evidence,Verdict',
      'Purchase,reassure,goal,0.123,0.051,0.195,p < 0.001,better',
      'Revenue,reassure,guardrail,0.038,-0.084,,p = 0.540,inconclusive',
    ]);
  });
});

describe('the lift axis', () => {
  it.each([
    [[-1.0425, 1.1259], -1.5, 1.5, 0.5],
    [[0.051, 0.195], -0.05, 0.25, 0.05],
    [[-0.084, 0.195], -0.2, 0.3, 0.1],
  ])('around %j runs from %j to %j by %j', ([low, high], min, max, step) => {
    const row = { ...liftRows(analysis)[0]!, low: low!, high: high!, estimate: (low! + high!) / 2 };
    expect(liftAxisRange([row])).toEqual({ min, max, step });
  });

  it.each([
    [0.2, '+20%'],
    [-0.05, '−5%'],
    [0.025, '+2.5%'],
    [0, '0%'],
  ])('tick %j reads %j', (ratio, text) => {
    expect(formatAxisPercent(ratio)).toBe(text);
  });
});
