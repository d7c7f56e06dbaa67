// What the Overview asks the server and how the answers become its numbers: visitors, identified customers and
// revenue from one trends query (with the previous week beside), conversion through the main funnel from two funnel
// queries, and the daily points of each sparkline.

import type {
  FunnelResult,
  FunnelSpec,
  FunnelTrendsResult,
  FunnelTrendsSpec,
  TrendsResult,
  TrendsSpec,
} from '../../api/types.js';
import { formatAmount, formatChange, formatCount, formatDay, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { percentChange, type KpiComparison, type Period } from '../../lib/week-comparison.js';

/** The main funnel: from a product view to a purchase, within 7 days (the demo shop's funnel). */
export const MAIN_FUNNEL: FunnelSpec = {
  steps: [
    { event: 'Product Viewed' },
    { event: 'Product Added' },
    { event: 'Checkout Started' },
    { event: 'Order Completed', name: 'Purchase' },
  ],
  window: { value: 7, unit: 'day' },
};

export function overviewTrendsSpec(week: Period): TrendsSpec {
  return {
    series: [
      { event: '$page', measure: 'persons', name: 'Visitors' },
      { event: '$identify', measure: 'persons', name: 'Identified customers' },
      { event: 'Order Completed', measure: 'sum', property: '$revenue', name: 'Revenue' },
    ],
    interval: 'day',
    range: week,
    compare: true,
  };
}

export const mainFunnelSpec = (week: Period): FunnelSpec => ({ ...MAIN_FUNNEL, range: week });

/** Daily conversion through the main funnel over both weeks, for the conversion sparkline. */
export const conversionTrendSpec = (weeks: { current: Period; previous: Period }): FunnelTrendsSpec => ({
  ...MAIN_FUNNEL,
  range: { from: weeks.previous.from, to: weeks.current.to },
  interval: 'day',
});

export interface Kpi extends KpiComparison {
  id: 'visitors' | 'identified' | 'revenue' | 'conversion';
  /** How the number was computed, in a sentence under the card. */
  explain: string;
  /** Daily values of this week and of last week, day by day. */
  days: string[];
  daily: (number | null)[];
  previousDaily: (number | null)[];
}

export interface OverviewAnswers {
  trends: TrendsResult;
  funnel: FunnelResult;
  previousFunnel: FunnelResult;
  conversionTrend: FunnelTrendsResult;
}

/** The last step's share of persons who entered; null when nobody entered. */
export function funnelConversion(result: FunnelResult): number | null {
  const first = result.steps[0];
  const last = result.steps[result.steps.length - 1];
  if (!first || !last || first.count === 0) return null;
  return last.count / first.count;
}

export function overviewKpis(answers: OverviewAnswers): Kpi[] {
  const series = (name: string) => answers.trends.series.find((s) => s.name === name);
  const fromTrend = (id: Kpi['id'], name: string, format: Kpi['format'], explain: string): Kpi => {
    const s = series(name);
    return {
      id,
      label: name,
      explain,
      format,
      current: s?.total ?? null,
      previous: s?.previousTotal ?? null,
      days: (s?.buckets ?? []).map((b) => b.period),
      daily: (s?.buckets ?? []).map((b) => b.value),
      previousDaily: (s?.buckets ?? []).map((b) => b.previous ?? null),
    };
  };
  const points = answers.conversionTrend.points;
  const half = Math.floor(points.length / 2);
  const steps = MAIN_FUNNEL.steps.map((s) => s.name ?? s.event);
  return [
    fromTrend('visitors', 'Visitors', formatCount, 'Distinct persons who viewed a page'),
    fromTrend('identified', 'Identified customers', formatCount, 'Distinct persons who signed in or up'),
    fromTrend('revenue', 'Revenue', formatAmount, 'Sum of order revenue'),
    {
      id: 'conversion',
      label: 'Conversion',
      explain: `${steps[0]} → ${steps[steps.length - 1]} within 7 days`,
      format: (v) => formatPercent(v),
      ratio: true,
      current: funnelConversion(answers.funnel),
      previous: funnelConversion(answers.previousFunnel),
      days: points.slice(half).map((p) => p.period),
      daily: points.slice(half).map((p) => p.conversion),
      previousDaily: points.slice(0, half).map((p) => p.conversion),
    },
  ];
}

/** This week, last week and the change of every number: the table view of the KPI cards. */
export function overviewSummaryTable(kpis: Kpi[]): TableData {
  return {
    columns: [
      { key: 'metric', label: 'Metric' },
      { key: 'current', label: 'This week', numeric: true },
      { key: 'previous', label: 'Last week', numeric: true },
      { key: 'change', label: 'Change %', numeric: true, format: (v) => formatChange(v as number) },
    ],
    rows: kpis.map((k) => {
      const change = percentChange(k.current, k.previous);
      return {
        metric: k.label,
        current: k.current,
        previous: k.previous,
        change: change === null ? null : Math.round(change * 10) / 10,
      };
    }),
  };
}

/** The daily points behind the sparklines: one row per day of this week, each metric beside last week's. */
export function overviewDailyTable(kpis: Kpi[]): TableData {
  const days = kpis[0]?.days ?? [];
  const columns: TableData['columns'] = [{ key: 'day', label: 'Day', format: (v) => formatDay(String(v)) }];
  for (const k of kpis) {
    const format = (v: unknown) => k.format(typeof v === 'number' ? v : null);
    columns.push({ key: k.id, label: k.label, numeric: true, format });
    columns.push({ key: `${k.id}Previous`, label: `${k.label} a week before`, numeric: true, format });
  }
  const rows = days.map((day, i) => {
    const row: TableData['rows'][number] = { day: day.slice(0, 10) };
    for (const k of kpis) {
      row[k.id] = k.daily[i] ?? null;
      row[`${k.id}Previous`] = k.previousDaily[i] ?? null;
    }
    return row;
  });
  return { columns, rows };
}
