import { describe, expect, it } from 'vitest';
import { dateRangeOf, daysBefore, rangeProblem } from './date-range-choice.js';

describe('date range choices', () => {
  it('are relative, or two whole UTC days with the last one included', () => {
    expect(dateRangeOf({ range: 'last7', from: '', to: '' })).toEqual({ last: { value: 7, unit: 'day' } });
    expect(dateRangeOf({ range: 'custom', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });

  it.each([
    [{ range: 'custom', from: '2026-11-02', to: '2026-11-01' }, 'The range must start before it ends.'],
    [{ range: 'custom', from: '', to: '2026-11-01' }, 'Choose both dates of the range.'],
    [{ range: 'custom', from: '2026-11-01', to: '2026-11-01' }, null],
    [{ range: 'last90', from: '', to: '' }, null],
  ] as const)('%j: %j', (choices, problem) => {
    expect(rangeProblem(choices)).toBe(problem);
  });

  it('counts days back across months', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
