import { describe, expect, it } from 'vitest';
import { betaSample, seededRandom, thompsonWeights } from './bandit.js';

describe('Thompson sampling weights', () => {
  it('draws Beta samples with the right mean and variance', () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 20_000 }, () => betaSample(3, 7, random));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.3, 2); // a / (a + b)
    expect(variance).toBeCloseTo((3 * 7) / (10 * 10 * 11), 3); // ab / ((a+b)^2 (a+b+1))
  });

  it('shares traffic evenly without data and moves it to the clear winner with data', () => {
    const even = thompsonWeights([
      { id: 'a', trials: 0, conversions: 0 },
      { id: 'b', trials: 0, conversions: 0 },
    ]);
    expect(even['a']).toBeCloseTo(0.5, 1);
    const clear = thompsonWeights([
      { id: 'a', trials: 1000, conversions: 50 },
      { id: 'b', trials: 1000, conversions: 90 },
    ]);
    expect(clear['b']).toBeGreaterThan(0.99);
    // Close arms keep sharing; weights always sum to 1 and repeat for the same counts.
    const close = thompsonWeights([
      { id: 'a', trials: 100, conversions: 10 },
      { id: 'b', trials: 100, conversions: 11 },
      { id: 'c', trials: 100, conversions: 9 },
    ]);
    expect(Object.values(close).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(Math.min(...Object.values(close))).toBeGreaterThan(0.15);
    expect(
      thompsonWeights([
        { id: 'a', trials: 100, conversions: 10 },
        { id: 'b', trials: 100, conversions: 11 },
      ]),
    ).toEqual(
      thompsonWeights([
        { id: 'a', trials: 100, conversions: 10 },
        { id: 'b', trials: 100, conversions: 11 },
      ]),
    );
  });
});
