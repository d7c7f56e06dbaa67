import { describe, expect, it } from 'vitest';
import type { FunnelResult } from '../../api/types.js';
import { toCsv } from '../../lib/csv.js';
import { timeToConvertTable, trendInterval, trendSpecOf, trendTable } from './conversion-model.js';

const result: FunnelResult = {
  range: { from: '2026-10-24T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  steps: [],
  timeToConvert: {
    persons: 96,
    medianMs: 3_600_000,
    bins: [
      { fromMs: 0, toMs: 86_400_000, persons: 81 },
      { fromMs: 86_400_000, toMs: 172_800_000, persons: 15 },
    ],
  },
};

describe('time to convert and conversion trend', () => {
  it('is one row per histogram bin, with its span in words and in milliseconds', () => {
    const table = timeToConvertTable(result);
    expect(table.rows.map((r) => r['span'])).toEqual(['0 s–1.0 d', '1.0 d–2.0 d']);
    expect(toCsv(table).split('\r\n')[2]).toBe('1.0 d–2.0 d,86400000,172800000,15');
  });

  it('trends by day over a month and by week beyond, read from the spec’s range, from the first step to the last', () => {
    expect(trendInterval(result.range)).toBe('day');
    expect(trendInterval({ from: '2026-08-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toBe('week');
    expect(trendInterval({ last: { value: 30, unit: 'day' } })).toBe('day');
    expect(trendInterval({ last: { value: 90, unit: 'day' } })).toBe('week');
    expect(trendInterval({ last: { value: 8, unit: 'week' } })).toBe('week');
    expect(trendInterval(undefined)).toBe('day'); // the server's default: the last 30 days
    const spec = { steps: [{ event: 'a' }, { event: 'b' }, { event: 'c' }], breakdown: { property: '$os' } };
    expect(trendSpecOf(spec, 'week')).toEqual({ steps: spec.steps, interval: 'week', fromStep: 0, toStep: 2 });
    const lastWeek = { ...spec, range: { last: { value: 7, unit: 'day' as const } } };
    expect(trendSpecOf(lastWeek)).toMatchObject({ interval: 'day', range: lastWeek.range });
  });

  it('leaves the conversion of a period nobody entered empty, not 0%', () => {
    const table = trendTable({
      points: [
        { period: '2026-11-01T00:00:00.000Z', entered: 0, converted: 0, inProgress: 0, conversion: 0 },
        { period: '2026-11-02T00:00:00.000Z', entered: 40, converted: 3, inProgress: 1, conversion: 0.075 },
      ],
    });
    expect(table.rows.map((r) => r['conversion'])).toEqual([null, 0.075]);
  });
});
