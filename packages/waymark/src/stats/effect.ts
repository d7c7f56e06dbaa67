// The effect of a variant against control as a point estimate and a standard error, for the absolute difference or
// the relative lift (delta method), with Welch-Satterthwaite degrees of freedom. Every test builds on this. Pure.

import { err, ok, type Result } from '../core/errors.js';
import { adjustedMoments, hasPreExposure, pooledTheta, type CupedParts } from './cuped.js';
import { armMoments, ratioVariance, type ArmSummary, type Moments } from './summaries.js';

export type DifferenceType = 'relative' | 'absolute';

/** One arm ready for comparison: its (possibly CUPED-adjusted) moments and its unadjusted mean. */
export interface ArmEstimate extends Moments {
  unadjustedMean: number;
  cuped?: CupedParts;
}

export interface Effect {
  difference: DifferenceType;
  /** Variant minus control; relative: divided by the control's unadjusted mean. */
  estimate: number;
  standardError: number;
  /** Welch-Satterthwaite degrees of freedom. */
  dof: number;
  /** Persons in both arms (the sequential test's n). */
  n: number;
}

/**
 * Both arms' estimates. When both carry pre-exposure sums (means and proportions), they are CUPED-adjusted with one
 * pooled θ; a θ of 0 (no pre-exposure variance) falls back to the plain moments.
 */
export function armEstimates(control: ArmSummary, variant: ArmSummary): [ArmEstimate, ArmEstimate] {
  if (control.type !== 'ratio' && variant.type !== 'ratio' && hasPreExposure(control) && hasPreExposure(variant)) {
    const theta = pooledTheta(control, variant);
    if (theta !== 0) {
      const a = adjustedMoments(control, theta);
      const b = adjustedMoments(variant, theta);
      return [
        { ...a, unadjustedMean: a.cuped.postMean },
        { ...b, unadjustedMean: b.cuped.postMean },
      ];
    }
  }
  const a = armMoments(control);
  const b = armMoments(variant);
  return [
    { ...a, unadjustedMean: a.mean },
    { ...b, unadjustedMean: b.mean },
  ];
}

/**
 * Variance of the relative lift under CUPED. As gbstats, the gradient is taken with the variant's unadjusted mean in
 * place of (adjusted variant mean + θ·control pre mean), i.e. assuming the arms' pre-exposure means are equal.
 */
function cupedRelativeVariance(a: ArmEstimate & { cuped: CupedParts }, b: ArmEstimate): number {
  const controlMean = a.cuped.postMean;
  const scale = controlMean * controlMean;
  if (a.n === 0 || b.n === 0 || scale === 0) return 0;
  const { theta, postVariance, preVariance, covariance } = a.cuped;
  const ratio = b.unadjustedMean / controlMean;
  const controlPart = postVariance * ratio * ratio - 2 * theta * covariance * ratio + theta * theta * preVariance;
  return b.variance / (b.n * scale) + controlPart / (a.n * scale);
}

function welchDof(a: Moments, b: Moments): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / (vb ** 2 / (b.n - 1) + va ** 2 / (a.n - 1));
}

/**
 * The variant's effect against control. Fails (as a value) when an arm has no variance, or when a relative lift is
 * asked of a control whose mean is 0.
 */
export function effectOf(a: ArmEstimate, b: ArmEstimate, difference: DifferenceType): Result<Effect, string> {
  if (a.n <= 1 || b.n <= 1 || a.variance <= 0 || b.variance <= 0) {
    return err('an arm has no variance yet (too few persons, or every person has the same value)');
  }
  if (difference === 'relative' && (a.mean === 0 || a.unadjustedMean === 0)) {
    return err('the control mean is 0, so a relative lift is undefined');
  }
  const relative = difference === 'relative';
  const estimate = relative ? (b.mean - a.mean) / a.unadjustedMean : b.mean - a.mean;
  let variance: number;
  if (relative && a.cuped && b.cuped) variance = cupedRelativeVariance({ ...a, cuped: a.cuped }, b);
  else if (relative)
    variance = ratioVariance(b.unadjustedMean, b.variance / b.n, a.unadjustedMean, a.variance / a.n, 0);
  else variance = a.variance / a.n + b.variance / b.n;
  return ok({ difference, estimate, standardError: Math.sqrt(variance), dof: welchDof(a, b), n: a.n + b.n });
}
