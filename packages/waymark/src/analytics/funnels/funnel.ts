// The funnel analysis: how many persons reach each step, where they drop off, how long steps take, per breakdown
// value. `POST /api/query/funnel`, `waymark query funnel`.

import type { Analysis, ResultTable } from '../analysis.js';
import {
  aggregateSteps,
  bottleneck,
  median,
  timeToConvert,
  type Bottleneck,
  type FunnelStepResult,
  type HistogramBin,
} from './funnel-result.js';
import { matchFunnel, type MatchedPerson } from './funnel-run.js';
import { DEFAULT_WINDOW, parseFunnelSpec, type FunnelSpec } from './funnel-spec.js';

export const OTHER = 'Other';
export const NONE = '(none)';

export interface FunnelResult {
  range: { from: string; to: string };
  order: 'ordered' | 'strict' | 'unordered';
  attempt: 'best' | 'first';
  window: { value: number; unit: string };
  steps: FunnelStepResult[];
  bottleneck: Bottleneck;
  timeToConvert: {
    fromStep: number;
    toStep: number;
    persons: number;
    medianMs: number | null;
    averageMs: number | null;
    bins: HistogramBin[];
  };
  breakdown?: {
    property: string;
    on: 'event' | 'person';
    attribution: 'first_touch' | 'last_touch' | 'step';
    values: { value: string; steps: FunnelStepResult[] }[];
  };
}

export function stepInfo(spec: FunnelSpec): { name: string; event: string }[] {
  return spec.steps.map((s) => ({ name: s.name ?? s.event, event: s.event }));
}

/** Groups persons by breakdown value: the top `limit` by persons entering, the rest as "Other". */
export function groupByValue(persons: readonly MatchedPerson[], limit: number): Map<string, MatchedPerson[]> {
  const byValue = new Map<string, MatchedPerson[]>();
  for (const p of persons) {
    const key = p.value === '' ? NONE : p.value;
    const group = byValue.get(key);
    if (group) group.push(p);
    else byValue.set(key, [p]);
  }
  const ranked = [...byValue].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const out = new Map(ranked.slice(0, limit));
  const rest = ranked.slice(limit).flatMap(([, group]) => group);
  if (rest.length > 0) out.set(OTHER, [...(out.get(OTHER) ?? []), ...rest]);
  return out;
}

export function funnelResult(
  spec: FunnelSpec,
  range: { from: number; to: number },
  persons: MatchedPerson[],
): FunnelResult {
  const info = stepInfo(spec);
  const steps = aggregateSteps(persons, info);
  const from = spec.timeToConvert?.fromStep ?? 0;
  const to = spec.timeToConvert?.toStep ?? spec.steps.length - 1;
  const durations = persons
    .filter((p) => p.reached > to)
    .map((p) => (p.times[to] as number) - (p.times[from] as number))
    .sort((a, b) => a - b);
  const result: FunnelResult = {
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    order: spec.order ?? 'ordered',
    attempt: spec.attempt ?? 'best',
    window: spec.window ?? DEFAULT_WINDOW,
    steps,
    bottleneck: bottleneck(steps),
    timeToConvert: {
      fromStep: from,
      toStep: to,
      persons: durations.length,
      medianMs: median(durations),
      averageMs: durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length,
      bins: timeToConvert(persons, from, to, spec.timeToConvert?.bins ?? 10),
    },
  };
  if (spec.breakdown) {
    const groups = groupByValue(persons, spec.breakdown.limit ?? 10);
    result.breakdown = {
      property: spec.breakdown.property,
      on: spec.breakdown.on ?? 'event',
      attribution: spec.breakdown.attribution ?? 'first_touch',
      values: [...groups].map(([value, group]) => ({ value, steps: aggregateSteps(group, info) })),
    };
  }
  return result;
}

function stepRows(
  steps: readonly FunnelStepResult[],
  prefix: (string | number | null)[],
): (string | number | null)[][] {
  return steps.map((s) => [
    ...prefix,
    s.index + 1,
    s.name,
    s.count,
    Math.round(s.conversionFromStart * 1000) / 10,
    Math.round(s.conversionFromPrevious * 1000) / 10,
    s.dropped,
    s.inProgress,
    s.medianMsFromPrevious === null ? null : Math.round(s.medianMsFromPrevious / 1000),
  ]);
}

const STEP_COLUMNS = [
  'step',
  'name',
  'persons',
  '% of start',
  '% of previous',
  'dropped',
  'in progress',
  'median s from previous',
];

export const funnelAnalysis: Analysis<FunnelSpec, FunnelResult> = {
  name: 'funnel',
  description: 'conversion through ordered steps, with drop-off, timing and breakdowns',
  parse: parseFunnelSpec,
  async run(ctx, projectId, spec) {
    const matched = await matchFunnel(ctx, projectId, spec);
    return funnelResult(spec, matched.range, matched.persons);
  },
  table(result): ResultTable {
    if (!result.breakdown) return { columns: STEP_COLUMNS, rows: stepRows(result.steps, []) };
    return {
      columns: [result.breakdown.property, ...STEP_COLUMNS],
      rows: result.breakdown.values.flatMap((v) => stepRows(v.steps, [v.value])),
    };
  },
};
