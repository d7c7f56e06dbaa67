import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/csv.js';
import { analysis, experiment, report } from './demo-report.fixture.js';
import {
  describeMetric,
  describeVariants,
  exposureRate,
  formatAbsoluteLift,
  formatDate,
  formatPValue,
  formatSignedPercent,
  resultsTable,
  srmSummary,
  statusActionOf,
  withStatus,
} from './experiment-model.js';

describe('an experiment in words', () => {
  it('names its variants with their planned shares and its primary metric', () => {
    expect(describeVariants(experiment)).toBe('Secure checkout (control) 50% · Free returns message 50%');
    expect(describeMetric(experiment.metrics.primary)).toBe('Purchase: did Order Completed within 7 days');
    expect(describeMetric({ id: 'f', type: 'funnel', steps: ['A', 'B'] })).toBe('f: completed A → B within 7 days');
    expect(formatDate(experiment.start)).toBe('Nov 11, 2026');
    expect(formatDate(undefined)).toBe('–');
  });

  it.each([
    ['draft', 'running', 'Start experiment'],
    ['running', 'stopped', 'Stop experiment'],
    ['stopped', 'running', 'Resume experiment'],
  ] as const)('when %s offers to go %s (%s)', (status, next, label) => {
    expect(statusActionOf(status)).toMatchObject({ status: next, label });
  });

  it('saves the whole definition with the new status; resuming drops the old stop', () => {
    const stopped = { ...experiment, status: 'stopped' as const, stop: '2026-11-30T00:00:00.000Z' };
    expect(withStatus(experiment, 'stopped')).toEqual({ ...experiment, status: 'stopped' });
    const resumed = withStatus(stopped, 'running');
    expect(resumed.status).toBe('running');
    expect(resumed.start).toBe(experiment.start);
    expect('stop' in resumed).toBe(false);
    expect(stopped.stop).toBeDefined();
  });

  it.each([
    [0.0003, 'p < 0.001'],
    [0.4053, 'p = 0.405'],
    [1, 'p = 1.000'],
    [undefined, '–'],
  ])('p-value %j reads %j', (p, text) => {
    expect(formatPValue(p)).toBe(text);
  });

  it('signs lifts, and writes open interval ends as infinity', () => {
    expect(formatSignedPercent(0.123)).toBe('+12.3%');
    expect(formatSignedPercent(-0.0437)).toBe('−4.4%');
    expect(formatSignedPercent(0)).toBe('0.0%');
    expect(formatSignedPercent(null, -1)).toBe('−∞');
    expect(formatAbsoluteLift(0.0755, 'proportion')).toBe('+7.5 pts');
    expect(formatAbsoluteLift(-12.2, 'mean')).toBe('−12.20');
  });
});

describe('the sample-ratio check', () => {
  it('says the split fits the plan', () => {
    expect(srmSummary(analysis.srm)).toEqual({
      mismatch: false,
      headline: 'Sample ratio OK (p = 0.400)',
      detail:
        'Exposed: control 1,036 (expected 1,017, 50% planned), reassure 998 (expected 1,017, 50% planned). The split fits the plan (chi-square 0.710).',
    });
  });

  it('warns that nothing can be trusted on a mismatch', () => {
    const srm = srmSummary({ ...analysis.srm, users: [1000, 1200], pValue: 0.00002, mismatch: true });
    expect(srm.mismatch).toBe(true);
    expect(srm.headline).toBe('Sample-ratio mismatch (p < 0.001): do not trust these results');
    expect(srm.detail).toContain('control 1,000');
  });
});

describe('results per variant', () => {
  it('has a control row and a row per variant for each metric, with p-values when frequentist', () => {
    const table = resultsTable(analysis);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Metric',
      'Variant',
      'Persons',
      'Mean',
      'Lift',
      '95% interval',
      'Absolute lift',
      'p-value',
      'Adjusted p',
      'Verdict',
    ]);
    expect(table.rows).toHaveLength(4);
    expect(table.rows[1]).toEqual({
      metric: 'Purchase',
      variant: 'reassure',
      persons: 998,
      mean: '68.9%',
      lift: 0.123,
      interval: '+5.1% to +19.5%',
      absolute: '+7.5 pts',
      pValue: 0.0003,
      adjustedPValue: 0.0006,
      verdict: '▲ Better',
    });
    expect(table.rows[3]).toMatchObject({
      metric: 'Revenue (guardrail)',
      mean: '150.90',
      interval: '−8.4% to +∞',
      verdict: '● Inconclusive',
    });
    expect(toCsv(table).split('\r\n')[1]).toBe('Purchase,control,1036,61.4%,,,,,,◆ Control');
  });

  it('shows the chance to win and the risk when Bayesian', () => {
    const variant = {
      ...analysis.metrics[0]!.variants[0]!,
      chanceToWin: 0.9991,
      risk: { control: 0.07, variant: 0.0001 },
    };
    const bayesian = {
      ...analysis,
      method: 'bayesian' as const,
      metrics: [{ ...analysis.metrics[0]!, variants: [variant] }],
    };
    const table = resultsTable(bayesian);
    expect(table.columns.map((c) => c.key)).toContain('chanceToWin');
    expect(table.columns.map((c) => c.key)).not.toContain('pValue');
    expect(table.rows[1]).toMatchObject({ chanceToWin: 0.9991, risk: 0.0001 });
  });

  it('a variant without a lift says why', () => {
    const variant = { ...analysis.metrics[0]!.variants[0]!, relative: undefined, absolute: undefined };
    const warned = { ...variant, warning: 'the control mean is 0', verdict: 'inconclusive' as const };
    const table = resultsTable({ ...analysis, metrics: [{ ...analysis.metrics[0]!, variants: [warned] }] });
    expect(table.rows[1]).toMatchObject({ lift: null, interval: 'the control mean is 0' });
  });

  it('counts persons per day since the start', () => {
    expect(exposureRate(report.exposures, report.start, null, Date.parse(report.at))).toEqual({
      total: 2034,
      perDay: 2034 / 21,
    });
    expect(exposureRate(report.exposures, null, null, 0)).toEqual({ total: 2034, perDay: null });
  });
});
