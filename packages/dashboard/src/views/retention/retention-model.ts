// The retention builder's choices, the spec they make (docs/analytics/retention.md), and the result as a cohort
// heatmap and an average curve, each with the table and CSV of the same numbers.

import type { RetentionPeriod, RetentionResult, RetentionSpec } from '../../api/types.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { Cell, TableData } from '../../lib/table.js';
import { dateRangeOf, daysBefore, rangeProblem, type RangeChoice } from '../journeys/date-range-choice.js';

/** The return event choice that means "the start event again" (the analysis' default). */
export const SAME_AS_START = '';
/** The start or return choice that means "any event". */
export const ANY_EVENT = '(any event)';

export interface RetentionChoices {
  startEvent: string;
  returnEvent: string;
  type: 'first_time' | 'recurring';
  mode: 'on' | 'on_or_after';
  period: RetentionPeriod;
  periods: number;
  /** `cohorts`: the last `periods` periods (the analysis' default); else a date range of cohorts. */
  range: 'cohorts' | RangeChoice;
  from: string;
  to: string;
}

export const PERIOD_LABELS: Record<RetentionPeriod, string> = { day: 'Day', week: 'Week', month: 'Month' };

/** The builder's starting point: do first-time visitors come back, week by week (the documented example). */
export function defaultRetentionChoices(eventNames: string[], today: string): RetentionChoices {
  const start = eventNames.includes('$page') ? '$page' : (eventNames[0] ?? ANY_EVENT);
  return {
    startEvent: start,
    returnEvent: SAME_AS_START,
    type: 'first_time',
    mode: 'on',
    period: 'week',
    periods: 8,
    range: 'cohorts',
    from: daysBefore(today, 55),
    to: today,
  };
}

/** What is wrong with the choices, in the user's words, or null. */
export function retentionProblem(c: RetentionChoices): string | null {
  if (!Number.isInteger(c.periods) || c.periods < 1 || c.periods > 400)
    return 'The number of periods must be a whole number from 1 to 400.';
  return c.range === 'cohorts' ? null : rangeProblem({ ...c, range: c.range });
}

const condition = (event: string) => (event === ANY_EVENT ? {} : { event });

/** The retention spec the choices stand for. */
export function retentionSpecOf(c: RetentionChoices): RetentionSpec {
  return {
    start: condition(c.startEvent),
    ...(c.returnEvent === SAME_AS_START ? {} : { return: condition(c.returnEvent) }),
    type: c.type,
    mode: c.mode,
    period: c.period,
    periods: c.periods,
    ...(c.range === 'cohorts' ? {} : { range: dateRangeOf({ ...c, range: c.range }) }),
  };
}

/** `2026-10-19` for a week or day cohort, `Oct 2026` for a month. */
export function cohortLabel(iso: string, period: RetentionPeriod): string {
  if (period !== 'month') return iso.slice(0, 10);
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export const periodLabel = (period: RetentionPeriod, k: number) => `${PERIOD_LABELS[period]} ${k}`;

export interface RetentionSummary {
  /** Cohort entries: persons (with `recurring`, a person once per cohort). */
  entries: number;
  /** Average retention in period 1, over the cohorts that finished it. */
  firstPeriod: number | null;
  /** The last period with a complete average, and its rate. */
  lastComplete: { period: number; rate: number } | null;
}

export function retentionSummary(result: RetentionResult): RetentionSummary {
  const complete = result.average.filter((p) => p.cohorts > 0 && p.rate !== null);
  const last = complete[complete.length - 1];
  return {
    entries: result.cohorts.reduce((n, c) => n + c.size, 0),
    firstPeriod: result.average[1]?.cohorts ? (result.average[1].rate ?? null) : null,
    lastComplete: last && last.period > 0 ? { period: last.period, rate: last.rate ?? 0 } : null,
  };
}

const round = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 10_000) / 10_000);
const pct = (v: Cell) => formatPercent(v as number);
const count = (v: Cell) => formatCount(v as number);

export type CellMeasure = 'rate' | 'persons';

/**
 * One row per cohort: its size, then per period the share (or the persons) who came back. A period still running
 * is listed (its number can still grow) and named in the last column.
 */
export function cohortTable(result: RetentionResult, measure: CellMeasure): TableData {
  const periods = Array.from({ length: result.periods }, (_, k) => k);
  return {
    columns: [
      { key: 'cohort', label: 'Cohort' },
      { key: 'size', label: 'Persons', numeric: true, format: count },
      ...periods.map((k) => ({
        key: `p${k}`,
        label: periodLabel(result.period, k),
        numeric: true,
        format: measure === 'rate' ? pct : count,
      })),
      { key: 'running', label: 'Still running' },
    ],
    rows: result.cohorts.map((c) => {
      const row: Record<string, Cell> = { cohort: cohortLabel(c.period, result.period), size: c.size };
      c.values.forEach((v, k) => (row[`p${k}`] = measure === 'rate' ? round(v.rate) : v.persons));
      const running = c.values.findIndex((v) => !v.complete);
      row['running'] = running < 0 ? null : periodLabel(result.period, running);
      return row;
    }),
  };
}

/** The average curve: per period, the share retained over the cohorts that finished it. */
export function averageTable(result: RetentionResult): TableData {
  return {
    columns: [
      { key: 'period', label: 'Period' },
      { key: 'rate', label: 'Retained', numeric: true, format: pct },
      { key: 'persons', label: 'Persons retained', numeric: true, format: count },
      { key: 'size', label: 'Persons in those cohorts', numeric: true, format: count },
      { key: 'cohorts', label: 'Cohorts', numeric: true },
    ],
    rows: result.average.map((p) => ({
      period: periodLabel(result.period, p.period),
      rate: p.cohorts === 0 ? null : round(p.rate),
      persons: p.persons,
      size: p.size,
      cohorts: p.cohorts,
    })),
  };
}

/** A heatmap cell: [period k, cohort row, rate in percent], with what the label and tooltip say. */
interface HeatCell {
  value: [number, number, number | null];
  persons: number;
  size: number;
  complete: boolean;
  /** Dark cells get white labels, so the numbers stay readable on every shade. */
  label: { color: string };
}

export function heatmapCells(result: RetentionResult): HeatCell[] {
  return result.cohorts.flatMap((c, row) =>
    c.values.map((v, k) => ({
      value: [k, row, v.rate === null ? null : Math.round(v.rate * 1000) / 10] as [number, number, number | null],
      persons: v.persons,
      size: c.size,
      complete: v.complete,
      label: { color: (v.rate ?? 0) >= 0.65 ? '#fff' : GREY.text },
    })),
  );
}

/** Cohorts down (oldest first), periods across; cells coloured by rate and labelled with it (or the persons). */
export function heatmapOption(result: RetentionResult, measure: CellMeasure): ChartOption {
  const cells = heatmapCells(result);
  const cohorts = result.cohorts.map((c) => `${cohortLabel(c.period, result.period)}  (${formatCount(c.size)})`);
  const periods = Array.from({ length: result.periods }, (_, k) => periodLabel(result.period, k));
  const label = (cell: HeatCell) => {
    const text = measure === 'rate' ? formatPercent((cell.value[2] ?? 0) / 100, 0) : formatCount(cell.persons);
    return cell.value[2] === null ? '–' : `${text}${cell.complete ? '' : '*'}`;
  };
  return {
    grid: { left: 150, right: 24, top: 30, bottom: 64 },
    tooltip: {
      formatter: (p: unknown) => {
        const { data } = p as { data: HeatCell };
        const [k, row] = data.value;
        return [
          `<strong>${cohorts[row] ?? ''}</strong>`,
          `${periods[k] ?? ''}: ${formatPercent((data.value[2] ?? 0) / 100)} came back`,
          `${formatCount(data.persons)} of ${formatCount(data.size)} persons`,
          data.complete ? '' : 'Still running: can still grow',
        ]
          .filter(Boolean)
          .join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: periods,
      position: 'top',
      splitArea: { show: false },
      axisLabel: { color: GREY.text },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'category',
      data: cohorts,
      inverse: true,
      axisLabel: { color: GREY.text, fontFamily: 'inherit' },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 100,
      dimension: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: ['100%', '0%'],
      textStyle: { color: GREY.muted },
      inRange: { color: ['#f2f7fb', OKABE_ITO.skyBlue, OKABE_ITO.blue] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: unknown) => label((p as { data: HeatCell }).data),
        },
        emphasis: { itemStyle: { borderColor: GREY.text, borderWidth: 1 } },
      },
    ],
  };
}

/** The heatmap's height per cohort row, in pixels. */
export const HEATMAP_ROW_HEIGHT = 30;

/** The average curve: share retained per period, over the cohorts that finished it. */
export function averageCurveOption(result: RetentionResult): ChartOption {
  const points = result.average;
  return {
    color: [OKABE_ITO.blue],
    grid: { left: 56, right: 32, top: 32, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const p = points[index];
        if (!p) return '';
        return p.cohorts === 0
          ? `<strong>${periodLabel(result.period, p.period)}</strong><br>No cohort has finished it yet`
          : [
              `<strong>${periodLabel(result.period, p.period)}</strong>`,
              `Retained: ${formatPercent(p.rate)}`,
              `${formatCount(p.persons)} of ${formatCount(p.size)} persons in ${p.cohorts} cohort${p.cohorts === 1 ? '' : 's'}`,
            ].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => periodLabel(result.period, p.period)),
      boundaryGap: false,
      axisLabel: { color: GREY.text },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: GREY.muted, formatter: '{value}%' },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    series: [
      {
        name: 'Retained',
        type: 'line',
        symbol: 'circle',
        symbolSize: 7,
        data: points.map((p) => (p.cohorts === 0 || p.rate === null ? null : Math.round(p.rate * 1000) / 10)),
        label: { show: true, position: 'top', formatter: '{c}%', color: GREY.text, fontSize: 11 },
        areaStyle: { opacity: 0.08 },
      },
    ],
  };
}

/** The name a saved retention insight is offered: `Retention: Signed Up → back with Order Completed, by week`. */
export function retentionInsightName(spec: RetentionSpec): string {
  const start = spec.start.event ?? 'any event';
  const back = spec.return === undefined ? 'the same' : (spec.return.event ?? 'any event');
  const recurring = spec.type === 'recurring' ? ' (recurring)' : '';
  return `Retention: ${start} → back with ${back}, by ${spec.period ?? 'week'}${recurring}`;
}
