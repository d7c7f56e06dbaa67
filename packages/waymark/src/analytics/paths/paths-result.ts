// Turns the Sankey rows of a paths query into the documented result: nodes with an id per step, links between
// them, and totals. The counting is done in ClickHouse; this only names, sorts and derives path endings.

import type { TimeRange } from '../date-range.js';
import type { PathsMode, PathsPlan } from './paths-spec.js';
import type { SankeyRow } from './sankey-sql.js';

export interface PathNode {
  /** `step:name`, unique per step (e.g. `2:Product Viewed`; `-1:Cart Viewed` is one step before the end). */
  id: string;
  name: string;
  /** From 0 at the start (or the first event); for paths to an end, 0 at the end and negative before it. */
  step: number;
  /** Distinct persons with a path through this node. */
  persons: number;
  /** Paths through this node (a person has one per session, or one across sessions). */
  paths: number;
  /** Paths that end at this node: nothing (kept) followed within the steps shown, the session or the range. */
  ended: number;
}

export interface PathLink {
  source: string;
  target: string;
  /** Distinct persons who took this transition. */
  persons: number;
  /** Paths that took it. */
  transitions: number;
}

export interface PathsTotals {
  /** Distinct persons with a path shown. */
  persons: number;
  paths: number;
  /** Between a start and an end: persons who did the start event (in a session, if sessionized). */
  started?: number;
  /** To an end or between: persons whose path reached the end. */
  reachedEnd?: number;
}

export interface PathsResult {
  range: { from: string; to: string };
  mode: PathsMode;
  steps: number;
  sessionized: boolean;
  /** Null when paths run across sessions. */
  sessionGapMinutes: number | null;
  topN: number;
  nodes: PathNode[];
  links: PathLink[];
  totals: PathsTotals;
}

export const nodeId = (step: number, name: string): string => `${step}:${name}`;

const byCodePoint = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Step by step, the most persons (then paths) first; names break ties, by code point so no locale changes it. */
function rowOrder(x: SankeyRow, y: SankeyRow): number {
  return (
    x.step - y.step || y.persons - x.persons || y.paths - x.paths || byCodePoint(x.a, y.a) || byCodePoint(x.b, y.b)
  );
}

export function pathsResult(rows: readonly SankeyRow[], plan: PathsPlan, range: TimeRange): PathsResult {
  const total = (kind: 'reached' | 'started'): SankeyRow | undefined => rows.find((r) => r.kind === kind);
  const links: PathLink[] = rows
    .filter((r) => r.kind === 'link')
    .sort(rowOrder)
    .map((r) => ({
      source: nodeId(r.step, r.a),
      target: nodeId(r.step + 1, r.b),
      persons: r.persons,
      transitions: r.paths,
    }));
  const leaving = new Map<string, number>();
  for (const l of links) leaving.set(l.source, (leaving.get(l.source) ?? 0) + l.transitions);
  const nodes: PathNode[] = rows
    .filter((r) => r.kind === 'node')
    .sort(rowOrder)
    .map((r) => {
      const id = nodeId(r.step, r.a);
      return {
        id,
        name: r.a,
        step: r.step,
        persons: r.persons,
        paths: r.paths,
        ended: r.paths - (leaving.get(id) ?? 0),
      };
    });

  const reached = total('reached');
  const totals: PathsTotals = { persons: reached?.persons ?? 0, paths: reached?.paths ?? 0 };
  if (plan.mode === 'between') totals.started = total('started')?.persons ?? 0;
  if (plan.mode === 'between' || plan.mode === 'to') totals.reachedEnd = totals.persons;
  return {
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    mode: plan.mode,
    steps: plan.steps,
    sessionized: plan.sessionGapMs !== null,
    sessionGapMinutes: plan.sessionGapMs === null ? null : plan.sessionGapMs / 60_000,
    topN: plan.topN,
    nodes,
    links,
    totals,
  };
}
