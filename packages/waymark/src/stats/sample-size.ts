// Planning an experiment: power, minimum detectable effect, and the persons and days needed, the way GrowthBook's power
// calculator does it (two-sided z-test on the relative lift, delta-method variance, traffic split evenly over all arms,
// optionally with the sequential test's wider interval). Pure.

import { normalCdf, normalQuantile } from './normal.js';
import { mixingRho } from './sequential.js';

export interface PowerInput {
  /** Control mean (a conversion rate for proportions). */
  mean: number;
  /** Per-person variance of the metric (rate × (1 - rate) for a proportion). */
  variance: number;
  /** Relative effect to detect, e.g. 0.1 for +10%. */
  effect: number;
  /** Persons across all arms. */
  persons: number;
  /** Arms including control. Default 2. */
  arms?: number;
  alpha?: number;
  /** Plan for the sequential test with this tuning parameter (omit for the fixed-horizon test). */
  sequentialTuning?: number;
}

/** The variance a sequential test behaves as if it had: the fixed-horizon variance scaled by (z_seq / z)². */
function sequentialVariance(variance: number, n: number, alpha: number, tuning: number): number {
  const rho = mixingRho(alpha, tuning);
  const nr2 = n * rho * rho + 1;
  const zSequential = Math.sqrt(n) * Math.sqrt((2 * nr2 * Math.log(Math.sqrt(nr2) / alpha)) / (n * rho) ** 2);
  return variance * (zSequential / normalQuantile(1 - alpha / 2)) ** 2;
}

/** Standard error of the relative lift when the variant's mean is mean × (1 + effect) with the same variance. */
function liftStandardError(input: PowerInput, perArm: number, variance: number): number {
  const treated = input.mean * (1 + input.effect);
  return Math.sqrt(variance / (input.mean ** 2 * perArm) + (variance * treated ** 2) / (input.mean ** 4 * perArm));
}

/** The chance that a two-sided test at `alpha` detects `effect` with `persons` in the experiment. */
export function power(input: PowerInput): number {
  const alpha = input.alpha ?? 0.05;
  const perArm = input.persons / (input.arms ?? 2);
  const variance =
    input.sequentialTuning === undefined
      ? input.variance
      : sequentialVariance(input.variance, perArm, alpha, input.sequentialTuning);
  const z = normalQuantile(1 - alpha / 2);
  const standardized = input.effect / liftStandardError(input, perArm, variance);
  return 1 - normalCdf(z - standardized) + normalCdf(-z - standardized);
}

/**
 * The smallest relative effect detected with probability `targetPower` (undefined when no effect can be: too few
 * persons). Solves (m' - m)² = z² Var(lift) for the treated mean m'.
 */
export function minimumDetectableEffect(
  input: Omit<PowerInput, 'effect'> & { targetPower: number },
): number | undefined {
  const alpha = input.alpha ?? 0.05;
  const perArm = input.persons / (input.arms ?? 2);
  const z = normalQuantile(1 - alpha / 2) - normalQuantile(1 - input.targetPower);
  const variance =
    input.sequentialTuning === undefined
      ? input.variance
      : sequentialVariance(input.variance, perArm, alpha, input.sequentialTuning);
  if (perArm <= (variance * z * z) / (2 * input.mean ** 2)) return undefined;
  const sigma2 = variance / perArm;
  const a = 1 - (z * z * sigma2) / input.mean ** 2;
  const b = -2 * input.mean;
  const c = input.mean ** 2 - z * z * sigma2;
  const treated = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return (treated - input.mean) / input.mean;
}

export interface SampleSizeInput {
  /** Baseline conversion rate, or the control mean when `sd` is given. */
  baseline: number;
  /** Standard deviation per person, for a mean metric; omit for a conversion rate. */
  sd?: number;
  /** Minimum detectable effect, relative (0.1 = +10%). */
  mde: number;
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Arms including control. Default 2. */
  arms?: number;
  /** Persons entering the experiment per day, across all arms. */
  dailyPersons?: number;
  sequentialTuning?: number;
}

export interface SampleSize {
  perArm: number;
  total: number;
  /** Days to reach `total` at `dailyPersons`; undefined without a daily rate. */
  days: number | undefined;
}

/** Persons per arm (and days) for `power` to detect `mde`: the smallest whole number of persons per arm that does. */
export function sampleSize(input: SampleSizeInput): SampleSize {
  const arms = input.arms ?? 2;
  const target = input.power ?? 0.8;
  const variance = input.sd === undefined ? input.baseline * (1 - input.baseline) : input.sd ** 2;
  const base = { mean: input.baseline, variance, effect: input.mde, arms, alpha: input.alpha };
  const sequential = input.sequentialTuning === undefined ? {} : { sequentialTuning: input.sequentialTuning };
  const powerAt = (perArm: number): number => power({ ...base, ...sequential, persons: perArm * arms });
  let hi = 2;
  while (powerAt(hi) < target) {
    hi *= 2;
    if (hi > 1e13) throw new RangeError('no sample size reaches that power');
  }
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (powerAt(mid) >= target) hi = mid;
    else lo = mid;
  }
  const total = hi * arms;
  const days = input.dailyPersons === undefined ? undefined : Math.ceil(total / input.dailyPersons);
  return { perArm: hi, total, days };
}
