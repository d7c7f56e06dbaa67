// The paths analysis (journey mapping): which ways persons go from a start event, to an end event or between the
// two, as a Sankey diagram. `POST /api/query/paths`, `waymark query paths`.

import { segmentRestriction } from '../segment-filter.js';
import type { Analysis, ResultTable } from '../analysis.js';
import { resolveRange } from '../date-range.js';
import { compilePaths } from './paths-sql.js';
import { pathsResult, type PathsResult } from './paths-result.js';
import { parsePathsSpec, type PathsSpec } from './paths-spec.js';
import type { SankeyRow } from './sankey-sql.js';

export type { PathsResult, PathNode, PathLink, PathsTotals } from './paths-result.js';
export type { PathsSpec } from './paths-spec.js';

/** One row per link: where persons went from each node, and what share of the node's persons that is. */
export function pathsTable(result: PathsResult): ResultTable {
  const nodes = new Map(result.nodes.map((n) => [n.id, n]));
  return {
    columns: ['step', 'from', 'to', 'persons', 'transitions', '% of from'],
    rows: result.links.map((l) => {
      const from = nodes.get(l.source);
      const to = nodes.get(l.target);
      const share = from && from.persons > 0 ? Math.round((l.persons / from.persons) * 1000) / 10 : null;
      return [from?.step ?? null, from?.name ?? l.source, to?.name ?? l.target, l.persons, l.transitions, share];
    }),
  };
}

export const pathsAnalysis: Analysis<PathsSpec, PathsResult> = {
  name: 'paths',
  description: 'the ways persons go from a start event, to an end event or between two, as Sankey nodes and links',
  parse: parsePathsSpec,
  async run(ctx, projectId, spec) {
    const range = resolveRange(spec.range, ctx.now());
    const only = await segmentRestriction(ctx, projectId, spec.segment);
    const compiled = compilePaths(ctx.warehouse.database, projectId, spec, range, only);
    const rows = await ctx.warehouse.query<SankeyRow>(compiled.sql, compiled.params);
    return pathsResult(rows, compiled.plan, range);
  },
  table: pathsTable,
};
