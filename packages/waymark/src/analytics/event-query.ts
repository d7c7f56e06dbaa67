// The events an analysis scans, as one SQL subquery: each event with its person resolved through the identity map
// (merges apply retroactively), restricted to a time range and event names, joined with the latest value of the
// person properties the spec uses. Aliases: `ev` for the event, `pp` for person properties.

import { identityOverridesSql } from '../warehouse/identity-sql.js';
import { EVENT_COLUMNS } from '../warehouse/schema.js';
import { jsonKeysSql, type PersonProperties } from './property.js';
import type { ParamBinder } from './sql-params.js';

export interface EventScan {
  /** Expressions to select, over `ev` and `pp` (e.g. `ev.person_id`, `toUnixTimestamp64Milli(ev.timestamp) AS ts`). */
  select: readonly string[];
  /** Conditions on `ev` alone, applied before the person join (time range, event names). */
  where?: readonly string[];
  /** Conditions that may use `pp`, applied after the join. */
  having?: readonly string[];
}

const KNOWN_COLUMNS = new Set<string>(EVENT_COLUMNS.filter((c) => c !== 'person_id'));

export class EventQuery implements PersonProperties {
  private readonly personPaths = new Map<string, string>();
  private readonly restrictions: string[] = [];

  constructor(
    private readonly database: string,
    readonly binder: ParamBinder,
  ) {}

  column(path: readonly string[]): string {
    const key = JSON.stringify(path);
    let name = this.personPaths.get(key);
    if (name === undefined) {
      name = `p${this.personPaths.size}`;
      this.personPaths.set(key, name);
    }
    return `pp.${name}`;
  }

  /** Keeps only the persons meeting `condition` (over `ev.person_id`, e.g. a segment) in every scan of this query. */
  restrict(condition: string): this {
    this.restrictions.push(condition);
    return this;
  }

  /** Binds a time range `[from, to)` in epoch ms as a condition on `ev.timestamp`. */
  timeRange(from: number, to: number, column = 'ev.timestamp'): string {
    return `${column} >= fromUnixTimestamp64Milli(${this.binder.bind(from, 'Int64')}, 'UTC') AND ${column} < fromUnixTimestamp64Milli(${this.binder.bind(to, 'Int64')}, 'UTC')`;
  }

  /** A condition on the event name. */
  eventIn(names: readonly string[]): string {
    return `ev.event IN ${this.binder.bind([...new Set(names)], 'Array(String)')}`;
  }

  /** The subquery text. Call after every property has been compiled (person columns are collected on the way). */
  sql(scan: EventScan): string {
    const db = this.database;
    const where = scan.where && scan.where.length > 0 ? ` AND (${scan.where.join(') AND (')})` : '';
    // Only the columns the expressions use travel out of the scan: `ev.*` would drag properties and context along.
    const used = new Set<string>(['timestamp', 'traits']);
    for (const text of [...scan.select, ...(scan.where ?? []), ...(scan.having ?? [])]) {
      for (const m of text.matchAll(/\bev\.([a-z_]+)\b/g))
        if (KNOWN_COLUMNS.has(m[1] as string)) used.add(m[1] as string);
    }
    const columns = [...used].map((c) => `ev.${c} AS ${c}`).join(', ');
    const resolved = (conditions: string): string =>
      `SELECT ${columns}, if(ids.person_id != '', ids.person_id, ev.person_id) AS person_id
      FROM ${db}.events AS ev
      LEFT JOIN (${identityOverridesSql(db)}) AS ids ON ids.distinct_id = ev.distinct_id
      WHERE ev.project_id = {project:String}${conditions}`;
    let from = `(${resolved(where)}) AS ev`;
    if (this.personPaths.size > 0) {
      const columns = [...this.personPaths].map(([key, name]) => {
        const raw = `JSONExtractRaw(t.traits, ${jsonKeysSql(JSON.parse(key) as string[], this.binder)})`;
        return `argMaxIf(${raw}, t.timestamp, ${raw} != '') AS ${name}`;
      });
      from += ` LEFT JOIN (SELECT person_id, ${columns.join(', ')}
        FROM (${resolved(" AND ev.traits != '{}'")}) AS t GROUP BY person_id) AS pp ON pp.person_id = ev.person_id`;
    }
    const conditions = [...(scan.having ?? []), ...this.restrictions];
    const having = conditions.length > 0 ? ` WHERE (${conditions.join(') AND (')})` : '';
    return `SELECT ${scan.select.join(', ')} FROM ${from}${having}`;
  }
}
