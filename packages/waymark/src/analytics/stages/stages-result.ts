// Turns the stages query's rows into the documented result: per-stage figures with conversion to the next stage,
// the transitions between stages, and the breakdowns with their top values (the rest as "Other").

import type { ResultTable } from '../analysis.js';
import type { TimeRange } from '../date-range.js';
import type { Stage } from './stage-map.js';
import { addPath, addTally, emptyTally, tallyPaths, type Tally } from './stage-paths.js';
import { PATH_ROW, moveKind, type StagesRow } from './stages-sql.js';

export const OTHER = 'Other';
export const NONE = '(none)';

export interface StageResult {
  index: number;
  name: string;
  /** Persons whose current stage this is at the end of the range. */
  current: number;
  /** Persons who reached this stage or a later one (conversion is measured on these). */
  reached: number;
  /** Persons who moved into this stage; the others who reached it went straight past it. */
  entered: number;
  /** `reached - entered`: persons who went past this stage without being in it. */
  skipped: number;
  /** Persons whose journey began in this stage. */
  started: number;
  /** Persons who moved into this stage within the range. */
  newEntries: number;
  /** Of those who entered, the persons who have moved on to a later stage. */
  movedOn: number;
  /** Median time from entering this stage to entering the next one, over those who moved on. */
  medianMsInStage: number | null;
  /** `reached` of the next stage / `reached` of this one; null for the last stage. */
  conversionToNext: number | null;
}

export interface StageTransition {
  from: string;
  to: string;
  persons: number;
  medianMs: number | null;
}

export interface StageBreakdownValue {
  value: string;
  persons: number;
  /** Per stage, in the order of `stages`. */
  current: number[];
  reached: number[];
  entered: number[];
  newEntries: number[];
}

export interface StageBreakdown {
  /** A derived column, e.g. `$channel`; each person counts under their first value of it. */
  property: string;
  values: StageBreakdownValue[];
}

export type StageMapSource = 'spec' | 'project' | 'default';

export interface StagesResult {
  range: { from: string; to: string };
  /** Where the stage map came from: the spec's `stages`, the project's saved map, or the built-in default. */
  stageMap?: StageMapSource;
  /** Persons who met at least one stage's condition by the end of the range. */
  persons: number;
  stages: StageResult[];
  /** Moves between consecutive stages of persons' paths (later stages only; skipping allowed). */
  transitions: StageTransition[];
  breakdowns: StageBreakdown[];
}

function topValues(byValue: Map<string, Tally>, n: number, limit: number): StageBreakdownValue[] {
  const ranked = [...byValue].sort((a, b) => b[1].persons - a[1].persons || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, limit);
  const rest = ranked.slice(limit);
  if (rest.length > 0) {
    const other = emptyTally(n);
    for (const [, t] of rest) addTally(other, t);
    shown.push([OTHER, other]);
  }
  return shown.map(([value, t]) => ({
    value,
    persons: t.persons,
    current: t.current,
    reached: t.reached,
    entered: t.entered,
    newEntries: t.newEntries,
  }));
}

export function stagesResult(
  stages: readonly Stage[],
  breakdown: readonly string[],
  range: TimeRange,
  rows: readonly StagesRow[],
  limit: number,
): StagesResult {
  const n = stages.length;
  const paths = rows.filter((r) => r.kind === PATH_ROW);
  const all = tallyPaths(
    paths.filter((r) => r.dim === 0),
    n,
  );
  const medians = new Map(rows.filter((r) => r.kind !== PATH_ROW).map((r) => [r.kind, r.median_ms]));
  const name = (k: number): string => stages[k]?.name ?? '';
  const at = (values: readonly number[], k: number): number => values[k] ?? 0;
  return {
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    persons: all.persons,
    stages: stages.map((s, k) => ({
      index: k,
      name: s.name,
      current: at(all.current, k),
      reached: at(all.reached, k),
      entered: at(all.entered, k),
      skipped: at(all.reached, k) - at(all.entered, k),
      started: at(all.started, k),
      newEntries: at(all.newEntries, k),
      movedOn: at(all.movedOn, k),
      medianMsInStage: at(all.movedOn, k) === 0 ? null : (medians.get(moveKind(k + 1)) ?? null),
      conversionToNext: k + 1 >= n ? null : at(all.reached, k) === 0 ? 0 : at(all.reached, k + 1) / at(all.reached, k),
    })),
    transitions: all.moves.flatMap((row, from) =>
      row.flatMap((persons, to) =>
        persons === 0
          ? []
          : [{ from: name(from), to: name(to), persons, medianMs: medians.get(moveKind(from + 1, to + 1)) ?? null }],
      ),
    ),
    breakdowns: breakdown.map((property, b) => {
      const byValue = new Map<string, Tally>();
      for (const r of paths.filter((p) => p.dim === b + 1)) {
        const value = r.value === '' ? NONE : r.value;
        const t = byValue.get(value) ?? emptyTally(n);
        addPath(t, n, r.path, r.new_path, r.persons);
        byValue.set(value, t);
      }
      return { property, values: topValues(byValue, n, limit) };
    }),
  };
}

const percent = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);
const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));

/** The per-stage summary, for `--format table|csv` (transitions and breakdowns are in the JSON result). */
export function stagesTable(result: StagesResult): ResultTable {
  return {
    columns: ['stage', 'current', 'reached', 'entered', 'skipped', 'new in range', '% to next', 'median s in stage'],
    rows: result.stages.map((s) => [
      s.name,
      s.current,
      s.reached,
      s.entered,
      s.skipped,
      s.newEntries,
      percent(s.conversionToNext),
      seconds(s.medianMsInStage),
    ]),
  };
}
