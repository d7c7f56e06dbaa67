// The paths builder's choices, the spec they make (docs/analytics/paths.md), and the result as a Sankey diagram
// and a table of its transitions, step by step.

import type { PathNode, PathsResult, PathsSpec } from '../../api/types.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, SERIES_COLOURS } from '../../charts/palette.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { Cell, TableData } from '../../lib/table.js';
import { escapeHtml } from './escape-html.js';
import { dateRangeOf, daysBefore, rangeProblem, type RangeChoice } from './date-range-choice.js';

export type PathsDirection = 'from' | 'to' | 'between';

export interface CleanupRule {
  regex: string;
  replacement: string;
}

export interface PathsChoices {
  direction: PathsDirection;
  startEvent: string;
  endEvent: string;
  steps: number;
  /** One path per visit (sessions end after `sessionGapMinutes` idle), or one per person over the range. */
  sessionized: boolean;
  sessionGapMinutes: number;
  /** Events never shown as nodes. */
  exclude: string[];
  /** A property naming nodes instead of the event name ('' for event names), e.g. `$path`. */
  groupBy: string;
  /** Only these events are named by `groupBy` (none: every event with a value). */
  groupEvents: string[];
  cleanup: CleanupRule[];
  topN: number;
  range: RangeChoice;
  from: string;
  to: string;
}

export const DIRECTION_LABELS: Record<PathsDirection, string> = {
  from: 'After an event',
  to: 'Before an event',
  between: 'Between two events',
};

/** The builder's starting point: where do persons go after viewing a product, within a visit. */
export function defaultPathsChoices(eventNames: string[], today: string): PathsChoices {
  const pick = (preferred: string, fallback: number) =>
    eventNames.includes(preferred) ? preferred : (eventNames[fallback] ?? eventNames[0] ?? '');
  return {
    direction: 'from',
    startEvent: pick('Product Viewed', 0),
    endEvent: pick('Order Completed', 1),
    steps: 5,
    sessionized: true,
    sessionGapMinutes: 30,
    exclude: [],
    groupBy: '',
    groupEvents: [],
    cleanup: [],
    topN: 6,
    range: 'last30',
    from: daysBefore(today, 29),
    to: today,
  };
}

const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

export function pathsProblem(c: PathsChoices): string | null {
  if (c.direction !== 'to' && c.startEvent === '') return 'Choose the event paths start from.';
  if (c.direction !== 'from' && c.endEvent === '') return 'Choose the event paths lead to.';
  const minSteps = c.direction === 'between' ? 3 : 2;
  if (!wholeIn(c.steps, minSteps, 20)) return `Steps must be a whole number from ${minSteps} to 20.`;
  if (!wholeIn(c.topN, 1, 100)) return 'Transitions per step must be a whole number from 1 to 100.';
  if (c.sessionized && !wholeIn(c.sessionGapMinutes, 1, 10_080))
    return 'A visit ends after 1 minute to 7 days (10,080 minutes) without events.';
  if (c.cleanup.some((r) => r.regex === '')) return 'Every clean-up rule needs a pattern.';
  if (c.cleanup.length > 0 && c.groupBy === '') return 'Clean-up rules apply to grouped names: choose a property.';
  return rangeProblem(c);
}

/** The paths spec the choices stand for. */
export function pathsSpecOf(c: PathsChoices): PathsSpec {
  const groupBy = c.groupBy.trim();
  return {
    ...(c.direction !== 'to' ? { start: { event: c.startEvent } } : {}),
    ...(c.direction !== 'from' ? { end: { event: c.endEvent } } : {}),
    steps: c.steps,
    sessionized: c.sessionized,
    ...(c.sessionized ? { sessionGapMinutes: c.sessionGapMinutes } : {}),
    ...(c.exclude.length > 0 ? { exclude: c.exclude } : {}),
    ...(groupBy === ''
      ? {}
      : {
          groupBy: { property: groupBy, ...(c.groupEvents.length > 0 ? { events: c.groupEvents } : {}) },
          ...(c.cleanup.length > 0 ? { cleanup: c.cleanup } : {}),
        }),
    topN: c.topN,
    range: dateRangeOf(c),
  };
}

/** The name a saved paths insight is offered: `Paths after Product Viewed (per visit)`. */
export function pathsInsightName(spec: PathsSpec): string {
  const start = spec.start?.event;
  const end = spec.end?.event;
  const what = start && end ? `from ${start} to ${end}` : start ? `after ${start}` : `before ${end ?? 'an event'}`;
  const per = spec.sessionized === false ? 'per person' : 'per visit';
  const grouped = spec.groupBy ? `, by ${spec.groupBy.property}` : '';
  return `Paths ${what} (${per}${grouped})`;
}

/** Nodes the analysis makes up: the rest of a step, and the middle of a long path between two events. */
const SYNTHETIC = new Set(['Other', '…']);

/** `Step 2`, or before an end `2 steps before` … `End`. */
export function stepLabel(step: number, direction: PathsResult['mode']): string {
  if (direction !== 'to') return step === 0 ? 'Start' : `Step ${step}`;
  return step === 0 ? 'End' : `${-step} before`;
}

/** Each transition: the Sankey's links, in the table the CLI prints, with the share of the `from` node's persons. */
export function transitionsTable(result: PathsResult): TableData {
  const nodes = new Map(result.nodes.map((n) => [n.id, n]));
  return {
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'from', label: 'From' },
      { key: 'to', label: 'To' },
      { key: 'persons', label: 'Persons', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'transitions', label: 'Paths', numeric: true, format: (v) => formatCount(v as number) },
      { key: 'share', label: '% of from', numeric: true, format: (v) => formatPercent(v as number) },
    ],
    rows: [...result.links]
      .sort((a, b) => stepOf(nodes.get(a.source)) - stepOf(nodes.get(b.source)) || b.persons - a.persons)
      .map((l) => {
        const from = nodes.get(l.source);
        const row: Record<string, Cell> = {
          step: stepLabel(stepOf(from), result.mode),
          from: from?.name ?? l.source,
          to: nodes.get(l.target)?.name ?? l.target,
          persons: l.persons,
          transitions: l.transitions,
          share: from && from.persons > 0 ? Math.round((l.persons / from.persons) * 10_000) / 10_000 : null,
        };
        return row;
      }),
  };
}

const stepOf = (node: PathNode | undefined) => node?.step ?? 0;

/** The transitions most persons took between two real nodes (not into `Other` or `…`), busiest first. */
export function topTransitions(result: PathsResult, limit = 3): { from: string; to: string; persons: number }[] {
  const names = new Map(result.nodes.map((n) => [n.id, n.name]));
  return [...result.links]
    .filter((l) => !SYNTHETIC.has(names.get(l.target) ?? ''))
    .sort((a, b) => b.persons - a.persons)
    .slice(0, limit)
    .map((l) => ({ from: names.get(l.source) ?? '', to: names.get(l.target) ?? '', persons: l.persons }));
}

/** One colour per node name (the same event has the same colour at every step); made-up nodes are grey. */
export function nodeColours(nodes: PathNode[]): Map<string, string> {
  const colours = new Map<string, string>();
  let next = 0;
  for (const n of [...nodes].sort((a, b) => b.persons - a.persons)) {
    if (colours.has(n.name)) continue;
    colours.set(n.name, SYNTHETIC.has(n.name) ? GREY.axis : (SERIES_COLOURS[next++ % 7] ?? GREY.axis));
  }
  return colours;
}

/** Steps left to right; widths are paths (they add up from node to node), persons are in labels and tooltips. */
export function sankeyOption(result: PathsResult): ChartOption {
  const colours = nodeColours(result.nodes);
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const minStep = Math.min(0, ...result.nodes.map((n) => n.step));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { dataType, data } = p as { dataType: string; data: Record<string, unknown> };
        if (dataType === 'edge') {
          const from = byId.get(data['source'] as string);
          const to = byId.get(data['target'] as string);
          return [
            `<strong>${escapeHtml(from?.name ?? '')} → ${escapeHtml(to?.name ?? '')}</strong>`,
            `${formatCount(data['persons'] as number)} persons, ${formatCount(data['value'] as number)} paths`,
            from && from.persons > 0
              ? `${formatPercent((data['persons'] as number) / from.persons)} of ${escapeHtml(from.name)}`
              : '',
          ]
            .filter(Boolean)
            .join('<br>');
        }
        const node = byId.get(data['name'] as string);
        if (!node) return '';
        return [
          `<strong>${escapeHtml(node.name)}</strong> · ${stepLabel(node.step, result.mode)}`,
          `${formatCount(node.persons)} persons, ${formatCount(node.paths)} paths`,
          node.ended > 0 ? `${formatCount(node.ended)} paths end here` : '',
        ]
          .filter(Boolean)
          .join('<br>');
      },
    },
    series: [
      {
        type: 'sankey',
        // The Sankey is revealed left to right; a long reveal reads as a broken chart.
        animationDuration: 400,
        left: 8,
        right: 150,
        top: 12,
        bottom: 12,
        nodeWidth: 14,
        nodeGap: 10,
        nodeAlign: 'left',
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        data: result.nodes.map((n) => ({
          name: n.id,
          depth: n.step - minStep,
          itemStyle: { color: colours.get(n.name) ?? GREY.axis, borderWidth: 0 },
        })),
        links: result.links.map((l) => ({
          source: l.source,
          target: l.target,
          value: l.transitions,
          persons: l.persons,
        })),
        lineStyle: { color: 'gradient', opacity: 0.28, curveness: 0.5 },
        label: {
          color: GREY.text,
          fontSize: 12,
          formatter: (p: unknown) => {
            const node = byId.get((p as { name: string }).name);
            return node ? `${truncate(node.name, 22)}  ${formatCount(node.persons)}` : '';
          },
        },
      },
    ],
  };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
