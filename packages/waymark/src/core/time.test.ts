import { describe, expect, it } from 'vitest';
import { fromWarehouseTime, parseTime, toWarehouseTime } from './time.js';

const NOON = Date.parse('2026-11-23T12:00:00.000Z');

describe('parseTime', () => {
  it.each([
    ['ISO-8601 in UTC', '2026-11-23T12:00:00Z', NOON],
    ['with milliseconds', '2026-11-23T12:00:00.123Z', NOON + 123],
    ['with an offset', '2026-11-23T13:00:00+01:00', NOON],
    ['beyond milliseconds (truncated)', '2026-11-23T12:00:00.123456Z', NOON + 123],
    ['without a zone, read as UTC whatever the server zone', '2026-11-23T12:00:00', NOON],
    ['without a zone, space-separated', '2026-11-23 12:00:00.5', NOON + 500],
    ['a date alone (midnight UTC)', '2026-11-23', NOON - 12 * 3_600_000],
    ['epoch milliseconds', NOON, NOON],
    ['fractional epoch milliseconds', NOON + 0.9, NOON],
  ])('reads %s', (_name, value, expected) => {
    expect(parseTime(value)).toBe(expected);
  });

  it.each([
    ['nothing', undefined],
    ['words', 'yesterday'],
    ['an impossible date', '2026-02-30T25:00:00Z'],
    ['an empty string', ''],
    ['epoch seconds', 1_795_435_200],
    ['epoch microseconds', NOON * 1000],
    ['a time before 1900', '1850-01-01T00:00:00Z'],
    ['a time after 2299', '2400-01-01T00:00:00Z'],
    ['not a number', Number.NaN],
  ])('refuses %s', (_name, value) => {
    expect(parseTime(value)).toBeUndefined();
  });

  it('accepts old times written as text', () => {
    expect(parseTime('1969-07-20T20:17:00Z')).toBe(Date.UTC(1969, 6, 20, 20, 17));
  });
});

describe('warehouse time text', () => {
  it('writes DateTime64(3) in UTC and reads it back', () => {
    expect(toWarehouseTime(NOON + 7)).toBe('2026-11-23 12:00:00.007');
    expect(fromWarehouseTime('2026-11-23 12:00:00.007')).toBe(NOON + 7);
  });
});
