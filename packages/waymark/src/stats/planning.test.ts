// Sample-ratio mismatch, multiple-testing corrections and sample size, against GrowthBook's own expected values:
// gbstats tests/test_gbstats.py (test_srm), shared/test/experiments.test.ts ("pvalue correction method") and
// front-end/test/stats.test.ts (power calculator) in growthbook/growthbook.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { benjaminiHochberg, holmBonferroni } from './multiple-testing.js';
import { minimumDetectableEffect, power, sampleSize } from './sample-size.js';
import { sampleRatioMismatch } from './srm.js';

describe('sample-ratio mismatch', () => {
  it('gbstats test_srm: 1000 vs 1200 on a 50/50 split', () => {
    const r = sampleRatioMismatch([1000, 1200], [0.5, 0.5]);
    expect(r.pValue).toBeCloseTo(0.000020079, 9);
    expect(r.chiSquare).toBeCloseTo(200 / 11, 12);
    expect(r.mismatch).toBe(true);
  });
  it('defaults to equal weights and passes a fair split', () => {
    const r = sampleRatioMismatch([5020, 4980, 5001]);
    expect(r.weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(r.mismatch).toBe(false);
    expect(sampleRatioMismatch([0, 0]).pValue).toBe(1);
  });
});

describe('multiple-testing corrections', () => {
  it('Holm-Bonferroni: GrowthBook "does HB procedure correctly"', () => {
    const adjusted = holmBonferroni([0.01, 0.04, 0.03, 0.005, 0.55, 0.6]);
    [0.05, 0.12, 0.12, 0.03, 1, 1].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });
  it('Benjamini-Hochberg: GrowthBook "does BH procedure correctly"', () => {
    const adjusted = benjaminiHochberg([0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138]);
    [0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 8));
  });
  it('never lowers a p-value, caps at 1 and keeps the order of the raw p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (ps) => {
        for (const adjust of [holmBonferroni, benjaminiHochberg]) {
          const adjusted = adjust(ps);
          ps.forEach((p, i) => {
            expect(adjusted[i]!).toBeGreaterThanOrEqual(p - 1e-15);
            expect(adjusted[i]!).toBeLessThanOrEqual(1);
            ps.forEach((q, j) => {
              if (p < q) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]! + 1e-15);
            });
          });
        }
      }),
    );
  });
});

describe('power and sample size (GrowthBook power calculator tests)', () => {
  const revenue = { mean: 10, variance: 3909.9997749994377, persons: 400000, arms: 3 };
  it('"calculates power correctly" and the sequential variant', () => {
    expect(power({ ...revenue, effect: 0.05 })).toBeCloseTo(0.52144, 5);
    expect(power({ ...revenue, effect: 0.05, sequentialTuning: 5000 })).toBeCloseTo(0.21526, 5);
  });
  it('"calculates two-tailed mde correctly" and the sequential variant', () => {
    expect(minimumDetectableEffect({ ...revenue, targetPower: 0.8 })).toBeCloseTo(0.07027, 5);
    expect(minimumDetectableEffect({ ...revenue, targetPower: 0.8, sequentialTuning: 5000 })).toBeCloseTo(0.12439, 5);
  });
  it('"checks power": a 10% conversion rate, +30%, 4,500 persons a week over 3 arms', () => {
    const weekly = [1, 2, 3].map((w) => power({ mean: 0.1, variance: 0.09, effect: 0.3, persons: 4500 * w, arms: 3 }));
    [0.65596, 0.91614, 0.98342].forEach((p, i) => expect(weekly[i]).toBeCloseTo(p, 5));
    const mde = minimumDetectableEffect({ mean: 0.1, variance: 0.09, persons: 4500, arms: 3, targetPower: 0.8 });
    expect(mde).toBeCloseTo(0.36767, 5);
  });
  it('finds the smallest persons per arm that reach the power, and the days at a daily rate', () => {
    const size = sampleSize({ baseline: 0.05, mde: 0.1, dailyPersons: 1000 });
    const at = (perArm: number): number =>
      power({ mean: 0.05, variance: 0.05 * 0.95, effect: 0.1, persons: perArm * 2, arms: 2 });
    expect(at(size.perArm)).toBeGreaterThanOrEqual(0.8);
    expect(at(size.perArm - 1)).toBeLessThan(0.8);
    expect(size).toEqual({ perArm: size.perArm, total: size.perArm * 2, days: Math.ceil((size.perArm * 2) / 1000) });
    expect(sampleSize({ baseline: 10, sd: 5, mde: 0.05, arms: 3 }).days).toBeUndefined();
  });
});
