// The standard normal distribution: CDF, density and quantile, accurate to about 1e-15 absolute. Pure.

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** φ(z): the standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** The upper tail Q(z) = 1 - Φ(z) for z > 3, by Laplace's continued fraction (exact in the far tail too). */
function upperTail(z: number): number {
  let fraction = z;
  for (let k = 200; k >= 1; k--) fraction = z + k / fraction;
  return normalPdf(z) / fraction;
}

/**
 * Φ(z): the probability that a standard normal variable is at most z. Near the centre a series whose terms are all
 * positive (no cancellation); in the tails a continued fraction, so Φ(-10) keeps its relative accuracy.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z > 3) return 1 - upperTail(z);
  if (z < -3) return upperTail(-z);
  let term = z;
  let sum = z;
  for (let i = 1; i < 200; i++) {
    term *= (z * z) / (2 * i + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * normalPdf(z);
}

/** Two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

// Acklam's rational approximation (relative error 1.15e-9), then polished by Halley steps on the exact CDF.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

const poly = (coefficients: number[], x: number): number => coefficients.reduce((acc, c) => acc * x + c, 0);

/** Φ⁻¹(p): the z with Φ(z) = p. ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(C, q) / (poly(D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(A, r) * q) / (poly(B, r) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    const u = ((normalCdf(x) - p) * SQRT_2PI) / Math.exp(-0.5 * x * x);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
