import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, Weighted, mix32 } from './random.js';

const draws = (random: Random, n: number): number[] => Array.from({ length: n }, () => random.uint32());

describe('Random', () => {
  it('repeats itself for the same seed and stream, and only then', () => {
    expect(draws(new Random(42, 1), 5)).toEqual(draws(new Random(42, 1), 5));
    expect(draws(new Random(42, 1), 5)).not.toEqual(draws(new Random(42, 2), 5));
    expect(draws(new Random(42, 1), 5)).not.toEqual(draws(new Random(43, 1), 5));
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const random = new Random(seed);
        for (let i = 0; i < 20; i++) {
          const f = random.float();
          expect(f >= 0 && f < 1).toBe(true);
          const k = random.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        }
      }),
    );
  });

  it('draws uniformly enough for a simulation', () => {
    const random = new Random(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[random.int(10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('Weighted', () => {
  it('draws items in proportion to their weights', () => {
    const devices = new Weighted([
      ['mobile', 6],
      ['desktop', 3],
      ['tablet', 1],
    ] as const);
    const random = new Random(9);
    const counts = { mobile: 0, desktop: 0, tablet: 0 };
    for (let i = 0; i < 50_000; i++) counts[devices.draw(random)] += 1;
    expect(counts.mobile / 50_000).toBeCloseTo(0.6, 1);
    expect(counts.desktop / 50_000).toBeCloseTo(0.3, 1);
    expect(counts.tablet / 50_000).toBeCloseTo(0.1, 1);
  });
});

describe('mix32', () => {
  it('never maps two inputs to one output', () => {
    const outputs = new Set<number>();
    for (let i = 0; i < 100_000; i++) outputs.add(mix32(i));
    expect(outputs.size).toBe(100_000);
  });
});
