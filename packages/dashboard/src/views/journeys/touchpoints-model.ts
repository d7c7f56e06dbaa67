// The channel paths before a conversion (docs/analytics/touchpoints.md): the builder's choices and spec, the paths
// as a table and a bar chart, and the credit each channel earns under first-touch, last-touch and linear attribution.

import type { TimeUnit, TouchpointsResult, TouchpointsSpec } from '../../api/types.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import { formatAmount, formatCount, formatPercent } from '../../lib/format.js';
import type { Cell, TableData } from '../../lib/table.js';
import { escapeHtml } from './escape-html.js';
import { dateRangeOf, daysBefore, rangeProblem, type RangeChoice } from './date-range-choice.js';

export interface TouchpointsChoices {
  conversionEvent: string;
  lookbackValue: number;
  lookbackUnit: TimeUnit;
  by: 'channel' | 'source_medium';
  topPaths: number;
  sort: 'converting' | 'conversion_rate';
  minPersons: number;
  range: RangeChoice;
  from: string;
  to: string;
}

export const OTHER_PATHS = '(other paths)';

export function defaultTouchpointsChoices(eventNames: string[], today: string): TouchpointsChoices {
  return {
    conversionEvent: eventNames.includes('Order Completed') ? 'Order Completed' : (eventNames[0] ?? ''),
    lookbackValue: 30,
    lookbackUnit: 'day',
    by: 'channel',
    topPaths: 10,
    sort: 'converting',
    minPersons: 1,
    range: 'last90',
    from: daysBefore(today, 89),
    to: today,
  };
}

export function touchpointsProblem(c: TouchpointsChoices): string | null {
  if (c.conversionEvent === '') return 'Choose the event that counts as converting.';
  if (!Number.isInteger(c.lookbackValue) || c.lookbackValue < 1)
    return 'The lookback must be a whole number, 1 or more.';
  if (!Number.isInteger(c.topPaths) || c.topPaths < 1 || c.topPaths > 500)
    return 'Paths listed must be a whole number from 1 to 500.';
  if (!Number.isInteger(c.minPersons) || c.minPersons < 1) return 'The minimum of persons must be 1 or more.';
  return rangeProblem(c);
}

export function touchpointsSpecOf(c: TouchpointsChoices): TouchpointsSpec {
  return {
    conversion: { event: c.conversionEvent },
    lookback: { value: c.lookbackValue, unit: c.lookbackUnit },
    by: c.by,
    topPaths: c.topPaths,
    sort: c.sort,
    ...(c.minPersons > 1 ? { minPersons: c.minPersons } : {}),
    range: dateRangeOf(c),
  };
}

/** The name a saved channel paths insight is offered: `Channel paths to Order Completed (14 days)`. */
export function touchpointsInsightName(spec: TouchpointsSpec): string {
  const by = spec.by === 'source_medium' ? 'Source / medium paths' : 'Channel paths';
  const lookback = spec.lookback
    ? ` (${spec.lookback.value} ${spec.lookback.unit}${spec.lookback.value === 1 ? '' : 's'})`
    : '';
  return `${by} to ${spec.conversion.event}${lookback}`;
}

const count = (v: Cell) => formatCount(v as number);
const pct = (v: Cell) => formatPercent(v as number);
const money = (v: Cell) => formatAmount(v as number);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The listed paths, then every other path summed up, so the rows add up to the totals. */
export function channelPathsTable(result: TouchpointsResult): TableData {
  const other = result.otherPaths;
  const otherPersons = other.converting + other.nonConverting;
  return {
    columns: [
      { key: 'path', label: 'Channel path' },
      { key: 'converting', label: 'Converted', numeric: true, format: count },
      { key: 'nonConverting', label: 'Did not convert', numeric: true, format: count },
      { key: 'rate', label: 'Conversion', numeric: true, format: pct },
      { key: 'revenue', label: 'Revenue', numeric: true, format: money },
    ],
    rows: [
      ...result.paths.map((p) => ({
        path: p.path,
        converting: p.converting,
        nonConverting: p.nonConverting,
        rate: round(p.conversionRate),
        revenue: p.revenue,
      })),
      ...(otherPersons > 0
        ? [
            {
              path: OTHER_PATHS,
              converting: other.converting,
              nonConverting: other.nonConverting,
              rate: round(other.converting / otherPersons),
              revenue: other.revenue,
            },
          ]
        : []),
    ],
  };
}

/** Horizontal bars, the first path on top: who converted and who did not, each labelled with its count. */
export function channelPathsOption(result: TouchpointsResult): ChartOption {
  const paths = result.paths;
  return {
    color: [OKABE_ITO.blue, OKABE_ITO.orange],
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    grid: { left: 8, right: 72, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = paths[(params as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        if (!p) return '';
        return [
          `<strong>${escapeHtml(p.path)}</strong>`,
          `Converted: ${formatCount(p.converting)} (${formatPercent(p.conversionRate)})`,
          `Did not convert: ${formatCount(p.nonConverting)}`,
          `Revenue: ${formatAmount(p.revenue)}`,
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'value',
      name: 'Persons',
      nameTextStyle: { color: GREY.muted },
      axisLabel: { color: GREY.muted },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: paths.map((p) => p.path),
      axisLabel: { color: GREY.text, width: 220, overflow: 'truncate' },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    series: [
      {
        name: 'Converted',
        type: 'bar',
        data: paths.map((p) => p.converting),
        label: {
          show: true,
          position: 'right',
          color: GREY.text,
          formatter: (p: unknown) => {
            const path = paths[(p as { dataIndex: number }).dataIndex];
            return path ? `${formatCount(path.converting)} · ${formatPercent(path.conversionRate)}` : '';
          },
        },
      },
      {
        name: 'Did not convert',
        type: 'bar',
        data: paths.map((p) => p.nonConverting),
        itemStyle: { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 } },
        label: {
          show: true,
          position: 'right',
          color: GREY.muted,
          formatter: (p: unknown) => formatCount((p as { value: number }).value),
        },
      },
    ],
  };
}

/** Per channel: conversions credited by each model, and those it assisted. */
export function channelCreditTable(result: TouchpointsResult): TableData {
  return {
    columns: [
      { key: 'channel', label: result.by === 'channel' ? 'Channel' : 'Source / medium' },
      { key: 'converting', label: 'Converted', numeric: true, format: count },
      { key: 'rate', label: 'Conversion', numeric: true, format: pct },
      { key: 'first', label: 'First touch', numeric: true, format: count },
      { key: 'last', label: 'Last touch', numeric: true, format: count },
      { key: 'linear', label: 'Linear', numeric: true, format: (v) => (v as number).toFixed(1) },
      { key: 'assisted', label: 'Assisted', numeric: true, format: count },
      { key: 'linearRevenue', label: 'Linear revenue', numeric: true, format: money },
    ],
    rows: result.channels.map((c) => ({
      channel: c.channel,
      converting: c.converting,
      rate: round(c.conversionRate),
      first: c.firstTouch.conversions,
      last: c.lastTouch.conversions,
      linear: round(c.linear.conversions, 2),
      assisted: c.assisted.conversions,
      linearRevenue: round(c.linear.revenue, 2),
    })),
  };
}

const MODELS = [
  { name: 'First touch', pick: (c: TouchpointsResult['channels'][number]) => c.firstTouch.conversions },
  { name: 'Last touch', pick: (c: TouchpointsResult['channels'][number]) => c.lastTouch.conversions },
  { name: 'Linear', pick: (c: TouchpointsResult['channels'][number]) => round(c.linear.conversions, 1) },
] as const;

/** Grouped bars per channel, one per attribution model; the models differ in colour and pattern. */
export function channelCreditOption(result: TouchpointsResult): ChartOption {
  const channels = result.channels;
  const decals = [
    undefined,
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 },
    { symbol: 'circle', symbolSize: 0.6, dashArrayX: [4, 4], dashArrayY: [4, 4] },
  ];
  return {
    color: [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green],
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    grid: { left: 48, right: 16, top: 64, bottom: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: channels.map((c) => c.channel),
      axisLabel: {
        color: GREY.text,
        interval: 0,
        rotate: channels.length > 6 ? 25 : 0,
        width: 110,
        overflow: 'truncate',
      },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    yAxis: {
      type: 'value',
      name: 'Conversions',
      nameTextStyle: { color: GREY.muted, align: 'left' },
      axisLabel: { color: GREY.muted },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    series: MODELS.map((m, i) => ({
      name: m.name,
      type: 'bar' as const,
      barMaxWidth: 22,
      data: channels.map(m.pick),
      ...(decals[i] ? { itemStyle: { decal: decals[i] } } : {}),
    })),
  };
}
