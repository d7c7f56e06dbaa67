import { describe, expect, it } from 'vitest';
import { adjustTogether, changeSentence, formatChange, formatPValue, testChange } from './findings.js';

describe('week-on-week tests', () => {
  it('compares counts with the conditional Poisson test', () => {
    // 30 against 12: z = 18 / sqrt(42) = 2.7775, two-sided p = 0.00548
    const t = testChange({ kind: 'count', value: 30 }, { kind: 'count', value: 12 });
    expect(t?.method).toBe('poisson');
    expect(t?.p).toBeCloseTo(0.00548, 4);
    expect(testChange({ kind: 'count', value: 0 }, { kind: 'count', value: 0 })).toBeNull();
  });

  it('compares proportions with the pooled two-proportion z-test', () => {
    // 368/1000 against 412/1000: pooled 0.39, se = sqrt(0.39 * 0.61 * 0.002) = 0.021814, z = -2.0171
    const t = testChange(
      { kind: 'proportion', successes: 368, trials: 1000 },
      { kind: 'proportion', successes: 412, trials: 1000 },
    );
    expect(t?.method).toBe('two-proportion');
    expect(t?.p).toBeCloseTo(0.04368, 4);
  });

  it("compares means with Welch's t-test", () => {
    // Current: values 10, 12, 14 (mean 12, var 4); previous: 5, 6, 7 (mean 6, var 1).
    // se = sqrt(4/3 + 1/3) = 1.2910, t = 4.6476, Welch dof = (5/3)^2 / ((4/3)^2/2 + (1/3)^2/2) = 2.9412
    const t = testChange(
      { kind: 'mean', n: 3, sum: 36, sumSquares: 440 },
      { kind: 'mean', n: 3, sum: 18, sumSquares: 110 },
    );
    expect(t?.method).toBe('welch');
    expect(t!.p).toBeGreaterThan(0.015);
    expect(t!.p).toBeLessThan(0.025);
  });

  it('adjusts the headline p-values together (Benjamini-Hochberg)', () => {
    const tests = adjustTogether([
      { method: 'poisson', p: 0.01 },
      null,
      { method: 'poisson', p: 0.04 },
      { method: 'poisson', p: 0.03 },
    ]);
    expect(tests[1]).toBeNull();
    expect(tests.map((t) => t?.p)).toEqual([0.03, undefined, 0.04, 0.04]);
  });

  it('says a change plainly', () => {
    expect(changeSentence('Checkout conversion', 0.368, 0.412, 'ratio', 0.003, null)).toBe(
      'Checkout conversion fell from 41.2% to 36.8%, p = 0.003.',
    );
    expect(changeSentence('Revenue', 1500, 1200, 'money', 0.0004, 'EUR')).toBe(
      'Revenue rose from 1,200.00 EUR to 1,500.00 EUR, p < 0.001.',
    );
    expect(formatPValue(0.2345)).toBe('p = 0.23');
    expect(formatChange(0.368, 0.412, 'ratio')).toBe('-4.4 pts');
    expect(formatChange(5, 0, 'count')).toBe('new');
  });
});
