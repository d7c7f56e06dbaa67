// The Bayesian reading of an effect, as gbstats' EffectBayesianABTest: a normal likelihood for the effect (estimate and
// standard error from effect.ts) combined with an optional normal prior on the effect itself. Gives the chance that
// the variant beats control, the expected loss (risk) of either choice, and a credible interval. Pure.

import { normalCdf, normalPdf, normalQuantile } from './normal.js';
import type { DifferenceType } from './effect.js';

/** A normal prior on the effect. An improper prior (`proper: false`, the default) is flat: data alone decide. */
export interface NormalPrior {
  mean: number;
  variance: number;
  proper: boolean;
}

export const FLAT_PRIOR: NormalPrior = { mean: 0, variance: 1, proper: false };

export interface BayesianOptions {
  alpha?: number;
  prior?: NormalPrior;
  /** Lower is better for this metric: chance to win and risk are read the other way round. */
  inverse?: boolean;
}

export interface BayesianResult {
  /** Posterior mean and standard deviation of the effect. */
  estimate: number;
  standardError: number;
  /** Central credible interval with 1 - alpha probability. */
  interval: [number, number];
  /** Posterior probability that the variant is better than control. */
  chanceToWin: number;
  /** Expected loss of shipping the control (E[max(effect, 0)]) and of shipping the variant (E[max(-effect, 0)]). */
  risk: { control: number; variant: number };
}

/**
 * A prior stated on one scale, moved to the other: relative → absolute multiplies the mean by |control mean| and the
 * variance by its square; absolute → relative divides.
 */
export function scalePrior(
  prior: NormalPrior,
  from: DifferenceType,
  to: DifferenceType,
  controlMean: number,
): NormalPrior {
  if (from === to || !prior.proper) return prior;
  const factor = from === 'relative' ? Math.abs(controlMean) : 1 / Math.abs(controlMean);
  return { mean: prior.mean * factor, variance: prior.variance * factor * factor, proper: true };
}

/** E[max(X, 0)] for X ~ N(mean, sd²). */
const positivePart = (mean: number, sd: number): number => mean * normalCdf(mean / sd) + sd * normalPdf(mean / sd);

/** The posterior of an effect observed as `estimate` ± `standardError` (standardError > 0). */
export function effectPosterior(
  estimate: number,
  standardError: number,
  options: BayesianOptions = {},
): BayesianResult {
  const alpha = options.alpha ?? 0.05;
  const prior = options.prior ?? FLAT_PRIOR;
  const dataPrecision = 1 / standardError ** 2;
  const priorPrecision = prior.proper ? 1 / prior.variance : 0;
  const precision = dataPrecision + priorPrecision;
  const mean = (estimate * dataPrecision + prior.mean * priorPrecision) / precision;
  const sd = Math.sqrt(1 / precision);
  const z = normalQuantile(1 - alpha / 2);
  const aboveZero = normalCdf(mean / sd);
  const lossOfControl = positivePart(mean, sd);
  const lossOfVariant = positivePart(-mean, sd);
  return {
    estimate: mean,
    standardError: sd,
    interval: [mean - z * sd, mean + z * sd],
    chanceToWin: options.inverse ? 1 - aboveZero : aboveZero,
    risk: options.inverse
      ? { control: lossOfVariant, variant: lossOfControl }
      : { control: lossOfControl, variant: lossOfVariant },
  };
}
