// Comparing two proportions (e.g. the share of a channel among persons who dropped off vs who converted). Pure.

import { twoSidedP } from './normal.js';

export interface ProportionTest {
  /** x1/n1 - x2/n2 */
  difference: number;
  z: number;
  /** Two-sided p-value of the pooled two-proportion z-test; 1 when either group is empty. */
  p: number;
}

export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ProportionTest {
  if (n1 === 0 || n2 === 0) return { difference: 0, z: 0, p: 1 };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { difference: p1 - p2, z: 0, p: 1 };
  const z = (p1 - p2) / se;
  return { difference: p1 - p2, z, p: twoSidedP(z) };
}
