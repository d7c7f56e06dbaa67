// A segment's insights (the `segment-insights` analysis, docs/segments.md): the spec for a chosen period, and the
// result as tables and charts — recorded members over time, who entered and exited, first-touch channels and devices.

import type { SegmentInsights, SegmentInsightsSpec, ValueCount } from '../../api/segments.js';
import type { ChartOption } from '../../charts/echarts.js';
import { OKABE_ITO } from '../../charts/palette.js';
import { formatCount, formatDay, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { horizontalBarsOption, periodsOption } from '../../charts/bars.js';

export type InsightsPeriod = 'day' | 'week' | 'month';

export const PERIOD_LABELS: Record<InsightsPeriod, string> = {
  day: 'Last 30 days, by day',
  week: 'Last 12 weeks, by week',
  month: 'Last 12 months, by month',
};

const PERIOD_RANGE = { day: 30, week: 12, month: 12 } as const;

export function insightsSpec(segment: string, period: InsightsPeriod): SegmentInsightsSpec {
  return { segment, interval: period, range: { last: { value: PERIOD_RANGE[period], unit: period } } };
}

const count = (v: unknown) => formatCount(v as number);
const percent = (v: unknown) => formatPercent(v as number);

/** The start of a period as the axis shows it: `Mon, Nov 23`, or `Nov 2026` for months. */
export function periodLabel(iso: string, interval: string): string {
  if (interval !== 'month') return formatDay(iso);
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** One row per period: recorded members at its end, who entered and who exited during it. */
export function membershipTable(insights: SegmentInsights): TableData {
  return {
    columns: [
      { key: 'period', label: 'Period starting' },
      { key: 'members', label: 'Members at the end', numeric: true, format: count },
      { key: 'entered', label: 'Entered', numeric: true, format: count },
      { key: 'exited', label: 'Exited', numeric: true, format: count },
      { key: 'net', label: 'Net change', numeric: true, format: (v) => signedCount(v as number) },
    ],
    rows: insights.periods.map((p) => ({
      period: p.period.slice(0, 10),
      members: p.size,
      entered: p.entered,
      exited: p.exited,
      net: p.entered - p.exited,
    })),
  };
}

/** A change in persons with its sign: `+6`, `−2`, `0`. */
export const signedCount = (n: number) => (n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '0');

export function membersOverTimeOption(insights: SegmentInsights): ChartOption {
  const periods = insights.periods.map((p) => periodLabel(p.period, insights.interval));
  return periodsOption(
    periods,
    [{ name: 'Members at the end of the period', kind: 'line', values: insights.periods.map((p) => p.size) }],
    formatCount,
  );
}

/** Entered above the axis, exited below it (hatched): the direction is in the position, not only the colour. */
export function entriesOption(insights: SegmentInsights): ChartOption {
  const periods = insights.periods.map((p) => periodLabel(p.period, insights.interval));
  const option = periodsOption(
    periods,
    [
      { name: 'Entered', kind: 'bar', values: insights.periods.map((p) => p.entered), colour: OKABE_ITO.blue },
      {
        name: 'Exited',
        kind: 'bar',
        values: insights.periods.map((p) => -p.exited),
        colour: OKABE_ITO.vermillion,
        hatched: true,
      },
    ],
    (v) => formatCount(Math.abs(v)),
  );
  // Stacked on one column per period: entries up, exits down.
  return { ...option, series: (option.series as object[]).map((s) => ({ ...s, stack: 'moves' })) };
}

/** Persons and share of the members per value (a first-touch channel or device). */
export function breakdownTable(label: string, values: ValueCount[]): TableData {
  return {
    columns: [
      { key: 'value', label },
      { key: 'persons', label: 'Members', numeric: true, format: count },
      { key: 'share', label: '% of members', numeric: true, format: percent },
    ],
    rows: values.map((v) => ({ value: v.value, persons: v.persons, share: Math.round(v.share * 10_000) / 10_000 })),
  };
}

export function breakdownOption(values: ValueCount[]): ChartOption {
  return horizontalBarsOption(
    values.map((v) => v.value),
    [{ name: '% of members', values: values.map((v) => v.share) }],
    (v) => formatPercent(v),
  );
}

/** The members' change over the range: the first period's end against now. */
export function sizeChange(insights: SegmentInsights): { first: number; last: number; change: number } | null {
  const first = insights.periods[0];
  const last = insights.periods[insights.periods.length - 1];
  if (!first || !last) return null;
  return { first: first.size, last: last.size, change: last.size - first.size };
}
