import { describe, expect, it } from 'vitest';
import type { FunnelResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import {
  choicesProblem,
  defaultChoices,
  funnelSpecOf,
  funnelSummary,
  funnelTable,
  type FunnelChoices,
} from './funnel-model.js';

const choices: FunnelChoices = {
  steps: ['Product Viewed', 'Order Completed'],
  order: 'ordered',
  windowValue: 7,
  windowUnit: 'day',
  range: 'last30',
  from: '2026-11-01',
  to: '2026-11-30',
};

const result: FunnelResult = {
  range: { from: '2026-10-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  steps: [
    {
      index: 0,
      name: 'Product Viewed',
      event: 'Product Viewed',
      count: 3572,
      conversionFromStart: 1,
      conversionFromPrevious: 1,
      dropOff: 0,
      dropped: 0,
      inProgress: 0,
      medianMsFromPrevious: null,
    },
    {
      index: 1,
      name: 'Purchase',
      event: 'Order Completed',
      count: 183,
      conversionFromStart: 0.051232,
      conversionFromPrevious: 0.051232,
      dropOff: 3389,
      dropped: 3300,
      inProgress: 89,
      medianMsFromPrevious: 374292,
    },
  ],
};

describe('funnel builder', () => {
  it('makes the documented spec from the choices', () => {
    expect(funnelSpecOf(choices)).toEqual({
      steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }],
      order: 'ordered',
      window: { value: 7, unit: 'day' },
      range: { last: { value: 30, unit: 'day' } },
    });
  });

  it('includes the last day of a custom range', () => {
    expect(funnelSpecOf({ ...choices, range: 'custom' }).range).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });

  it.each([
    [{ steps: ['Product Viewed'] }, 'A funnel needs at least two steps.'],
    [{ steps: ['Product Viewed', ''] }, 'Choose an event for every step.'],
    [{ windowValue: 0 }, 'The conversion window must be a whole number, 1 or more.'],
    [{ range: 'custom', from: '2026-12-01' }, 'The range must start before it ends.'],
    [{ range: 'custom', to: '' }, 'Choose both dates of the range.'],
    [{}, null],
  ] as const)('with %j says %j', (change, problem) => {
    expect(choicesProblem({ ...choices, ...change } as FunnelChoices)).toBe(problem);
  });

  it('starts from the shop funnel when the project has its events, else from the commonest events', () => {
    const shop = ['$page', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
    expect(defaultChoices(shop, '2026-11-23').steps).toEqual(shop.slice(1));
    expect(defaultChoices(['a', 'b', 'c', 'd'], '2026-11-23')).toMatchObject({
      steps: ['a', 'b', 'c'],
      from: '2026-10-25',
    });
  });
});

describe('funnel result', () => {
  it('is one row per step with the API numbers, in the table and the CSV alike', () => {
    const table = funnelTable(result);
    expect(table.rows).toEqual([
      {
        step: 1,
        name: 'Product Viewed',
        persons: 3572,
        fromStart: 1,
        fromPrevious: 1,
        dropped: 0,
        inProgress: 0,
        medianMs: null,
      },
      {
        step: 2,
        name: 'Purchase',
        persons: 183,
        fromStart: 0.0512,
        fromPrevious: 0.0512,
        dropped: 3300,
        inProgress: 89,
        medianMs: 374292,
      },
    ]);
    expect(toCsv(table).split('\r\n')[2]).toBe('2,Purchase,183,0.0512,0.0512,3300,89,374292');
  });

  it('sums up entered, completed and conversion', () => {
    expect(funnelSummary(result)).toEqual({ entered: 3572, completed: 183, conversion: 183 / 3572 });
    expect(funnelSummary({ ...result, steps: [] }).conversion).toBeNull();
  });
});
