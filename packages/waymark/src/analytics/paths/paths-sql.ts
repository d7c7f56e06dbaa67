// Compiles a paths spec to one ClickHouse query returning Sankey rows (see sankey-sql.ts). Pure: the SQL is asserted
// in unit tests, and every spec value travels as a bound parameter.

import type { PersonRestriction } from '../segment-filter.js';
import type { TimeRange } from '../date-range.js';
import { EventQuery } from '../event-query.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import { pathRowsSql } from './path-rows-sql.js';
import { pathsPlan, type PathsPlan, type PathsSpec } from './paths-spec.js';
import { sankeySql } from './sankey-sql.js';

export interface CompiledPaths extends CompiledQuery {
  plan: PathsPlan;
}

export function compilePaths(
  database: string,
  projectId: string,
  spec: PathsSpec,
  range: TimeRange,
  only?: PersonRestriction,
): CompiledPaths {
  const binder = new ParamBinder(projectId);
  const q = new EventQuery(database, binder);
  if (only) q.restrict(only(database, binder));
  const plan = pathsPlan(spec);
  const sql = sankeySql(pathRowsSql(q, spec, plan, range), plan, binder);
  return { sql, params: binder.params, plan };
}
