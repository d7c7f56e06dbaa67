// A funnel split by a property: persons per step for each of its top values, as grouped bars and as a table.

import type { FunnelResult } from '../../api/types.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, SERIES_COLOURS } from '../../charts/palette.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';

const DECALS = [
  undefined,
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 },
  { symbol: 'circle', symbolSize: 0.6, dashArrayX: [4, 4], dashArrayY: [4, 4] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4 },
  { symbol: 'rect', dashArrayX: [[1, 2]], dashArrayY: [1, 0] },
];

/** One row per value and step: persons, conversion from the start, dropped off. */
export function breakdownTable(result: FunnelResult): TableData {
  const values = result.breakdown?.values ?? [];
  return {
    columns: [
      { key: 'value', label: result.breakdown?.property ?? 'Value' },
      { key: 'step', label: 'Step', numeric: true },
      { key: 'name', label: 'Name' },
      { key: 'persons', label: 'Persons', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'fromStart', label: '% of start', numeric: true, format: (v) => formatPercent(v as number) },
      { key: 'dropped', label: 'Dropped off', numeric: true, format: (v) => formatCount(v as number) },
    ],
    rows: values.flatMap((v) =>
      v.steps.map((s) => ({
        value: v.value,
        step: s.index + 1,
        name: s.name,
        persons: s.count,
        fromStart: Math.round(s.conversionFromStart * 10_000) / 10_000,
        dropped: s.dropped,
      })),
    ),
  };
}

/** Steps across; for each step a group of bars, one per value (each value also patterned, named in the legend). */
export function breakdownOption(result: FunnelResult): ChartOption {
  const values = result.breakdown?.values ?? [];
  const labels = result.steps.map((s, i) => `${i + 1}. ${s.name}`);
  return {
    color: SERIES_COLOURS,
    animationDuration: 300,
    grid: { left: 56, right: 16, top: 40, bottom: 40 },
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatCount(v) : '–'),
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: GREY.text, interval: 0, width: 140, overflow: 'truncate' },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    yAxis: {
      type: 'value',
      name: 'Persons',
      nameTextStyle: { color: GREY.muted, align: 'right' },
      axisLabel: { color: GREY.muted },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    series: values.map((v, i) => {
      const decal = DECALS[i % DECALS.length];
      return {
        name: v.value,
        type: 'bar' as const,
        barMaxWidth: 28,
        data: v.steps.map((s) => s.count),
        ...(decal ? { itemStyle: { decal } } : {}),
      };
    }),
  };
}
