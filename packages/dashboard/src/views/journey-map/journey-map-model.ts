// The journey map (docs/analytics/stages.md): the spec of the builder's choices, and the stages result as charts and
// tables: persons per stage with conversion, the moves between stages, time in stage, and first touches per stage.

import type { Stage, StagesResult, StagesSpec } from '../../api/types.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, OKABE_ITO, SERIES_COLOURS } from '../../charts/palette.js';
import { formatCount, formatDuration, formatPercent } from '../../lib/format.js';
import type { Cell, TableData } from '../../lib/table.js';
import { dateRangeOf, daysBefore, rangeProblem, type RangeChoice } from '../journeys/date-range-choice.js';
import { escapeHtml } from '../journeys/escape-html.js';

/** First-touch properties a person's stages can be broken down by (a subset of the analysis' list). */
export const TOUCH_PROPERTIES = [
  { value: '$channel', label: 'Channel' },
  { value: '$utm_source', label: 'UTM source' },
  { value: '$utm_campaign', label: 'UTM campaign' },
  { value: '$referrer_domain', label: 'Referrer' },
  { value: '$device_type', label: 'Device type' },
] as const;

export interface JourneyMapChoices {
  range: RangeChoice;
  from: string;
  to: string;
  /** The first-touch property of "touchpoints per stage". */
  touch: string;
  touchLimit: number;
}

export function defaultJourneyMapChoices(today: string): JourneyMapChoices {
  return { range: 'last30', from: daysBefore(today, 29), to: today, touch: '$channel', touchLimit: 6 };
}

export function journeyMapProblem(c: JourneyMapChoices): string | null {
  if (!Number.isInteger(c.touchLimit) || c.touchLimit < 1 || c.touchLimit > 50)
    return 'Values shown must be a whole number from 1 to 50.';
  return rangeProblem(c);
}

/** The spec leaves `stages` out, so the project's saved map (or the default) answers. */
export function stagesSpecOf(c: JourneyMapChoices): StagesSpec {
  return { range: dateRangeOf(c), breakdown: [c.touch], breakdownLimit: c.touchLimit };
}

/** A stage's condition in words: "Order Completed, at least 2 times". */
export function stageCondition(stage: Stage): string {
  const events = (stage.events ?? []).map((e) => (e.where?.length ? `${e.event} (${filtersText(e.where)})` : e.event));
  const eventText =
    events.length === 0
      ? ''
      : `${events.join(' or ')}${stage.minCount && stage.minCount > 1 ? `, at least ${stage.minCount} times` : ''}`;
  const traitText = stage.traits?.length ? `trait ${filtersText(stage.traits)}` : '';
  if (eventText && traitText) return `${eventText} ${stage.combine === 'any' ? 'or' : 'and'} ${traitText}`;
  return eventText || traitText || 'No condition';
}

const OPS: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  contains: 'contains',
  not_contains: 'does not contain',
  is_set: 'is set',
  is_not_set: 'is not set',
};

function filtersText(filters: NonNullable<Stage['traits']>): string {
  return filters
    .map((f) => {
      const value = Array.isArray(f.value) ? f.value.join(', ') : f.value === undefined ? '' : String(f.value);
      return `${f.property} ${OPS[f.op] ?? f.op}${value === '' ? '' : ` ${value}`}`;
    })
    .join(' and ');
}

const count = (v: Cell) => formatCount(v as number);
const ratio = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** One row per stage: the analysis' per-stage summary (its `--format table`), times in milliseconds. */
export function stagesTable(result: StagesResult): TableData {
  return {
    columns: [
      { key: 'stage', label: 'Stage' },
      { key: 'current', label: 'In stage now', numeric: true, format: count },
      { key: 'reached', label: 'Reached', numeric: true, format: count },
      { key: 'entered', label: 'Entered', numeric: true, format: count },
      { key: 'skipped', label: 'Went past', numeric: true, format: count },
      { key: 'newEntries', label: 'New in range', numeric: true, format: count },
      { key: 'conversion', label: 'To next stage', numeric: true, format: (v) => formatPercent(v as number) },
      { key: 'medianMs', label: 'Median time in stage', numeric: true, format: (v) => formatDuration(v as number) },
    ],
    rows: result.stages.map((s) => ({
      stage: s.name,
      current: s.current,
      reached: s.reached,
      entered: s.entered,
      skipped: s.skipped,
      newEntries: s.newEntries,
      conversion: ratio(s.conversionToNext),
      medianMs: s.medianMsInStage,
    })),
  };
}

/** Persons who reached each stage (or went further), those in it now inside, and the conversion to the next. */
export function stagesOption(result: StagesResult): ChartOption {
  const stages = result.stages;
  return {
    color: [OKABE_ITO.skyBlue, OKABE_ITO.blue],
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    grid: { left: 56, right: 16, top: 56, bottom: 52 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const s = stages[(params as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        if (!s) return '';
        return [
          `<strong>${escapeHtml(s.name)}</strong>`,
          `Reached: ${formatCount(s.reached)}`,
          `In this stage now: ${formatCount(s.current)}`,
          `New in range: ${formatCount(s.newEntries)}`,
          s.conversionToNext === null ? '' : `On to the next stage: ${formatPercent(s.conversionToNext)}`,
          s.medianMsInStage === null ? '' : `Median time in stage: ${formatDuration(s.medianMsInStage)}`,
        ]
          .filter(Boolean)
          .join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      // The conversion to the next stage under each stage's name, so it reads without the tooltip.
      data: stages.map((s) =>
        s.conversionToNext === null ? s.name : `${s.name}\n→ ${formatPercent(s.conversionToNext)} go on`,
      ),
      axisLabel: { color: GREY.text, interval: 0, lineHeight: 16 },
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
        name: 'Reached (here or further)',
        type: 'bar',
        barGap: '-100%',
        barMaxWidth: 88,
        data: stages.map((s) => s.reached),
        itemStyle: { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4 } },
        label: {
          show: true,
          position: 'top',
          color: GREY.text,
          formatter: (p: unknown) => formatCount((p as { value: number }).value),
        },
      },
      {
        name: 'In this stage now',
        type: 'bar',
        barMaxWidth: 88,
        data: stages.map((s) => s.current),
        label: {
          show: true,
          position: 'insideBottom',
          color: '#fff',
          formatter: (p: unknown) => formatCount((p as { value: number }).value),
        },
      },
    ],
  };
}

/** Each move between stages: who made it and the median time it took. */
export function transitionsTable(result: StagesResult): TableData {
  const reached = new Map(result.stages.map((s) => [s.name, s.entered]));
  return {
    columns: [
      { key: 'from', label: 'From' },
      { key: 'to', label: 'To' },
      { key: 'persons', label: 'Persons', numeric: true, format: count },
      { key: 'share', label: '% of from', numeric: true, format: (v) => formatPercent(v as number) },
      { key: 'medianMs', label: 'Median time', numeric: true, format: (v) => formatDuration(v as number) },
    ],
    rows: result.transitions.map((t) => {
      const from = reached.get(t.from) ?? 0;
      return {
        from: t.from,
        to: t.to,
        persons: t.persons,
        share: from === 0 ? null : ratio(t.persons / from),
        medianMs: t.medianMs,
      };
    }),
  };
}

/** The moves between stages as a Sankey, stages left to right in map order; a skipped stage is a longer link. */
export function transitionsOption(result: StagesResult): ChartOption {
  const index = new Map(result.stages.map((s) => [s.name, s.index]));
  const byName = new Map(result.stages.map((s) => [s.name, s]));
  const moved = new Set(result.transitions.flatMap((t) => [t.from, t.to]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataType, data } = p as { dataType: string; data: Record<string, unknown> };
        if (dataType === 'edge')
          return [
            `<strong>${escapeHtml(String(data['source']))} → ${escapeHtml(String(data['target']))}</strong>`,
            `${formatCount(data['value'] as number)} persons`,
            data['medianMs'] === null ? '' : `Median time: ${formatDuration(data['medianMs'] as number)}`,
          ]
            .filter(Boolean)
            .join('<br>');
        const s = byName.get(String(data['name']));
        return s ? `<strong>${escapeHtml(s.name)}</strong><br>Entered: ${formatCount(s.entered)}` : '';
      },
    },
    series: [
      {
        type: 'sankey',
        // The Sankey is revealed left to right; a long reveal reads as a broken chart.
        animationDuration: 400,
        left: 8,
        right: 120,
        top: 12,
        bottom: 12,
        nodeWidth: 14,
        nodeGap: 14,
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        data: result.stages
          .filter((s) => moved.has(s.name))
          .map((s) => ({
            name: s.name,
            depth: s.index,
            itemStyle: { color: SERIES_COLOURS[s.index % 7] ?? GREY.axis, borderWidth: 0 },
          })),
        links: result.transitions
          .filter((t) => (index.get(t.to) ?? 0) > (index.get(t.from) ?? 0))
          .map((t) => ({ source: t.from, target: t.to, value: t.persons, medianMs: t.medianMs })),
        lineStyle: { color: 'gradient', opacity: 0.3, curveness: 0.5 },
        label: {
          color: GREY.text,
          formatter: (p: unknown) => {
            const s = byName.get((p as { name: string }).name);
            return s ? `${s.name}  ${formatCount(s.entered)}` : '';
          },
        },
      },
    ],
  };
}

/** Per first-touch value: persons, and how many of them reached each stage. */
export function touchpointsTable(result: StagesResult): TableData {
  const breakdown = result.breakdowns[0];
  const stages = result.stages;
  return {
    columns: [
      { key: 'value', label: touchLabel(breakdown?.property ?? '') },
      { key: 'persons', label: 'Persons', numeric: true, format: count },
      ...stages.map((s) => ({ key: `s${s.index}`, label: `Reached ${s.name}`, numeric: true, format: count })),
      ...(stages.length > 1
        ? [
            {
              key: 'conversion',
              label: `${stages[0]?.name} → ${stages[stages.length - 1]?.name}`,
              numeric: true,
              format: (v: Cell) => formatPercent(v as number),
            },
          ]
        : []),
    ],
    rows: (breakdown?.values ?? []).map((v) => {
      const row: Record<string, Cell> = { value: v.value, persons: v.persons };
      stages.forEach((s) => (row[`s${s.index}`] = v.reached[s.index] ?? 0));
      const first = v.reached[0] ?? 0;
      if (stages.length > 1)
        row['conversion'] = first === 0 ? null : ratio((v.reached[stages.length - 1] ?? 0) / first);
      return row;
    }),
  };
}

export const touchLabel = (property: string) => TOUCH_PROPERTIES.find((p) => p.value === property)?.label ?? property;

/** Per stage, the mix of first touches among those who reached it: one 100% bar per stage, one band per value. */
export function touchpointsOption(result: StagesResult): ChartOption {
  const breakdown = result.breakdowns[0];
  const values = breakdown?.values ?? [];
  const stages = result.stages;
  const share = (k: number, i: number) => {
    const total = stages[k]?.reached ?? 0;
    const n = values[i]?.reached[k] ?? 0;
    return total === 0 ? 0 : Math.round((n / total) * 1000) / 10;
  };
  return {
    color: SERIES_COLOURS,
    legend: { top: 0, left: 0, itemWidth: 14, textStyle: { color: GREY.text } },
    grid: { left: 8, right: 24, top: 56, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number; seriesIndex: number; marker: string }[];
        const k = list[0]?.dataIndex ?? 0;
        return [
          `<strong>Reached ${escapeHtml(stages[k]?.name ?? '')}</strong>`,
          ...list.map((p) => {
            const v = values[p.seriesIndex];
            return `${p.marker}${escapeHtml(v?.value ?? '')}: ${formatCount(v?.reached[k] ?? 0)} (${share(k, p.seriesIndex)}%)`;
          }),
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'value',
      max: 100,
      axisLabel: { color: GREY.muted, formatter: '{value}%' },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: stages.map((s) => s.name),
      axisLabel: { color: GREY.text },
      axisLine: { lineStyle: { color: GREY.axis } },
    },
    series: values.map((v, i) => ({
      name: v.value,
      type: 'bar' as const,
      stack: 'share',
      barMaxWidth: 30,
      data: stages.map((_, k) => share(k, i)),
      label: {
        show: true,
        color: i === 0 || i === 3 ? '#fff' : GREY.text,
        fontSize: 11,
        // Names inside wide bands, so the bands are told apart by more than colour.
        formatter: (p: unknown) => {
          const value = (p as { value: number }).value;
          return value >= 14 ? `${v.value} ${value}%` : value >= 6 ? `${value}%` : '';
        },
      },
    })),
  };
}

/** The name a saved journey map is offered: `Journey map, touchpoints by channel`. */
export function journeyMapInsightName(spec: StagesSpec): string {
  const touch = spec.breakdown?.[0];
  return touch === undefined ? 'Journey map' : `Journey map, touchpoints by ${touchLabel(touch).toLowerCase()}`;
}
