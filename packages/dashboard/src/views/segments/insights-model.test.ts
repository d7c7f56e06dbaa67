import { describe, expect, it } from 'vitest';
import type { SegmentInsights } from '../../api/segments.js';
import { toCsv } from '../../lib/csv.js';
import { breakdownTable, insightsSpec, membershipTable, periodLabel, sizeChange } from './insights-model.js';

const insights: SegmentInsights = {
  segment: 'repeat-buyers',
  range: { from: '2026-11-02T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
  interval: 'week',
  size: 146,
  persons: 11096,
  periods: [
    { period: '2026-11-02T00:00:00.000Z', size: 0, entered: 0, exited: 0 },
    { period: '2026-11-09T00:00:00.000Z', size: 140, entered: 140, exited: 0 },
    { period: '2026-11-16T00:00:00.000Z', size: 146, entered: 9, exited: 3 },
  ],
  revenue: 12000,
  revenuePerMember: 82.19,
  buyers: 0.6,
  channels: [
    { value: 'Email', persons: 80, share: 80 / 146 },
    { value: 'Other', persons: 66, share: 66 / 146 },
  ],
  devices: [],
};

describe('segment insights', () => {
  it.each([
    ['week', { segment: 'vip', interval: 'week', range: { last: { value: 12, unit: 'week' } } }],
    ['day', { segment: 'vip', interval: 'day', range: { last: { value: 30, unit: 'day' } } }],
    ['month', { segment: 'vip', interval: 'month', range: { last: { value: 12, unit: 'month' } } }],
  ] as const)('asks by %s over the documented spec', (period, spec) => {
    expect(insightsSpec('vip', period)).toEqual(spec);
  });

  it('is one row per period with members, entries, exits and the net change', () => {
    const table = membershipTable(insights);
    expect(table.rows[2]).toEqual({ period: '2026-11-16', members: 146, entered: 9, exited: 3, net: 6 });
    expect(toCsv(table).split('\r\n')[0]).toBe('Period starting,Members at the end,Entered,Exited,Net change');
    const net = table.columns.find((c) => c.key === 'net')!;
    expect([6, -2, 0].map((v) => net.format!(v))).toEqual(['+6', '−2', '0']);
  });

  it('says the change over the period', () => {
    expect(sizeChange(insights)).toEqual({ first: 0, last: 146, change: 146 });
    expect(sizeChange({ ...insights, periods: [] })).toBeNull();
  });

  it('rounds shares in the breakdown tables, keeping the counts', () => {
    expect(breakdownTable('Channel', insights.channels).rows).toEqual([
      { value: 'Email', persons: 80, share: 0.5479 },
      { value: 'Other', persons: 66, share: 0.4521 },
    ]);
  });

  it('labels periods by day, or by month for months', () => {
    expect(periodLabel('2026-11-23T00:00:00.000Z', 'week')).toBe('Mon, Nov 23');
    expect(periodLabel('2026-11-01T00:00:00.000Z', 'month')).toBe('Nov 2026');
  });
});
