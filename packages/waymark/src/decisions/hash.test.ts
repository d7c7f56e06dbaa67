import { describe, expect, it } from 'vitest';
import cases from './hash-cases.json' with { type: 'json' };
import { bucket, fmix32, fnv1a32, pickWeighted } from './hash.js';

describe('assignment hash', () => {
  it('is FNV-1a as published (test vectors of the FNV authors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fmix32(0)).toBe(0);
  });

  it('reproduces the language-neutral cases every SDK checks itself against', () => {
    for (const c of cases.hashes) {
      expect(fnv1a32(c.input), c.input).toBe(c.fnv1a32);
      expect(fmix32(c.fnv1a32), c.input).toBe(c.fmix32);
      expect(bucket(c.seed, c.unit), c.input).toBe(c.bucket);
    }
    for (const c of cases.weighted) expect(pickWeighted(c.bucket, c.weights), JSON.stringify(c)).toBe(c.index);
  });

  it('spreads sequential ids evenly (chi-square over 20 bins, 100,000 ids)', () => {
    const bins = new Array<number>(20).fill(0);
    for (let i = 0; i < 100_000; i += 1) bins[Math.floor(bucket('home-hero', `user-${i}`) * 20)] += 1;
    const expected = 100_000 / 20;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.9th percentile is 43.8.
    expect(chi2).toBeLessThan(43.8);
  });

  it('gives independent buckets for different seeds', () => {
    let both = 0;
    for (let i = 0; i < 20_000; i += 1) if (bucket('a', `u${i}`) < 0.5 && bucket('b', `u${i}`) < 0.5) both += 1;
    expect(both / 20_000).toBeGreaterThan(0.24);
    expect(both / 20_000).toBeLessThan(0.26);
  });
});
