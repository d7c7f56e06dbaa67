// Trait conditions checked over time: after every event that records traits, each trait's value as it stood then
// (its latest non-empty value so far), so a stage can say when "plan is gold" first held, not only whether it does now.

import { EventQuery } from '../event-query.js';
import { filterSql, jsonKeysSql, type PersonProperties, type PropertyFilter } from '../property.js';
import type { ParamBinder } from '../sql-params.js';
import { NEVER } from './stage-events-sql.js';

/** Maps each trait a condition reads to a column of the history rows (alias `th`). */
class TraitColumns implements PersonProperties {
  readonly paths = new Map<string, string>();

  column(path: readonly string[]): string {
    const key = JSON.stringify(path);
    let name = this.paths.get(key);
    if (name === undefined) {
      name = `trait_${this.paths.size}`;
      this.paths.set(key, name);
    }
    return `th.${name}`;
  }
}

/**
 * Per person with traits recorded (before `asOf` when given): `traits_met` (Array(Int64)), per condition the first time
 * every one of its filters held on the traits as they stood then; NEVER_MS if they never did or the condition is empty.
 */
export function stageTraitsSql(
  database: string,
  binder: ParamBinder,
  conditions: readonly (readonly PropertyFilter[])[],
  asOf: number | undefined,
): string {
  const traits = new TraitColumns();
  const held = conditions.map((filters, k) => {
    const all = filters.map((f) => filterSql({ ...f, on: 'person' }, binder, traits));
    return `toUInt8(${all.length === 0 ? '0' : all.join(' AND ')}) AS held_${k}`;
  });
  const raw = [...traits.paths].map(
    ([key, name]) => `JSONExtractRaw(ev.traits, ${jsonKeysSql(JSON.parse(key) as string[], binder)}) AS raw_${name}`,
  );
  // Carried forward: an identify that leaves a trait out does not unset it.
  const asTheyStood = [...traits.paths.values()].map(
    (name) => `ifNull(anyLast(nullIf(raw_${name}, '')) OVER history, '') AS ${name}`,
  );
  const q = new EventQuery(database, binder);
  const events = q.sql({
    select: ['ev.person_id AS person_id', 'toUnixTimestamp64Milli(ev.timestamp) AS t', 'ev.traits AS traits', ...raw],
    where: [...(asOf === undefined ? [] : [q.timeRange(0, asOf)]), "ev.traits != '{}'"],
  });
  // Ties broken by the traits text, so the outcome never depends on the order events were stored in.
  const history = `SELECT person_id, t${asTheyStood.map((c) => `, ${c}`).join('')}
    FROM (${events})
    WINDOW history AS (PARTITION BY person_id ORDER BY t, traits ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  const met = conditions.map((filters, k) => (filters.length === 0 ? NEVER : `min(if(held_${k}, t, ${NEVER}))`));
  return `SELECT person_id, [${met.join(', ')}] AS traits_met
FROM (SELECT person_id, t, ${held.join(', ')} FROM (${history}) AS th)
GROUP BY person_id`;
}
