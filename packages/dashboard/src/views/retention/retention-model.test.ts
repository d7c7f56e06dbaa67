import { describe, expect, it } from 'vitest';
import type { RetentionResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import {
  ANY_EVENT,
  averageTable,
  cohortLabel,
  cohortTable,
  defaultRetentionChoices,
  heatmapCells,
  retentionProblem,
  retentionSpecOf,
  retentionSummary,
  type RetentionChoices,
  retentionInsightName,
} from './retention-model.js';

const choices: RetentionChoices = defaultRetentionChoices(['Product Viewed', '$page'], '2026-11-23');

// Three weekly cohorts on 23 November: the oldest has finished weeks 0 and 1, week 2 is running.
const result: RetentionResult = {
  type: 'first_time',
  mode: 'on',
  period: 'week',
  periods: 3,
  range: { from: '2026-11-09T00:00:00.000Z', to: '2026-11-25T10:00:00.000Z' },
  cohorts: [
    {
      period: '2026-11-09T00:00:00.000Z',
      size: 132,
      values: [
        { persons: 132, rate: 1, complete: true },
        { persons: 44, rate: 44 / 132, complete: true },
        { persons: 10, rate: 10 / 132, complete: false },
      ],
    },
    {
      period: '2026-11-16T00:00:00.000Z',
      size: 150,
      values: [
        { persons: 150, rate: 1, complete: true },
        { persons: 30, rate: 0.2, complete: false },
      ],
    },
    { period: '2026-11-23T00:00:00.000Z', size: 0, values: [{ persons: 0, rate: null, complete: false }] },
  ],
  average: [
    { period: 0, rate: 1, persons: 282, size: 282, cohorts: 2 },
    { period: 1, rate: 44 / 132, persons: 44, size: 132, cohorts: 1 },
    { period: 2, rate: null, persons: 0, size: 0, cohorts: 0 },
  ],
};

describe('retention builder', () => {
  it('starts from first-time visitors, week by week, over the last 8 weeks (the documented example)', () => {
    expect(retentionSpecOf(choices)).toEqual({
      start: { event: '$page' },
      type: 'first_time',
      mode: 'on',
      period: 'week',
      periods: 8,
    });
  });

  it('makes a spec with a return event, any event, and cohorts from a date range', () => {
    const spec = retentionSpecOf({
      ...choices,
      startEvent: ANY_EVENT,
      returnEvent: 'Order Completed',
      type: 'recurring',
      mode: 'on_or_after',
      period: 'month',
      periods: 4,
      range: 'custom',
      from: '2026-08-01',
      to: '2026-10-31',
    });
    expect(spec).toEqual({
      start: {},
      return: { event: 'Order Completed' },
      type: 'recurring',
      mode: 'on_or_after',
      period: 'month',
      periods: 4,
      range: { from: '2026-08-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    });
    expect(retentionSpecOf({ ...choices, returnEvent: ANY_EVENT }).return).toEqual({});
  });

  it.each([
    [{ periods: 0 }, 'The number of periods must be a whole number from 1 to 400.'],
    [{ periods: 401 }, 'The number of periods must be a whole number from 1 to 400.'],
    [{ periods: Number.NaN }, 'The number of periods must be a whole number from 1 to 400.'],
    [{ range: 'custom', from: '2026-12-01', to: '2026-11-01' }, 'The range must start before it ends.'],
    [{ range: 'last90' }, null],
  ] as const)('with %j says %j', (change, problem) => {
    expect(retentionProblem({ ...choices, ...change } as RetentionChoices)).toBe(problem);
  });
});

describe('retention result', () => {
  it('is one row per cohort with its size, every begun period, and which one still runs', () => {
    const table = cohortTable(result, 'rate');
    expect(table.columns.map((c) => c.label)).toEqual([
      'Cohort',
      'Persons',
      'Week 0',
      'Week 1',
      'Week 2',
      'Still running',
    ]);
    expect(table.rows[0]).toEqual({
      cohort: '2026-11-09',
      size: 132,
      p0: 1,
      p1: 0.3333,
      p2: 0.0758,
      running: 'Week 2',
    });
    expect(table.rows[2]).toEqual({ cohort: '2026-11-23', size: 0, p0: null, running: 'Week 0' });
    expect(toCsv(cohortTable(result, 'persons')).split('\r\n')[2]).toBe('2026-11-16,150,150,30,,Week 1');
  });

  it('has one average point per period, blank where no cohort has finished it', () => {
    expect(averageTable(result).rows).toEqual([
      { period: 'Week 0', rate: 1, persons: 282, size: 282, cohorts: 2 },
      { period: 'Week 1', rate: 0.3333, persons: 44, size: 132, cohorts: 1 },
      { period: 'Week 2', rate: null, persons: 0, size: 0, cohorts: 0 },
    ]);
  });

  it('draws a cell per begun period, in percent, with the counts and whether it still runs', () => {
    const cells = heatmapCells(result);
    expect(cells).toHaveLength(6);
    expect(cells[1]).toMatchObject({ value: [1, 0, 33.3], persons: 44, size: 132, complete: true });
    expect(cells[5]).toMatchObject({ value: [0, 2, null], complete: false });
  });

  it('sums up entries, the first period and the last finished one', () => {
    expect(retentionSummary(result)).toEqual({
      entries: 282,
      firstPeriod: 44 / 132,
      lastComplete: { period: 1, rate: 44 / 132 },
    });
  });

  it('names month cohorts by month', () => {
    expect(cohortLabel('2026-09-01T00:00:00.000Z', 'month')).toBe('Sep 2026');
    expect(cohortLabel('2026-09-07T00:00:00.000Z', 'week')).toBe('2026-09-07');
  });

  it('offers a name for a saved retention insight from its spec', () => {
    expect(
      retentionInsightName({ start: { event: 'Signed Up' }, return: { event: 'Order Completed' }, period: 'week' }),
    ).toBe('Retention: Signed Up → back with Order Completed, by week');
    expect(retentionInsightName({ start: {}, type: 'recurring', period: 'day' })).toBe(
      'Retention: any event → back with the same, by day (recurring)',
    );
    expect(retentionInsightName({ start: { event: '$page' }, return: {} })).toBe(
      'Retention: $page → back with any event, by week',
    );
  });
});
