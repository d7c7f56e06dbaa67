// Agreement with GrowthBook's gbstats (Python), from the expected values in gbstats' own tests. Inputs and outputs are
// copied as numbers; each case names the gbstats test it comes from. Files are under packages/stats/tests/ in
// growthbook/growthbook: frequentist/test_tests.py, bayesian/test_tests.py and test_gbstats.py. Outputs agree to
// 5 decimals unless said otherwise (the requirement is 4).

import { describe, expect, it } from 'vitest';
import { effectPosterior } from './bayesian.js';
import { armEstimates, effectOf, type DifferenceType } from './effect.js';
import { welchTest } from './frequentist.js';
import { sequentialTest } from './sequential.js';
import type { ArmSummary, MeanSummary, PreExposure, ProportionSummary, RatioSummary } from './summaries.js';

const mean = (n: number, sum: number, sumSquares: number, pre?: PreExposure): MeanSummary =>
  pre ? { type: 'mean', n, sum, sumSquares, pre } : { type: 'mean', n, sum, sumSquares };
const proportion = (n: number, conversions: number, pre?: PreExposure): ProportionSummary =>
  pre ? { type: 'proportion', n, conversions, pre } : { type: 'proportion', n, conversions };

function effect(control: ArmSummary, variant: ArmSummary, difference: DifferenceType = 'relative') {
  const [a, b] = armEstimates(control, variant);
  const result = effectOf(a, b, difference);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function expectClose(actual: number[], expected: number[], digits = 5): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x, `value ${i}`).toBeCloseTo(expected[i]!, digits));
}

// gbstats TestTwoSidedTTest.setUp (n = 3407) and the sequential and one-sided classes' setUp (n = 3000).
const A3407 = mean(3407, 1396.87, 52377.9767);
const A3000 = mean(3000, 1396.87, 52377.9767);
const B3461 = mean(3461, 2422.7, 134698.29);

describe('Welch t-test (gbstats frequentist/test_tests.py)', () => {
  it.each([
    // [case, control, variant, difference, estimate, ci, stddev, p]
    ['test_two_sided_ttest', A3407, B3461, 'relative', 0.70732, [-0.03526, 1.44989], 0.37879, 0.06191],
    ['test_two_sided_ttest_absolute', A3407, B3461, 'absolute', 0.29, [0.04538, 0.53462], 0.12478, 0.02016],
    [
      'test_two_sided_ttest_binom',
      proportion(28, 14),
      proportion(30, 16),
      'relative',
      0.06667,
      [-0.47767, 0.61101],
      0.2717,
      0.80707,
    ],
  ] as const)('%s', (_, a, b, difference, estimate, ci, sd, p) => {
    const r = welchTest(effect(a, b, difference));
    expectClose([r.estimate, ...r.interval, r.standardError, r.pValue], [estimate, ...ci, sd, p]);
  });

  it.each([
    // TestOneSidedGreaterTTest / TestOneSidedLesserTTest: test_one_sided_ttest and test_one_sided_ttest_absolute
    ['greater', 'relative', -0.045136675850396046, 0.06558262868467746],
    ['greater', 'absolute', 0.020791480063255735, 0.03554272489873023],
    ['less', 'relative', 1.0518588475628676, 0.9344173713153225],
    ['less', 'absolute', 0.44796185327007765, 0.9644572751012698],
  ] as const)('one-sided %s, %s', (alternative, difference, bound, p) => {
    const r = welchTest(effect(A3000, B3461, difference), { alternative });
    expect(r.interval[alternative === 'greater' ? 0 : 1]).toBeCloseTo(bound, 5);
    expect(r.interval[alternative === 'greater' ? 1 : 0]).toBe(alternative === 'greater' ? Infinity : -Infinity);
    expect(r.pValue).toBeCloseTo(p, 5);
    expect(r.standardError).toBeCloseTo(difference === 'relative' ? 0.3334122146400735 : 0.12983081254184736, 8);
  });

  it('ratio metric: test_gbstats.py test_get_metric_df_frequentist_ratio (RATIO_STATISTICS_DF)', () => {
    const control: RatioSummary = {
      type: 'ratio',
      n: 100,
      numerator: { sum: 270, sumSquares: 848.79 },
      denominator: { sum: 510, sumSquares: 810 },
      crossProducts: -900,
    };
    const variant: RatioSummary = {
      type: 'ratio',
      n: 120,
      numerator: { sum: 300, sumSquares: 869 },
      denominator: { sum: 500, sumSquares: 800 },
      crossProducts: -905,
    };
    const r = welchTest(effect(control, variant));
    expect(r.estimate).toBeCloseTo(0.133333333, 8);
    expect(r.pValue).toBeCloseTo(0.610663339, 8);
  });

  it('mean metric: test_gbstats.py test_get_metric_df_frequentist (MULTI_DIMENSION_STATISTICS_DF, dimension one)', () => {
    const r = welchTest(effect(mean(100, 270, 848.79), mean(120, 300, 869)));
    expect(r.estimate).toBeCloseTo(-0.074074074, 8);
    expect(r.pValue).toBeCloseTo(0.145219005, 8);
  });
});

// The current test_gbstats.py (the version using get_metric_dfs); older versions expected slightly different values
// (p 0.003736297, -0.316211568) from before gbstats' dedicated CUPED relative variance and 0/1 covariance.
describe('CUPED (gbstats test_gbstats.py TestAnalyzeMetricDfRegressionAdjustment, RA_STATISTICS_DF)', () => {
  it('test_analyze_metric_df_ra: means', () => {
    const control = mean(3001, 300, 600, { sum: 210, sumSquares: 415, crossProducts: -20 });
    const variant = mean(3000, 222, 555, { sum: 120, sumSquares: 405, crossProducts: -10 });
    const r = welchTest(effect(control, variant));
    expect(r.estimate).toBeCloseTo(-0.281707154, 8);
    expect(r.pValue).toBeCloseTo(0.003732549, 8);
  });

  it('test_analyze_metric_df_ra_proportion: proportions', () => {
    const control = proportion(3001, 300, { sum: 210, sumSquares: 210, crossProducts: -20 });
    const variant = proportion(3000, 222, { sum: 120, sumSquares: 120, crossProducts: -10 });
    const r = welchTest(effect(control, variant));
    expect(r.estimate).toBeCloseTo(-0.31620216, 8);
    expect(r.pValue).toBeCloseTo(0.000000353, 9);
  });
});

describe('sequential confidence sequences (gbstats frequentist/test_tests.py TestSequentialTTest)', () => {
  it('test_sequential_test_runs (tuning 1000)', () => {
    const r = sequentialTest(effect(A3000, B3461), { tuning: 1000 });
    expectClose([r.estimate, ...r.interval, r.standardError, r.pValue], [0.50336, -0.55844, 1.56516, 0.33341, 1]);
  });

  it('test_sequential_test_runs_prop (default tuning 5000)', () => {
    const r = sequentialTest(effect(proportion(3000, 1396), proportion(3461, 2422)));
    expectClose([r.estimate, ...r.interval, r.standardError, r.pValue], [0.50386, 0.40098, 0.60675, 0.03386, 0]);
  });

  it('test_sequential_test_runs_ra (CUPED)', () => {
    const a = mean(3000, 1396.87, 52377.9767, { sum: 16.87, sumSquares: 527.9767, crossProducts: 1 });
    const b = mean(3461, 2422.7, 134698.29, { sum: 22.7, sumSquares: 1348.29, crossProducts: 1 });
    const r = sequentialTest(effect(a, b));
    expectClose([r.estimate, ...r.interval, r.standardError, r.pValue], [0.50338, -0.50969, 1.51646, 0.33341, 1]);
  });

  it('test_sequential_test_tuning_as_expected: a tuning near n gives the narrowest interval', () => {
    const width = (tuning: number): number => {
      const [lo, hi] = sequentialTest(effect(A3000, B3461), { tuning }).interval;
      return hi - lo;
    };
    expect(width(10)).toBeGreaterThan(width(10000));
    expect(width(10000)).toBeGreaterThan(width(6461));
  });

  it.each([
    // TestSequentialOneSidedGreaterTTest / TestSequentialOneSidedLesserTTest
    ['greater', 'relative', -0.42356454602790883, 0.4999],
    ['greater', 'absolute', -0.12656844172804982, 0.46316491943359384],
    ['less', 'relative', 1.4302867177403806, 0.4999],
    ['less', 'absolute', 0.5953217750613832, 0.4999],
  ] as const)('one-sided %s, %s', (alternative, difference, bound, p) => {
    const r = sequentialTest(effect(A3000, B3461, difference), { alternative });
    expect(r.interval[alternative === 'greater' ? 0 : 1]).toBeCloseTo(bound, 5);
    expect(r.pValue).toBeCloseTo(p, 5);
  });

  it('test_gbstats.py test_analyze_metric_df_sequential (tuning 600)', () => {
    const r = sequentialTest(effect(mean(100, 270, 848.79), mean(120, 300, 869)), { tuning: 600 });
    expect(r.pValue).toBeCloseTo(0.892332229, 8);
    expect(r.interval[0]).toBeCloseTo(-0.233322085, 8);
  });
});

describe('Bayesian effect test (gbstats bayesian/test_tests.py, EffectBayesianABTest)', () => {
  const posterior = (a: ArmSummary, b: ArmSummary, options = {}) => {
    const e = effect(a, b);
    return effectPosterior(e.estimate, e.standardError, options);
  };
  const flatten = (r: ReturnType<typeof posterior>): number[] => [
    r.estimate,
    ...r.interval,
    r.standardError,
    r.chanceToWin,
    r.risk.control,
    r.risk.variant,
  ];

  it('TestBinom.test_bayesian_binomial_ab_test', () => {
    expectClose(
      flatten(posterior(proportion(100, 49), proportion(100, 51))),
      [0.04082, -0.24779, 0.32943, 0.14725, 0.60918, 0.0814, 0.04058],
    );
  });
  it('TestNorm.test_bayesian_gaussian_ab_test', () => {
    expectClose(
      flatten(posterior(mean(10, 100, 1002.25), mean(10, 105, 1111.5))),
      [0.05, -0.02, 0.12, 0.03572, 0.91923, 0.05131, 0.00131],
    );
  });
  it('TestNorm.test_bayesian_gaussian_ab_test_informative (prior mean 0.1, variance 0.1)', () => {
    const prior = { mean: 0.1, variance: 0.1, proper: true };
    expectClose(
      flatten(posterior(mean(10, 100, 1002.25), mean(10, 105, 1111.5), { prior })),
      [0.05063, -0.01893, 0.12019, 0.03549, 0.92315, 0.05186, 0.00123],
    );
  });
  it('test_gbstats.py test_get_metric_df_new and _inverse (risk[1] is the variant risk)', () => {
    const r = posterior(mean(100, 270, 848.79), mean(120, 300, 869));
    expect(r.chanceToWin).toBeCloseTo(0.071834168, 8);
    expect(r.risk.variant).toBeCloseTo(0.075691131, 8);
    const inverse = posterior(mean(100, 270, 848.79), mean(120, 300, 869), { inverse: true });
    expect(inverse.chanceToWin).toBeCloseTo(1 - 0.071834168, 8);
    expect(inverse.risk.variant).toBeCloseTo(0.001617057, 8);
  });
  it('test_gbstats.py test_get_metric_df_bayesian_ratio', () => {
    const control: RatioSummary = {
      type: 'ratio',
      n: 100,
      numerator: { sum: 270, sumSquares: 848.79 },
      denominator: { sum: 510, sumSquares: 810 },
      crossProducts: -900,
    };
    const variant: RatioSummary = {
      type: 'ratio',
      n: 120,
      numerator: { sum: 300, sumSquares: 869 },
      denominator: { sum: 500, sumSquares: 800 },
      crossProducts: -905,
    };
    const r = posterior(control, variant);
    expect(r.estimate).toBeCloseTo(0.133333333, 8);
    expect(r.chanceToWin).toBeCloseTo(0.694926359, 8);
    expect(r.risk.variant).toBeCloseTo(0.050934045, 8);
  });
});
