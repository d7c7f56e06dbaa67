import { describe, expect, it } from 'vitest';
import type { PersonFunnel } from './funnel-match.js';
import { timeToConvert } from './funnel-result.js';

const MIN = 60_000;
const person = (gapMs: number): PersonFunnel => ({ reached: 2, times: [0, gapMs], indexes: [0, 1], open: false });

describe('time-to-convert histogram', () => {
  it('puts each converted person in one bin of a round width covering the slowest', () => {
    const bins = timeToConvert(
      [person(1 * MIN), person(3 * MIN), person(29 * MIN), { ...person(0), reached: 1 }],
      0,
      1,
      10,
    );
    expect(bins[0]).toMatchObject({ fromMs: 0, toMs: 5 * MIN, persons: 2 });
    expect(bins.reduce((n, b) => n + b.persons, 0)).toBe(3);
    expect(bins.at(-1)?.toMs).toBeGreaterThan(29 * MIN);
  });

  it('copes with millions of persons (no argument spreading)', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => person((i % 600) * 1000));
    const bins = timeToConvert(many, 0, 1, 10);
    expect(bins.reduce((n, b) => n + b.persons, 0)).toBe(1_000_000);
  });
});
