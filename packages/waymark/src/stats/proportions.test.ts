import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedP } from './normal.js';
import { twoProportionTest } from './proportions.js';

describe('normal distribution', () => {
  // Reference values from standard normal tables (R: pnorm).
  it.each([
    [0, 0.5],
    [1, 0.841344746],
    [1.959964, 0.975],
    [-2.575829, 0.005],
    [3, 0.998650102],
  ])('Φ(%f) = %f', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 6);
  });
  it('two-sided p of 1.96 is 0.05', () => expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 5));
});

describe('two-proportion z-test', () => {
  it('matches a hand-worked example', () => {
    // 45/100 vs 30/100: pooled 0.375, se = sqrt(0.375*0.625*0.02) = 0.0684653, z = 0.15/0.0684653 = 2.19089
    // (R: prop.test(c(45,30), c(100,100), correct=FALSE) gives X-squared = 4.8 = z^2, p-value = 0.02846).
    const t = twoProportionTest(45, 100, 30, 100);
    expect(t.z).toBeCloseTo(2.19089, 4);
    expect(t.p).toBeCloseTo(0.02846, 4);
  });
  it('is symmetric and gives p = 1 for empty groups or identical all-or-nothing shares', () => {
    expect(twoProportionTest(30, 100, 45, 100).z).toBeCloseTo(-2.19089, 4);
    expect(twoProportionTest(1, 0, 1, 10).p).toBe(1);
    expect(twoProportionTest(10, 10, 5, 5).p).toBe(1);
  });
});
