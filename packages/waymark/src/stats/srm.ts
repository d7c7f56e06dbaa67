// Sample-ratio mismatch: do the persons per arm fit the planned split? A chi-square goodness-of-fit test, as gbstats'
// check_srm. A mismatch means assignment or tracking is broken, and no metric result can be trusted. Pure.

import { chiSquareSurvival } from './chi-square.js';

/** gbstats and GrowthBook flag a mismatch below this p-value. */
export const SRM_THRESHOLD = 0.001;

export interface SrmResult {
  users: number[];
  /** The planned split, normalised to sum to 1. */
  weights: number[];
  expected: number[];
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  mismatch: boolean;
}

/** Tests `users` (persons per arm) against `weights` (default: equal). Arms with weight 0 are left out of the sum. */
export function sampleRatioMismatch(users: number[], weights?: number[], threshold = SRM_THRESHOLD): SrmResult {
  const w = weights ?? users.map(() => 1);
  const totalWeight = w.reduce((s, x) => s + x, 0);
  const total = users.reduce((s, x) => s + x, 0);
  const normalised = w.map((x) => (totalWeight > 0 ? x / totalWeight : 0));
  const expected = normalised.map((x) => x * total);
  let chiSquare = 0;
  users.forEach((observed, i) => {
    const e = expected[i] ?? 0;
    if (e > 0) chiSquare += (observed - e) ** 2 / e;
  });
  const degreesOfFreedom = users.length - 1;
  const pValue = total === 0 || degreesOfFreedom < 1 ? 1 : chiSquareSurvival(chiSquare, degreesOfFreedom);
  return { users, weights: normalised, expected, chiSquare, degreesOfFreedom, pValue, mismatch: pValue < threshold };
}
