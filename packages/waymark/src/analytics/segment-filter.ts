// `"segment": "<id>"` in any analysis spec: only the members of that saved segment (evaluated when the query runs)
// are counted. The analysis compiles its scans as usual; each scan gets `ev.person_id IN (<the segment's SQL>)`.

import Type from 'typebox';
import { WaymarkError } from '../core/errors.js';
import { segmentPersonsSql } from '../segments/compile.js';
import type { Condition } from '../segments/definition.js';
import { SEGMENT_KIND, resolveSegmentRefs } from '../segments/segments.js';
import type { AnalysisContext } from './analysis.js';
import type { ParamBinder } from './sql-params.js';

export const SegmentFieldSchema = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));

/** A condition on a person id column (default `ev.person_id`) for a scan, with values bound in the scan's binder. */
export type PersonRestriction = (database: string, binder: ParamBinder, column?: string) => string;

/** The condition of a saved segment of the project, references expanded; `not_found` naming `segment` otherwise. */
export async function segmentCondition(ctx: AnalysisContext, projectId: string, id: string): Promise<Condition> {
  const saved = ctx.definitions && (await ctx.definitions.get<{ condition: Condition }>(projectId, SEGMENT_KIND, id));
  if (!saved || !ctx.definitions)
    throw new WaymarkError('not_found', `no segment "${id}" in this project`, { field: 'segment' });
  return resolveSegmentRefs(ctx.definitions, projectId, saved.body.condition, [id]);
}

/** The restriction for a spec's `segment`, or undefined when it has none. Members are those of `ctx.now()`. */
export async function segmentRestriction(
  ctx: AnalysisContext,
  projectId: string,
  id: string | undefined,
): Promise<PersonRestriction | undefined> {
  if (id === undefined) return undefined;
  const condition = await segmentCondition(ctx, projectId, id);
  const now = ctx.now();
  return (database, binder, column = 'ev.person_id') =>
    `${column} IN (${segmentPersonsSql(database, binder, condition, now)})`;
}
