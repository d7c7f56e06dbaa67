// The funnel builder's choices, the spec they make, and the result as a table and a chart: steps reached, with the
// drop-off from the step before stacked on top (dropped and still in progress apart).

import type { FunnelSpec } from '../../api/types.js';
import type { FunnelResult, TimeUnit } from '../../api/types.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import type { ChartOption } from '../../charts/echarts.js';
import { formatCount, formatDuration, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import {
  exclusionsProblem,
  filterOf,
  filterProblem,
  limitsProblem,
  stepSpecs,
  timeBetweenOf,
  timeBetweenProblem,
  type ExclusionChoice,
  type FilterChoice,
  type StepLimit,
  type TimeBetweenChoice,
} from './builder-model.js';

export type RangeChoice = 'last7' | 'last30' | 'last90' | 'custom';

export interface FunnelChoices {
  steps: string[];
  order: 'ordered' | 'strict' | 'unordered';
  windowValue: number;
  windowUnit: TimeUnit;
  range: RangeChoice;
  /** Days (YYYY-MM-DD) of a custom range, both included. */
  from: string;
  to: string;
  /** Property filters of each step, by step index. */
  where?: FilterChoice[][];
  /** Each step's time limit from the step before, by step index (none on the first). */
  limits?: (StepLimit | null)[];
  /** Which attempt of a person counts: the furthest (`best`, the default) or the first. */
  attempt?: 'best' | 'first';
  /** Filters on the person's traits: only persons matching all of them count. */
  persons?: FilterChoice[];
  exclusions?: ExclusionChoice[];
  /** Bounds on the time between two steps (`timeBetween` in the spec). */
  timeBetween?: TimeBetweenChoice[];
  /** A property to split every number by; empty or absent for none. */
  breakdown?: string;
  /** Whether `breakdown` is an event property (the default) or a person's trait. */
  breakdownOn?: 'event' | 'person';
  /** The id of a saved segment whose members only count; empty or absent for everyone. */
  segment?: string;
}

export const RANGE_LABELS: Record<RangeChoice, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  custom: 'Custom dates',
};

const RANGE_DAYS = { last7: 7, last30: 30, last90: 90 } as const;

/** A builder's starting point: the first events a project has, most frequent first. */
export function defaultChoices(eventNames: string[], today: string): FunnelChoices {
  const preferred = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
  const steps = preferred.every((e) => eventNames.includes(e)) ? preferred : eventNames.slice(0, 3);
  const from = new Date(Date.parse(today) - 29 * 86_400_000).toISOString().slice(0, 10);
  return {
    steps,
    order: 'ordered',
    attempt: 'best',
    windowValue: 7,
    windowUnit: 'day',
    range: 'last30',
    from,
    to: today,
  };
}

/** What is wrong with the choices, in the user's words, or null when they make a funnel. */
export function choicesProblem(c: FunnelChoices): string | null {
  if (c.steps.length < 2) return 'A funnel needs at least two steps.';
  if (c.steps.some((s) => s === '')) return 'Choose an event for every step.';
  if (!Number.isInteger(c.windowValue) || c.windowValue < 1)
    return 'The conversion window must be a whole number, 1 or more.';
  if (c.range === 'custom') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.from) || !/^\d{4}-\d{2}-\d{2}$/.test(c.to))
      return 'Choose both dates of the range.';
    if (c.from > c.to) return 'The range must start before it ends.';
  }
  const filterIssue = (c.where ?? [])
    .flat()
    .map((f) => filterProblem(f))
    .find((p) => p !== null);
  const traitIssue = (c.persons ?? []).map((f) => filterProblem(f, 'trait')).find((p) => p !== null);
  return (
    filterIssue ??
    traitIssue ??
    limitsProblem(c.limits ?? [], c.order) ??
    exclusionsProblem(c.exclusions ?? [], c.steps.length, c.order) ??
    timeBetweenProblem(c.timeBetween ?? [], c.steps.length, c.order)
  );
}

/** The funnel spec the choices stand for (docs/analytics/funnels.md). A custom range includes its last day. */
export function funnelSpecOf(c: FunnelChoices): FunnelSpec {
  const range =
    c.range === 'custom'
      ? {
          from: `${c.from}T00:00:00.000Z`,
          to: new Date(Date.parse(`${c.to}T00:00:00.000Z`) + 86_400_000).toISOString(),
        }
      : { last: { value: RANGE_DAYS[c.range], unit: 'day' as const } };
  return {
    steps: stepSpecs(c.steps, c.where, c.limits),
    order: c.order,
    ...(c.attempt ? { attempt: c.attempt } : {}),
    window: { value: c.windowValue, unit: c.windowUnit },
    range,
    ...(c.persons?.length ? { persons: c.persons.map((f) => filterOf(f, 'person')) } : {}),
    ...(c.exclusions?.length ? { exclusions: c.exclusions.map((e) => ({ ...e })) } : {}),
    ...(c.timeBetween?.length ? { timeBetween: timeBetweenOf(c.timeBetween) } : {}),
    ...(c.breakdown
      ? {
          breakdown: {
            ...(c.breakdownOn === 'person' ? { on: 'person' as const } : {}),
            property: c.breakdown,
            limit: 5,
          },
        }
      : {}),
    ...(c.segment ? { segment: c.segment } : {}),
  };
}

/** The spec for the follow-up analyses (trend, drop-off, persons): the same funnel, not split by a breakdown. */
export function unsplitSpec<S extends FunnelSpec>(spec: S): S {
  const whole = { ...spec };
  delete whole.breakdown;
  delete whole.timeToConvert;
  return whole;
}

/** One row per step: the numbers the chart draws, and what the CSV holds. */
export function funnelTable(result: FunnelResult): TableData {
  const pct = (v: unknown) => formatPercent(v as number);
  return {
    columns: [
      { key: 'step', label: 'Step', numeric: true },
      { key: 'name', label: 'Name' },
      { key: 'persons', label: 'Persons', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'fromStart', label: '% of start', numeric: true, format: pct },
      { key: 'fromPrevious', label: '% of previous', numeric: true, format: pct },
      { key: 'dropped', label: 'Dropped off', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'inProgress', label: 'Still in progress', numeric: true, format: (v) => formatCount(v as number) },
      {
        key: 'medianMs',
        label: 'Median time from previous',
        numeric: true,
        format: (v) => formatDuration(v as number),
      },
    ],
    rows: result.steps.map((s) => ({
      step: s.index + 1,
      name: s.name,
      persons: s.count,
      fromStart: round(s.conversionFromStart),
      fromPrevious: round(s.conversionFromPrevious),
      dropped: s.dropped,
      inProgress: s.inProgress,
      medianMs: s.index === 0 ? null : s.medianMsFromPrevious,
    })),
  };
}

const round = (ratio: number) => Math.round(ratio * 10_000) / 10_000;

/** Persons who entered, who completed, and the share. */
export function funnelSummary(result: FunnelResult): { entered: number; completed: number; conversion: number | null } {
  const entered = result.steps[0]?.count ?? 0;
  const completed = result.steps[result.steps.length - 1]?.count ?? 0;
  return { entered, completed, conversion: entered === 0 ? null : completed / entered };
}

/** Bars of persons per step; above each, who dropped off since the step before, and who may still come. */
export function funnelChartOption(result: FunnelResult): ChartOption {
  const steps = result.steps;
  const labels = steps.map((s, i) => `${i + 1}. ${s.name}`);
  return {
    color: [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.skyBlue],
    grid: { left: 56, right: 16, top: 64, bottom: 48 },
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const s = steps[index];
        if (!s) return '';
        const lines = [
          `<strong>${escapeHtml(labels[index] ?? '')}</strong>`,
          `Reached: ${formatCount(s.count)} (${formatPercent(s.conversionFromStart)} of start)`,
        ];
        if (index > 0)
          lines.push(
            `From previous: ${formatPercent(s.conversionFromPrevious)}`,
            `Dropped off: ${formatCount(s.dropped)}`,
            `Still in progress: ${formatCount(s.inProgress)}`,
          );
        return lines.join('<br>');
      },
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
    series: [
      {
        name: 'Reached the step',
        type: 'bar',
        stack: 'step',
        barMaxWidth: 96,
        data: steps.map((s) => s.count),
        label: {
          show: true,
          position: 'insideTop',
          color: '#fff',
          fontWeight: 600,
          formatter: (p: unknown) =>
            formatPercent(steps[(p as { dataIndex: number }).dataIndex]?.conversionFromStart ?? null),
        },
      },
      {
        name: 'Dropped off',
        type: 'bar',
        stack: 'step',
        data: steps.map((s, i) => (i === 0 ? 0 : s.dropped)),
        itemStyle: {
          opacity: 0.35,
          decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 },
        },
      },
      {
        name: 'Still in progress',
        type: 'bar',
        stack: 'step',
        data: steps.map((s, i) => (i === 0 ? 0 : s.inProgress)),
        itemStyle: { opacity: 0.6 },
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
