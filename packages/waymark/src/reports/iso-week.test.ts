import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  lastCompleteWeek,
  parseIsoWeek,
  shiftWeek,
  weekAt,
  weekRange,
  weeksInYear,
  zonedToInstant,
} from './iso-week.js';

describe('ISO weeks', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf(2026, 11, 23)).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(2027, 1, 1)).toEqual({ year: 2026, week: 53 }); // 2026 starts on a Thursday: 53 weeks
    expect(isoWeekOf(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(shiftWeek({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(shiftWeek({ year: 2026, week: 1 }, -1)).toEqual({ year: 2025, week: 52 });
  });

  it('parses weeks and names the field of a bad one', () => {
    expect(parseIsoWeek('2026-W47')).toEqual({ year: 2026, week: 47 });
    expect(parseIsoWeek('2026W07')).toEqual({ year: 2026, week: 7 });
    expect(() => parseIsoWeek('2026-47')).toThrow(/ISO week like 2026-W47/);
    expect(() => parseIsoWeek('2025-W53')).toThrow(/2025 has weeks 1 to 52/);
    try {
      parseIsoWeek('last week');
    } catch (e) {
      expect((e as { field?: string }).field).toBe('week');
    }
  });

  it('runs from Monday to Monday at local midnight', () => {
    expect(weekRange({ year: 2026, week: 47 }, 'UTC')).toEqual({
      week: '2026-W47',
      from: Date.parse('2026-11-16T00:00:00Z'),
      to: Date.parse('2026-11-23T00:00:00Z'),
    });
    const berlin = weekRange({ year: 2026, week: 47 }, 'Europe/Berlin');
    expect(new Date(berlin.from).toISOString()).toBe('2026-11-15T23:00:00.000Z');
  });

  it('spans 169 hours in the week clocks go back (New York, 1 November 2026)', () => {
    const w = weekRange({ year: 2026, week: 44 }, 'America/New_York');
    expect(new Date(w.from).toISOString()).toBe('2026-10-26T04:00:00.000Z'); // EDT
    expect(new Date(w.to).toISOString()).toBe('2026-11-02T05:00:00.000Z'); // EST
    expect((w.to - w.from) / 3_600_000).toBe(169);
  });

  it('takes the later instant for a wall-clock time that does not exist', () => {
    // 8 March 2026, 02:30 does not happen in New York: clocks jump from 02:00 EST to 03:00 EDT.
    const t = zonedToInstant(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York');
    expect([Date.parse('2026-03-08T07:30:00Z'), Date.parse('2026-03-08T06:30:00Z')]).toContain(t);
  });

  it('defaults to the last complete week in the zone', () => {
    const wednesday = Date.parse('2026-12-02T02:00:00Z');
    expect(lastCompleteWeek(wednesday, 'UTC')).toEqual({ year: 2026, week: 48 });
    // Monday 30 November 00:30 in Berlin is still Sunday in UTC: there the last complete week is one earlier.
    const mondayInBerlin = Date.parse('2026-11-29T23:30:00Z');
    expect(weekAt(mondayInBerlin, 'Europe/Berlin')).toEqual({ year: 2026, week: 49 });
    expect(lastCompleteWeek(mondayInBerlin, 'Europe/Berlin')).toEqual({ year: 2026, week: 48 });
    expect(lastCompleteWeek(mondayInBerlin, 'UTC')).toEqual({ year: 2026, week: 47 });
  });
});
