// The chi-square distribution, through the regularized incomplete gamma function. Pure.

import { regularizedGamma } from './special.js';

/** P(X ≤ x) for X chi-square with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  return regularizedGamma(df / 2, x / 2).lower;
}

/** P(X > x): the p-value of a chi-square statistic x (the upper tail keeps its relative accuracy). */
export function chiSquareSurvival(x: number, df: number): number {
  return regularizedGamma(df / 2, x / 2).upper;
}
