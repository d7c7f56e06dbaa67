import { describe, expect, it } from 'vitest';
import type { TouchpointsResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import {
  channelCreditTable,
  channelPathsTable,
  defaultTouchpointsChoices,
  touchpointsInsightName,
  touchpointsProblem,
  touchpointsSpecOf,
  type TouchpointsChoices,
} from './touchpoints-model.js';

const credit = (conversions: number, revenue: number) => ({ conversions, revenue });
const result: TouchpointsResult = {
  range: { from: '2026-09-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  conversion: 'Order Completed',
  by: 'channel',
  lookback: { value: 30, unit: 'day' },
  totals: {
    converting: 10,
    nonConverting: 190,
    conversionRate: 0.05,
    revenue: 1000,
    unattributed: credit(0, 0),
  },
  paths: [
    { path: 'Direct', touches: ['Direct'], converting: 6, nonConverting: 121, conversionRate: 6 / 127, revenue: 600 },
    {
      path: 'Email > Direct',
      touches: ['Email', 'Direct'],
      converting: 2,
      nonConverting: 9,
      conversionRate: 2 / 11,
      revenue: 250,
    },
  ],
  otherPaths: { converting: 2, nonConverting: 60, revenue: 150 },
  channels: [
    {
      channel: 'Direct',
      converting: 9,
      nonConverting: 150,
      conversionRate: 9 / 159,
      revenue: 900,
      firstTouch: credit(7, 700),
      lastTouch: credit(9, 900),
      linear: credit(8.333333, 833.33),
      assisted: credit(0, 0),
    },
  ],
};

describe('channel paths', () => {
  it('makes the spec of the choices', () => {
    const choices = defaultTouchpointsChoices(['$page', 'Order Completed'], '2026-11-23');
    expect(touchpointsSpecOf(choices)).toEqual({
      conversion: { event: 'Order Completed' },
      lookback: { value: 30, unit: 'day' },
      by: 'channel',
      topPaths: 10,
      sort: 'converting',
      range: { last: { value: 90, unit: 'day' } },
    });
    expect(touchpointsSpecOf({ ...choices, sort: 'conversion_rate', minPersons: 20 })).toMatchObject({
      sort: 'conversion_rate',
      minPersons: 20,
    });
  });

  it.each([
    [{ conversionEvent: '' }, 'Choose the event that counts as converting.'],
    [{ lookbackValue: 0 }, 'The lookback must be a whole number, 1 or more.'],
    [{ topPaths: 501 }, 'Paths listed must be a whole number from 1 to 500.'],
    [{ minPersons: 0 }, 'The minimum of persons must be 1 or more.'],
  ] as const)('with %j says %j', (change, problem) => {
    const choices = defaultTouchpointsChoices(['Order Completed'], '2026-11-23');
    expect(touchpointsProblem({ ...choices, ...change } as TouchpointsChoices)).toBe(problem);
  });

  it('lists the paths, then the others summed up, so the rows add up to the totals', () => {
    const table = channelPathsTable(result);
    expect(table.rows.map((r) => r['path'])).toEqual(['Direct', 'Email > Direct', '(other paths)']);
    const sum = (key: string) => table.rows.reduce((n, r) => n + (r[key] as number), 0);
    expect([sum('converting'), sum('nonConverting'), sum('revenue')]).toEqual([10, 190, 1000]);
    expect(toCsv(table).split('\r\n')[2]).toBe('Email > Direct,2,9,0.1818,250');
  });

  it('credits each channel under every model', () => {
    expect(channelCreditTable(result).rows).toEqual([
      {
        channel: 'Direct',
        converting: 9,
        rate: 0.0566,
        first: 7,
        last: 9,
        linear: 8.33,
        assisted: 0,
        linearRevenue: 833.33,
      },
    ]);
  });
});

describe('saving channel paths', () => {
  it('offers a name with the conversion and how far back touches count', () => {
    const choices = defaultTouchpointsChoices(['Product Viewed', 'Order Completed'], '2026-12-02');
    const spec = touchpointsSpecOf(choices);
    expect(touchpointsInsightName(spec)).toBe(
      `Channel paths to ${spec.conversion.event} (${spec.lookback!.value} ${spec.lookback!.unit}s)`,
    );
    expect(touchpointsInsightName({ ...spec, by: 'source_medium', lookback: { value: 1, unit: 'week' } })).toBe(
      `Source / medium paths to ${spec.conversion.event} (1 week)`,
    );
  });
});
