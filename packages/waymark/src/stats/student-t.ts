// Student's t distribution (CDF and quantile) through the regularized incomplete beta function. Pure.

import { normalCdf, normalQuantile } from './normal.js';
import { logGamma, regularizedBeta } from './special.js';

/** P(T ≤ t) for T with `df` degrees of freedom (df > 0; Infinity gives the normal). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

function studentTPdf(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** The t with P(T ≤ t) = p: Newton steps from the normal quantile, kept inside a bracket (bisection as fallback). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (df === Infinity) return normalQuantile(p);
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  const z = normalQuantile(p);
  // Cornish-Fisher start, then a bracket [lo, hi] around the root (the quantile is negative here).
  let x = z + (z ** 3 + z) / (4 * df);
  let hi = 0;
  let lo = Math.min(x, -1);
  while (studentTCdf(lo, df) > p) lo *= 2;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const error = studentTCdf(x, df) - p;
    if (error > 0) hi = x;
    else lo = x;
    let next = x - error / studentTPdf(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}
