// Compiles the second half of a paths query: from path rows to Sankey rows. Identical paths are merged first (with
// their persons kept as exact uniq states), the top transitions at each step are ranked with window functions, the
// rest renamed "Other", and nodes, links and totals counted in one pass.

import type { ParamBinder } from '../sql-params.js';
import { MORE_STEPS } from './path-rows-sql.js';
import type { PathsPlan } from './paths-spec.js';

/** The node a step's less-followed transitions lead to. */
export const OTHER = 'Other';

/** One output row: `kind` says which of the other columns matter. */
export interface SankeyRow {
  /** `node` (a, at step), `link` (a at step -> b at step + 1), `reached` and `started` (totals). */
  kind: 'node' | 'link' | 'reached' | 'started';
  step: number;
  a: string;
  b: string;
  persons: number;
  paths: number;
}

/**
 * Sankey rows from `pathRows` (person, path, reached). Ranking walks away from the anchor: forwards from the start,
 * backwards from the end. A node's rank is that of the transition reaching it (raw names, so each step ranks on its
 * own); at the anchor's own step, that of the node itself. Between a start and an end, the end and "…" stay as they are.
 */
export function sankeySql(pathRows: string, plan: PathsPlan, binder: ParamBinder): string {
  const backwards = plan.mode === 'to';
  const distance = backwards ? 'length(path) - i' : 'i - 1';
  const towardsAnchor = backwards ? "if(i < length(path), path[i + 1], '')" : "if(i > 1, path[i - 1], '')";
  const fixed =
    plan.mode === 'between' ? `toUInt8(i = length(path) OR path[i] = ${binder.string(MORE_STEPS)})` : 'toUInt8(0)';
  const step = (i: string): string => (backwards ? `toInt64(${i}) - length(shown)` : `toInt64(${i}) - 1`);

  const distinctPaths = `SELECT path, reached, uniqExactState(person) AS who, count() AS n
    FROM (${pathRows}) GROUP BY path, reached`;
  // Empty paths (between: started, never reached the end) are kept for the totals with i = 0.
  const elements = `SELECT path, reached, who, n, i, ${distance} AS k, ${towardsAnchor} AS p, path[i] AS x, ${fixed} AS fixed
    FROM (${distinctPaths}) LEFT ARRAY JOIN arrayEnumerate(path) AS i`;
  const linkTotals = `SELECT *, uniqExactMerge(who) OVER w AS link_persons, sum(n) OVER w AS link_paths
    FROM (${elements}) WINDOW w AS (PARTITION BY k, p, x)`;
  const ranked = `SELECT *, dense_rank() OVER (PARTITION BY k ORDER BY link_persons DESC, link_paths DESC, p, x) AS r
    FROM (${linkTotals})`;
  const shown = `SELECT path, reached, any(who) AS who, any(n) AS n,
      arrayMap(e -> e.2, arraySort(groupArrayIf((i, if(fixed OR r <= ${binder.bind(plan.topN, 'Int64')}, x, ${binder.string(OTHER)})), i > 0))) AS shown
    FROM (${ranked}) GROUP BY path, reached`;
  const outputs = `arrayConcat(
      [('started', toInt64(0), '', '')],
      if(reached = 1, arrayConcat(
        [('reached', toInt64(0), '', '')],
        arrayMap((name, i) -> ('node', ${step('i')}, name, ''), shown, arrayEnumerate(shown)),
        arrayMap(i -> ('link', ${step('i')}, shown[i], shown[i + 1]), arrayEnumerate(arrayPopBack(shown)))
      ), []))`;
  return `SELECT out.1 AS kind, out.2 AS step, out.3 AS a, out.4 AS b, uniqExactMerge(who) AS persons, sum(n) AS paths
    FROM (${shown}) ARRAY JOIN ${outputs} AS out
    GROUP BY kind, step, a, b`;
}
