import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('writes what Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('is right across midnight, where its cached date changes', () => {
    const midnight = Date.UTC(2026, 10, 27);
    expect([midnight - 1, midnight, midnight + 1].map(isoTime)).toEqual([
      '2026-11-26T23:59:59.999Z',
      '2026-11-27T00:00:00.000Z',
      '2026-11-27T00:00:00.001Z',
    ]);
  });
});
