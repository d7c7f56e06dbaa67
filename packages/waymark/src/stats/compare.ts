// One variant against control on one metric, by the chosen method: both the absolute and the relative lift with their
// intervals, plus the p-value (frequentist, sequential) or chance to win and risk (Bayesian) of the headline scale.

import { effectPosterior, scalePrior, type NormalPrior } from './bayesian.js';
import { armEstimates, effectOf, type DifferenceType } from './effect.js';
import { welchTest, type Alternative } from './frequentist.js';
import { sequentialTest } from './sequential.js';
import type { ArmSummary } from './summaries.js';

export type Method = 'frequentist' | 'sequential' | 'bayesian';

export interface CompareOptions {
  /** Default `frequentist`. */
  method?: Method;
  /** Default 0.05. */
  alpha?: number;
  /** Frequentist and sequential only. Default `two-sided`. */
  alternative?: Alternative;
  /** The scale of the p-value, chance to win and risk. Default `relative`, as gbstats. */
  difference?: DifferenceType;
  /** Sequential tuning parameter (expected total persons). Default 5000. */
  sequentialTuning?: number;
  /** Bayesian prior on the effect, stated on the `scale` scale (default relative). Default: flat. */
  prior?: NormalPrior & { scale?: DifferenceType };
  /** Lower is better (e.g. refunds): a negative effect is a win. */
  inverse?: boolean;
}

export interface Lift {
  estimate: number;
  standardError: number;
  interval: [number, number];
}

export interface Comparison {
  controlN: number;
  controlMean: number;
  n: number;
  /** The variant's unadjusted mean. */
  mean: number;
  /** Whether CUPED adjusted the comparison. */
  cuped: boolean;
  absolute?: Lift;
  relative?: Lift;
  /** Frequentist and sequential, on the `difference` scale. */
  pValue?: number;
  /** Bayesian, on the `difference` scale. */
  chanceToWin?: number;
  risk?: { control: number; variant: number };
  /** Why no result could be computed (then lifts and p-value are absent). */
  warning?: string;
}

export function compareArms(control: ArmSummary, variant: ArmSummary, options: CompareOptions = {}): Comparison {
  const method = options.method ?? 'frequentist';
  const alpha = options.alpha ?? 0.05;
  const headline = options.difference ?? 'relative';
  const [a, b] = armEstimates(control, variant);
  const comparison: Comparison = {
    controlN: a.n,
    controlMean: a.unadjustedMean,
    n: b.n,
    mean: b.unadjustedMean,
    cuped: a.cuped !== undefined,
  };
  for (const difference of ['absolute', 'relative'] as const) {
    const effect = effectOf(a, b, difference);
    if (!effect.ok) {
      if (difference === headline) comparison.warning = effect.error;
      continue;
    }
    const e = effect.value;
    if (method === 'bayesian') {
      const { scale = 'relative', ...prior } = options.prior ?? { mean: 0, variance: 1, proper: false };
      const posterior = effectPosterior(e.estimate, e.standardError, {
        alpha,
        prior: scalePrior(prior, scale, difference, a.unadjustedMean),
        inverse: options.inverse ?? false,
      });
      comparison[difference] = {
        estimate: posterior.estimate,
        standardError: posterior.standardError,
        interval: posterior.interval,
      };
      if (difference === headline) {
        comparison.chanceToWin = posterior.chanceToWin;
        comparison.risk = posterior.risk;
      }
      continue;
    }
    const testOptions = { alpha, alternative: options.alternative ?? 'two-sided' } as const;
    const test =
      method === 'sequential'
        ? sequentialTest(e, { ...testOptions, tuning: options.sequentialTuning })
        : welchTest(e, testOptions);
    comparison[difference] = { estimate: test.estimate, standardError: test.standardError, interval: test.interval };
    if (difference === headline) comparison.pValue = test.pValue;
  }
  return comparison;
}
