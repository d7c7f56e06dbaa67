// Sequential testing: the asymptotic confidence sequence of Waudby-Smith et al. (2023, arXiv:2103.06476) with a normal
// mixture, as gbstats' SequentialTwoSidedTTest. Its interval and p-value stay valid however often results are read
// (e.g. daily), at the price of wider intervals than the fixed-horizon test. Pure.

import type { Effect } from './effect.js';
import type { Alternative, TestResult } from './frequentist.js';

export interface SequentialOptions {
  alpha?: number;
  alternative?: Alternative;
  /**
   * The expected total number of persons (both arms) at which the sequence should be tightest; gbstats' tuning
   * parameter, default 5000. Too small or too large only widens the interval; validity holds either way.
   */
  tuning?: number;
}

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/** The mixing parameter ρ of the normal mixture, chosen so the sequence is tightest at n = tuning. */
export function mixingRho(alpha: number, tuning: number, twoSided = true): number {
  const a = twoSided ? alpha : 2 * alpha;
  return Math.sqrt((-2 * Math.log(a) + Math.log(-2 * Math.log(a) + 1)) / tuning);
}

/** Half-width of the two-sided sequence for n persons with per-person variance s2 (eq. 9 of the paper). */
function twoSidedHalfWidth(s2: number, n: number, alpha: number, rho: number): number {
  const nr2 = n * rho * rho + 1;
  return Math.sqrt(s2) * Math.sqrt((2 * nr2 * Math.log(Math.sqrt(nr2) / alpha)) / (n * rho) ** 2);
}

function oneSidedHalfWidth(s2: number, n: number, alpha: number, rho: number): number {
  const nr2 = n * rho * rho + 1;
  return Math.sqrt(((s2 * 2 * nr2) / (n * rho) ** 2) * Math.log(1 + Math.sqrt(nr2) / (2 * alpha)));
}

// The one-sided p-value is the smallest alpha whose bound excludes 0, found as gbstats finds it: bisection on alpha in
// [1e-5, 0.4999] (rho held fixed), stopping once the bound is within 1e-6 of 0. The stopping rule, not the exact root,
// sets the last digits (e.g. 0.46316 where the exact root is 0.46305); we keep it for parity with gbstats.
const MIN_ONE_SIDED_P = 1e-5;
const MAX_ONE_SIDED_P = 0.4999;

function oneSidedPValue(towards: number, halfWidthAt: (alpha: number) => number): number {
  const bound = (alpha: number): number => towards - halfWidthAt(alpha);
  if (bound(MIN_ONE_SIDED_P) > 0) return MIN_ONE_SIDED_P;
  if (bound(MAX_ONE_SIDED_P) < 0) return MAX_ONE_SIDED_P;
  let lo = MIN_ONE_SIDED_P;
  let hi = MAX_ONE_SIDED_P;
  let alpha = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const distance = bound(alpha);
    if (distance < 0) lo = alpha;
    else hi = alpha;
    alpha = (lo + hi) / 2;
    if (Math.abs(distance) < 1e-6) break;
  }
  return alpha;
}

/** The always-valid interval and p-value of `effect`. The per-person variance is SE² × n, n = persons in both arms. */
export function sequentialTest(effect: Effect, options: SequentialOptions = {}): TestResult {
  const alpha = options.alpha ?? 0.05;
  const alternative = options.alternative ?? 'two-sided';
  const tuning = options.tuning ?? DEFAULT_SEQUENTIAL_TUNING;
  const { estimate, standardError, n } = effect;
  const s2 = standardError * standardError * n;
  const base = { estimate, standardError };
  if (alternative === 'two-sided') {
    const rho = mixingRho(alpha, tuning);
    const halfWidth = twoSidedHalfWidth(s2, n, alpha, rho);
    // The mixture e-value (eq. 155 of the paper); its inverse is an anytime-valid p-value.
    const nr2 = n * rho * rho + 1;
    const t2 = (estimate / standardError) ** 2;
    const eValue = Math.exp((rho * rho * t2 * n) / (2 * nr2)) / Math.sqrt(nr2);
    return { ...base, interval: [estimate - halfWidth, estimate + halfWidth], pValue: Math.min(1, 1 / eValue) };
  }
  const rho = mixingRho(alpha, tuning, false);
  const halfWidth = oneSidedHalfWidth(s2, n, alpha, rho);
  const interval: [number, number] =
    alternative === 'greater' ? [estimate - halfWidth, Infinity] : [-Infinity, estimate + halfWidth];
  const towards = alternative === 'greater' ? estimate : -estimate;
  const pValue = oneSidedPValue(towards, (a) => oneSidedHalfWidth(s2, n, a, rho));
  return { ...base, interval, pValue };
}
