// Compiles a stages spec to one query that does the heavy counting in ClickHouse and returns a small histogram:
// persons per path (the set of stages they entered, as a bit mask) for all persons and per breakdown value, plus
// the median time of every move between stages. stages-result.ts derives the per-stage figures from it. Pure.

import type { PersonRestriction } from '../segment-filter.js';
import type { TimeRange } from '../date-range.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import { stageJourneySql, stageMetSql, stageNumbers } from './person-stages-sql.js';
import { NEVER } from './stage-events-sql.js';
import { breakdownOf, stagesOf, type StagesSpec } from './stages-spec.js';

/** `kind` of a row counting persons by path; other kinds are moves (see `moveKind`). */
export const PATH_ROW = 0;

/**
 * The `kind` of a row timing moves out of stage `from` (1-based): into stage `to`, or into any later stage when
 * `to` is 0 (the time spent in `from`).
 */
export const moveKind = (from: number, to = 0): number => from * 16 + to;

/** One row of the compiled query. */
export interface StagesRow {
  /** 0: all persons in the map; i: the persons whose first value of breakdown property i is `value`. */
  dim: number;
  value: string;
  /** Bit k-1 set: the persons entered stage k. Their current stage is the highest bit. (Path rows only.) */
  path: number;
  /** Bit k-1 set: the persons entered stage k within the range. (Path rows only.) */
  new_path: number;
  /** `PATH_ROW`, or `moveKind(from, to)` for the moves of all persons. */
  kind: number;
  /** Persons on the path, or moves of the kind. */
  persons: number;
  /** Median ms of the moves (null on path rows). */
  median_ms: number | null;
}

export function compileStages(
  database: string,
  projectId: string,
  spec: StagesSpec,
  range: TimeRange,
  only?: PersonRestriction,
): CompiledQuery {
  const binder = new ParamBinder(projectId);
  const stages = stagesOf(spec);
  const touch = breakdownOf(spec);
  const n = stages.length;
  const met = stageMetSql(database, binder, stages, { asOf: range.to, touch });
  const from = binder.bind(range.from, 'Int64');
  const to = binder.bind(range.to, 'Int64');
  const mask = (condition: (k: number) => string): string =>
    `toUInt16(${stageNumbers(n)
      .map((k) => `bitShiftLeft(toUInt16(${condition(k)}), ${k - 1})`)
      .join(' + ')})`;
  const paths = `SELECT *, ${mask((k) => `entered_${k} < ${NEVER}`)} AS path_mask,
  ${mask((k) => `entered_${k} >= ${from} AND entered_${k} < ${to}`)} AS new_mask
FROM (${stageJourneySql(met, n)})${only ? ` WHERE ${only(database, binder, 'person_id')}` : ''}`;

  // Each person becomes a few rows ("facts"): one per breakdown dimension with their path, and two per move (the
  // move itself, and time in the stage left). A handful of aggregates over them keeps ClickHouse's planning short;
  // one aggregate per stage and pair of stages took longer to plan than to run on small projects.
  const fact = (dim: string, value: string, path: string, fresh: string, kind: string, ms: string): string =>
    `(toUInt8(${dim}), ${value}, ${path}, ${fresh}, toUInt16(${kind}), toInt64(${ms}))`;
  const pathFacts = [
    fact('0', "''", 'path_mask', 'new_mask', `${PATH_ROW}`, '0'),
    ...touch.map((_, i) => fact(`${i + 1}`, `touch[${i + 1}]`, 'path_mask', 'new_mask', `${PATH_ROW}`, '0')),
  ];
  const none = 'toUInt16(0)';
  const moveFacts = stageNumbers(n - 1).map(
    (k) =>
      `if(next_${k} > 0, [${fact('0', "''", none, none, `${moveKind(k)} + next_${k}`, `stay_${k}`)}, ${fact('0', "''", none, none, `${moveKind(k)}`, `stay_${k}`)}], [])`,
  );
  const facts = `arrayConcat([${pathFacts.join(', ')}]${moveFacts.map((m) => `, ${m}`).join('')})`;
  const sql = `SELECT dim, value, path, new_path, kind, count() AS persons,
  quantileExactInclusiveIf(0.5)(ms, kind != ${PATH_ROW}) AS median_ms
FROM (SELECT f.1 AS dim, f.2 AS value, f.3 AS path, f.4 AS new_path, f.5 AS kind, f.6 AS ms
  FROM (${paths}) ARRAY JOIN ${facts} AS f)
GROUP BY dim, value, path, new_path, kind`;
  return { sql, params: binder.params };
}
