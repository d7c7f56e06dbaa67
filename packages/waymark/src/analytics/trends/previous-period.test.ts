import { describe, expect, it } from 'vitest';
import { ParamBinder } from '../sql-params.js';
import { previousPeriod, shiftBack, shiftForwardSql } from './previous-period.js';

const t = (iso: string): number => Date.parse(iso);
const range = (from: string, to: string) => ({ from: t(from), to: t(to) });

describe('the previous period of a trend', () => {
  it.each([
    {
      name: 'days shift by the exact length',
      range: range('2026-11-02T00:00:00Z', '2026-11-06T00:00:00Z'),
      interval: 'day' as const,
      previous: range('2026-10-29T00:00:00Z', '2026-11-02T00:00:00Z'),
      shift: { unit: 'ms', value: 4 * 86_400_000 },
    },
    {
      name: 'whole calendar months shift by months, so October lines up with September',
      range: range('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'),
      interval: 'month' as const,
      previous: range('2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'),
      shift: { unit: 'month', value: 1 },
    },
    {
      name: 'three months from mid-month',
      range: range('2026-08-15T12:00:00Z', '2026-11-15T12:00:00Z'),
      interval: 'month' as const,
      previous: range('2026-05-15T12:00:00Z', '2026-08-15T12:00:00Z'),
      shift: { unit: 'month', value: 3 },
    },
    {
      name: 'a monthly trend over a range of days shifts by its length',
      range: range('2026-10-24T10:00:00Z', '2026-11-23T10:00:00Z'),
      interval: 'month' as const,
      previous: range('2026-09-24T10:00:00Z', '2026-10-24T10:00:00Z'),
      shift: { unit: 'ms', value: 30 * 86_400_000 },
    },
  ])('$name', ({ range: r, interval, previous, shift }) => {
    expect(previousPeriod(r, interval)).toEqual({ range: previous, shift });
  });

  it('a relative range compares with the same duration before, overlapping it by the running period', () => {
    const r = range('2026-11-16T00:00:00Z', '2026-11-23T20:14:00Z'); // "the last 7 days" from 23 November 20:14
    expect(previousPeriod(r, 'day', { value: 7, unit: 'day' })).toEqual({
      range: range('2026-11-09T00:00:00Z', '2026-11-16T20:14:00Z'),
      shift: { unit: 'ms', value: 7 * 86_400_000 },
    });
    expect(previousPeriod(r, 'day', { value: 1, unit: 'month' }).shift).toEqual({ unit: 'month', value: 1 });
  });

  it('moves bucket starts back to their counterparts', () => {
    expect(shiftBack(t('2026-11-01T00:00:00Z'), { unit: 'month', value: 2 })).toBe(t('2026-09-01T00:00:00Z'));
    expect(shiftBack(t('2026-11-02T00:00:00Z'), { unit: 'ms', value: 86_400_000 })).toBe(t('2026-11-01T00:00:00Z'));
  });

  it('moves event times forward in SQL with a bound amount', () => {
    const binder = new ParamBinder('p');
    expect(shiftForwardSql('ev.timestamp', { unit: 'month', value: 3 }, binder)).toBe(
      'addMonths(ev.timestamp, {p0:Int64})',
    );
    expect(shiftForwardSql('ev.timestamp', { unit: 'ms', value: 5 }, binder)).toBe(
      'addMilliseconds(ev.timestamp, {p1:Int64})',
    );
    expect(binder.params).toEqual({ project: 'p', p0: 3, p1: 5 });
  });
});
