// Per-arm summaries of a metric (what a warehouse query returns: counts, sums, sums of squares and cross-products)
// and the sample moments they imply. Variances follow gbstats: n - 1 for means, p(1 - p) for proportions. Pure.

/** Sums of a per-person value over the persons of an arm. */
export interface Sums {
  sum: number;
  sumSquares: number;
}

/** The same metric before exposure (CUPED): its sums and Σ post × pre over the persons of the arm. */
export interface PreExposure extends Sums {
  crossProducts: number;
}

/** A metric averaged over persons, e.g. revenue per person. */
export interface MeanSummary extends Sums {
  type: 'mean';
  n: number;
  pre?: PreExposure;
}

/** The share of persons who converted. `pre.sum` counts persons who converted before exposure and
 * `pre.crossProducts` those who converted both before and after. */
export interface ProportionSummary {
  type: 'proportion';
  n: number;
  conversions: number;
  pre?: PreExposure;
}

/** A ratio of two per-person sums, e.g. revenue per order: Σ numerator / Σ denominator over the arm's persons. */
export interface RatioSummary {
  type: 'ratio';
  n: number;
  numerator: Sums;
  denominator: Sums;
  /** Σ numerator × denominator over the persons. */
  crossProducts: number;
}

export type ArmSummary = MeanSummary | ProportionSummary | RatioSummary;

/** Sample mean and the variance of one person's value (not of the mean). */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

export function sampleMoments(n: number, sums: Sums, binary = false): Moments {
  if (n <= 0) return { n, mean: 0, variance: 0 };
  const mean = sums.sum / n;
  if (binary) return { n, mean, variance: mean * (1 - mean) };
  const variance = n <= 1 ? 0 : (sums.sumSquares - (sums.sum * sums.sum) / n) / (n - 1);
  return { n, mean, variance };
}

/** Covariance of two per-person values from their sums; with n for two 0/1 values (as gbstats), else n - 1. */
export function sampleCovariance(n: number, a: Sums, b: Sums, crossProducts: number, binary = false): number {
  if (n <= 1) return 0;
  if (binary) return crossProducts / n - (a.sum * b.sum) / (n * n);
  return (crossProducts - (a.sum * b.sum) / n) / (n - 1);
}

/**
 * Variance of M / D by the delta method, for means M and D with variances varM, varD and covariance covMD:
 * varM / D² + varD M² / D⁴ - 2 covMD M / D³. Zero when D is zero.
 */
export function ratioVariance(meanM: number, varM: number, meanD: number, varD: number, covMD: number): number {
  if (meanD === 0) return 0;
  return varM / meanD ** 2 + (varD * meanM ** 2) / meanD ** 4 - (2 * covMD * meanM) / meanD ** 3;
}

/** The post-exposure value of a mean or proportion summary as sums (a proportion's squares equal its sum). */
export function postSums(arm: MeanSummary | ProportionSummary): Sums {
  return arm.type === 'mean' ? arm : { sum: arm.conversions, sumSquares: arm.conversions };
}

/** Moments of the metric in one arm, without any adjustment. A ratio's variance is per person (delta method). */
export function armMoments(arm: ArmSummary): Moments {
  if (arm.type !== 'ratio') return sampleMoments(arm.n, postSums(arm), arm.type === 'proportion');
  const m = sampleMoments(arm.n, arm.numerator);
  const d = sampleMoments(arm.n, arm.denominator);
  const mean = arm.denominator.sum === 0 ? 0 : arm.numerator.sum / arm.denominator.sum;
  if (d.mean === 0 || arm.n <= 1) return { n: arm.n, mean, variance: 0 };
  const cov = sampleCovariance(arm.n, arm.numerator, arm.denominator, arm.crossProducts);
  return { n: arm.n, mean, variance: ratioVariance(m.mean, m.variance, d.mean, d.variance, cov) };
}
