// Under the funnel chart: how long converting takes (the funnel's time-to-convert histogram) and how conversion moved
// over the range (`funnel-trends`, by day or week of entry).

import type { FunnelSpec } from '../../api/types.js';
import type { DateRange, FunnelResult, FunnelTrendsResult, FunnelTrendsSpec } from '../../api/types.js';
import { periodsOption } from '../../charts/bars.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import { formatCount, formatDay, formatDuration, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { unsplitSpec } from './funnel-model.js';

type Bin = { fromMs: number; toMs: number; persons: number };

const binLabel = (b: Bin) => `${formatDuration(b.fromMs)}–${formatDuration(b.toMs)}`;

/** One row per bin of the histogram: the time span and the persons who converted within it. */
export function timeToConvertTable(result: FunnelResult): TableData {
  const bins = result.timeToConvert?.bins ?? [];
  return {
    columns: [
      { key: 'span', label: 'Time to convert' },
      { key: 'fromMs', label: 'From (ms)', numeric: true },
      { key: 'toMs', label: 'To (ms)', numeric: true },
      { key: 'persons', label: 'Persons', numeric: true, format: (v) => formatCount(v as number) },
    ],
    rows: bins.map((b) => ({ span: binLabel(b), fromMs: b.fromMs, toMs: b.toMs, persons: b.persons })),
  };
}

export function timeToConvertOption(result: FunnelResult): ChartOption {
  const bins = result.timeToConvert?.bins ?? [];
  return periodsOption(
    bins.map(binLabel),
    [{ name: 'Persons who converted', kind: 'bar', values: bins.map((b) => b.persons), colour: OKABE_ITO.green }],
    formatCount,
  );
}

const UNIT_DAYS: Record<string, number> = {
  second: 1 / 86_400,
  minute: 1 / 1_440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 30,
};

/**
 * Trend by day for ranges up to 45 days, else by week. Read from the spec, not the result, so that the trend can be
 * asked for together with the funnel.
 */
export function trendInterval(range: DateRange | undefined): 'day' | 'week' {
  const days = !range
    ? 30
    : 'last' in range
      ? range.last.value * (UNIT_DAYS[range.last.unit] ?? 1)
      : (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  return days > 45 ? 'week' : 'day';
}

/** The funnel-trends spec of a funnel: conversion from the first to the last step, by period of entry. */
export function trendSpecOf(spec: FunnelSpec, interval = trendInterval(spec.range)): FunnelTrendsSpec {
  return { ...unsplitSpec(spec), interval, fromStep: 0, toStep: spec.steps.length - 1 };
}

export function trendTable(result: FunnelTrendsResult): TableData {
  return {
    columns: [
      { key: 'period', label: 'Entered', format: (v) => formatDay(String(v)) },
      { key: 'entered', label: 'Entered (persons)', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'converted', label: 'Converted', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'inProgress', label: 'Still in progress', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'conversion', label: 'Conversion', numeric: true, format: (v) => formatPercent(v as number) },
    ],
    rows: result.points.map((p) => ({
      period: p.period,
      entered: p.entered,
      converted: p.converted,
      inProgress: p.inProgress,
      conversion: p.entered === 0 ? null : Math.round(p.conversion * 10_000) / 10_000,
    })),
  };
}

/** Conversion as a line over periods of entry; empty periods have no point rather than a false 0%. */
export function trendOption(result: FunnelTrendsResult): ChartOption {
  const option = periodsOption(
    result.points.map((p) => formatDay(p.period)),
    [
      {
        name: 'Conversion',
        kind: 'line',
        values: result.points.map((p) => (p.entered === 0 ? (null as unknown as number) : p.conversion)),
        colour: OKABE_ITO.blue,
      },
    ],
    (v) => formatPercent(v),
  );
  return {
    ...option,
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: GREY.muted, formatter: (v: number) => formatPercent(v, 0) },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
  };
}
