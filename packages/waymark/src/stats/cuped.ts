// CUPED (regression adjustment, as gbstats does it): subtract θ × the pre-exposure mean from each arm's mean, with one
// θ pooled across both arms, so that variance explained by pre-exposure behaviour leaves the comparison. Pure.

import {
  postSums,
  sampleCovariance,
  sampleMoments,
  type MeanSummary,
  type Moments,
  type ProportionSummary,
  type Sums,
} from './summaries.js';

/** The pieces of an adjusted arm that the relative effect's delta method needs. */
export interface CupedParts {
  theta: number;
  postMean: number;
  postVariance: number;
  preMean: number;
  preVariance: number;
  /** Covariance of one person's post and pre values. */
  covariance: number;
}

type AdjustableArm = (MeanSummary | ProportionSummary) & { pre: NonNullable<MeanSummary['pre']> };

const isBinary = (arm: AdjustableArm): boolean => arm.type === 'proportion';
const preSums = (arm: AdjustableArm): Sums =>
  isBinary(arm) ? { sum: arm.pre.sum, sumSquares: arm.pre.sum } : { sum: arm.pre.sum, sumSquares: arm.pre.sumSquares };
const add = (a: Sums, b: Sums): Sums => ({ sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares });

/**
 * θ = Cov(post, pre) / Var(pre) over both arms taken as one sample. 0 when either pooled variance is 0 (then the
 * adjustment is a no-op, as in gbstats).
 */
export function pooledTheta(control: AdjustableArm, variant: AdjustableArm): number {
  const n = control.n + variant.n;
  const binary = isBinary(control) && isBinary(variant);
  const post = add(postSums(control), postSums(variant));
  const pre = add(preSums(control), preSums(variant));
  const postVariance = sampleMoments(n, post, binary).variance;
  const preVariance = sampleMoments(n, pre, binary).variance;
  if (preVariance === 0 || postVariance === 0) return 0;
  const covariance = sampleCovariance(n, post, pre, control.pre.crossProducts + variant.pre.crossProducts, binary);
  return covariance / preVariance;
}

/** One arm's moments after adjustment: mean - θ·preMean, variance Var(post) + θ²Var(pre) - 2θCov(post, pre). */
export function adjustedMoments(arm: AdjustableArm, theta: number): Moments & { cuped: CupedParts } {
  const binary = isBinary(arm);
  const post = sampleMoments(arm.n, postSums(arm), binary);
  const pre = sampleMoments(arm.n, preSums(arm), binary);
  const covariance = sampleCovariance(arm.n, postSums(arm), preSums(arm), arm.pre.crossProducts, binary);
  const variance = arm.n <= 1 ? 0 : post.variance + theta * theta * pre.variance - 2 * theta * covariance;
  return {
    n: arm.n,
    mean: post.mean - theta * pre.mean,
    variance,
    cuped: {
      theta,
      postMean: post.mean,
      postVariance: post.variance,
      preMean: pre.mean,
      preVariance: pre.variance,
      covariance,
    },
  };
}

export function hasPreExposure(arm: MeanSummary | ProportionSummary): arm is AdjustableArm {
  return arm.pre !== undefined;
}
