// Chart options for bars across (sizes, shares, comparisons) and for series over periods (a line for a level, bars
// for counts). Categories read top to bottom in the order given; values are named in the legend and the tooltip.

import type { ChartOption } from './echarts.js';
import { GREY, SERIES_COLOURS } from './palette.js';

export interface BarSeries {
  name: string;
  values: number[];
  /** Hatched bars, so a second series does not differ by colour alone. */
  hatched?: boolean;
}

const DECAL = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 };

/** Bars across, one row per category (first on top), one bar per series; `format` labels values and the axis. */
export function horizontalBarsOption(
  categories: string[],
  series: BarSeries[],
  format: (value: number) => string,
): ChartOption {
  return {
    color: SERIES_COLOURS,
    animationDuration: 300,
    grid: { left: 8, right: 56, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } } : { show: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '–'),
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: GREY.muted, formatter: (v: number) => format(v) },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: { color: GREY.text, width: 180, overflow: 'truncate' },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      barMaxWidth: 22,
      data: s.values,
      label: {
        show: true,
        position: 'right',
        color: GREY.text,
        formatter: (p: { value: unknown }) => format(Number(p.value)),
      },
      ...(s.hatched ? { itemStyle: { decal: DECAL } } : {}),
    })),
  };
}

/** Columns over periods: `kind: 'line'` for a level (members), `'bar'` for counts; several series side by side. */
export function periodsOption(
  periods: string[],
  series: (BarSeries & { kind: 'line' | 'bar'; colour?: string })[],
  format: (value: number) => string,
): ChartOption {
  return {
    color: SERIES_COLOURS,
    animationDuration: 300,
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : '–') },
    xAxis: {
      type: 'category',
      data: periods,
      axisLabel: { color: GREY.text },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: GREY.muted, formatter: (v: number) => format(v) },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    series: series.map((s) =>
      s.kind === 'line'
        ? {
            name: s.name,
            type: 'line',
            data: s.values,
            symbolSize: 6,
            lineStyle: { width: 2.5 },
            areaStyle: { opacity: 0.08 },
            ...(s.colour ? { itemStyle: { color: s.colour }, lineStyle: { width: 2.5, color: s.colour } } : {}),
          }
        : {
            name: s.name,
            type: 'bar',
            barMaxWidth: 28,
            data: s.values,
            itemStyle: { ...(s.colour ? { color: s.colour } : {}), ...(s.hatched ? { decal: DECAL } : {}) },
          },
    ),
  };
}
