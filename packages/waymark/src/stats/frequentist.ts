// The fixed-horizon test: Welch's t-test on an effect, with two- or one-sided p-values and confidence intervals
// (t quantiles with Welch-Satterthwaite degrees of freedom, as gbstats). Valid when read once, at the planned size. Pure.

import type { Effect } from './effect.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

/** What the test looks for: any difference, the variant above control, or below it. */
export type Alternative = 'two-sided' | 'greater' | 'less';

export interface TestOptions {
  /** Significance level; the interval covers 1 - alpha. Default 0.05. */
  alpha?: number;
  /** Default `two-sided`. One-sided intervals are open on one end (±Infinity). */
  alternative?: Alternative;
}

export interface TestResult {
  estimate: number;
  standardError: number;
  interval: [number, number];
  pValue: number;
}

/** Welch's t-test of `effect` against 0. */
export function welchTest(effect: Effect, options: TestOptions = {}): TestResult {
  const alpha = options.alpha ?? 0.05;
  const alternative = options.alternative ?? 'two-sided';
  const { estimate, standardError, dof } = effect;
  const t = estimate / standardError;
  const base = { estimate, standardError };
  if (alternative === 'two-sided') {
    const halfWidth = studentTQuantile(1 - alpha / 2, dof) * standardError;
    return {
      ...base,
      interval: [estimate - halfWidth, estimate + halfWidth],
      pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), dof)),
    };
  }
  const halfWidth = studentTQuantile(1 - alpha, dof) * standardError;
  return alternative === 'greater'
    ? { ...base, interval: [estimate - halfWidth, Infinity], pValue: studentTCdf(-t, dof) }
    : { ...base, interval: [-Infinity, estimate + halfWidth], pValue: studentTCdf(t, dof) };
}
