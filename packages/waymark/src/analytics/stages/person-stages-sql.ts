// Compiles a stage map to SQL that places every person: when each stage's condition first held for them, the stages
// they moved through, and their current stage. Pure; profiles and segments reuse `personStagesSql`.

import type { ParamBinder } from '../sql-params.js';
import { NEVER, stageEventsSql } from './stage-events-sql.js';
import type { Stage } from './stage-map.js';
import { stageTraitsSql } from './trait-history-sql.js';

export interface StageScan {
  /** Only events before this time (epoch ms) count: the stages as they stood then. Default: every event. */
  asOf?: number;
  /** Derived columns (`$channel`, `$device_type`...) to return per person as `touch`: the first value seen. */
  touch?: readonly string[];
}

const hasTraits = (s: Stage): boolean => (s.traits ?? []).length > 0;
const hasEvents = (s: Stage): boolean => (s.events ?? []).length > 0;

/** When the stage's condition first held, from when its events condition (`e`) and traits condition (`r`) did. */
function combineSql(stage: Stage, k: number): string {
  const events = `e[${k + 1}]`;
  const traits = `r[${k + 1}]`;
  if (!hasTraits(stage)) return events;
  if (!hasEvents(stage)) return traits;
  // Both conditions only ever switch on, so "both hold" starts at the later of the two and "either" at the earlier.
  return stage.combine === 'any' ? `least(${events}, ${traits})` : `greatest(${events}, ${traits})`;
}

/**
 * Per person who met at least one stage (before `asOf` when given): `met` (Array(Int64), per stage the epoch ms its
 * condition first held, NEVER_MS if it has not) and `touch` (Array(String), the first non-empty value of each touch
 * column).
 */
export function stageMetSql(database: string, binder: ParamBinder, stages: readonly Stage[], scan: StageScan): string {
  const touch = scan.touch ?? [];
  const events = stageEventsSql(database, binder, stages, scan.asOf, touch);
  const inMap = `arrayMin(met) < ${NEVER}`;
  if (!stages.some(hasTraits)) {
    return `SELECT person_id, events_met AS met, touch FROM (${events}) WHERE ${inMap}`;
  }
  const traits = stageTraitsSql(
    database,
    binder,
    stages.map((s) => s.traits ?? []),
    scan.asOf,
  );
  const never = `arrayWithConstant(${stages.length}, ${NEVER})`;
  const both = `SELECT person_id, events_met, ${never} AS traits_met, touch FROM (${events})
UNION ALL SELECT person_id, ${never}, traits_met, arrayWithConstant(${touch.length}, '') FROM (${traits})`;
  const perPerson = `SELECT person_id, minForEach(events_met) AS e, minForEach(traits_met) AS r,
  maxForEach(touch) AS first_touch
FROM (${both}) GROUP BY person_id`;
  return `SELECT person_id, [${stages.map(combineSql).join(', ')}] AS met, first_touch AS touch
FROM (${perPerson}) WHERE ${inMap}`;
}

/** 1..n: stages are numbered from 1 in SQL, as ClickHouse arrays are. */
export const stageNumbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** The furthest stage whose condition holds in `met` (1-based; 0 for none). */
function currentStageSql(n: number): string {
  const furthestFirst = stageNumbers(n).reverse();
  return `multiIf(${furthestFirst.map((k) => `met[${k}] < ${NEVER}, ${k}`).join(', ')}, 0)`;
}

/**
 * Per person, as scalar columns (one per stage, no array lambdas: this runs once per person on large projects):
 * `entered_k` (when the person moved into stage k, NEVER_MS if they skipped it or never reached it), `next_k` (the
 * stage they moved into after k, 0 if none yet) and `stay_k` (ms from entering k to entering `next_k`, 0 if none).
 */
export function stageJourneySql(metSql: string, n: number): string {
  const stages = stageNumbers(n);
  const later = (k: number): number[] => stages.filter((j) => j > k);
  // A stage is entered when its condition holds strictly before every later stage's: otherwise a later stage was
  // already reached (or was reached at the same moment) and the person went past it.
  const entered = stages.map((k) => {
    const bound =
      later(k).length === 0
        ? NEVER
        : `least(${later(k)
            .map((j) => `met[${j}]`)
            .join(', ')})`;
    return `if(met[${k}] < ${bound}, met[${k}], ${NEVER}) AS entered_${k}`;
  });
  const firstOf = (ks: number[]): string => `multiIf(${ks.map((j) => `entered_${j} < ${NEVER}, ${j}`).join(', ')}, 0)`;
  const next = stages.map((k) =>
    later(k).length === 0 ? `0 AS next_${k}` : `if(entered_${k} < ${NEVER}, ${firstOf(later(k))}, 0) AS next_${k}`,
  );
  const stay = stages.map((k) =>
    later(k).length === 0
      ? `toInt64(0) AS stay_${k}`
      : `multiIf(${later(k)
          .map((j) => `next_${k} = ${j}, entered_${j} - entered_${k}`)
          .join(', ')}, 0) AS stay_${k}`,
  );
  // One layer per step: columns of the layer below are read, never re-expanded from aliases of the same SELECT,
  // which keeps ClickHouse's planning time flat as stages are added.
  const layer = (columns: readonly string[], below: string): string =>
    `SELECT *, ${columns.join(',\n  ')} FROM (${below})`;
  const enteredLayer = layer(entered, `SELECT person_id, touch, met FROM (${metSql})`);
  return layer(stay, layer(next, enteredLayer));
}

/**
 * Each person's current stage as of `asOf` (default: now, i.e. every event) and when they entered it:
 * rows `(person_id String, stage String, entered_at DateTime64(3, 'UTC'))`, only persons who met some stage.
 * Values are bound on `binder`, so the text can be embedded in a larger query (a segment, a profile lookup).
 *
 * ```ts
 * const binder = new ParamBinder(projectId);
 * const sql = personStagesSql(warehouse.database, binder, DEFAULT_STAGE_MAP);
 * await warehouse.query(`SELECT stage, count() AS n FROM (${sql}) GROUP BY stage`, binder.params);
 * ```
 */
export function personStagesSql(
  database: string,
  binder: ParamBinder,
  stages: readonly Stage[],
  options: { asOf?: number } = {},
): string {
  const met = stageMetSql(database, binder, stages, options);
  const names = binder.bind(
    stages.map((s) => s.name),
    'Array(String)',
  );
  return `SELECT person_id, arrayElement(${names}, current_stage) AS stage,
  fromUnixTimestamp64Milli(met[current_stage], 'UTC') AS entered_at
FROM (SELECT person_id, met, ${currentStageSql(stages.length)} AS current_stage FROM (${met}))`;
}
