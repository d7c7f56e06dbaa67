// Runs a funnel's query and matches each person as their rows stream in: the shared first half of the funnel,
// its conversion trend, drop-off analysis and person lists.

import { streamRows } from '../../warehouse/rows.js';
import type { AnalysisContext } from '../analysis.js';
import { resolveRange, type TimeRange } from '../date-range.js';
import { matchPerson, type FunnelPlan, type PersonEvent, type PersonFunnel } from './funnel-match.js';
import { compileFunnel } from './funnel-sql.js';
import type { FunnelSpec } from './funnel-spec.js';

export interface MatchedPerson extends PersonFunnel {
  personId: string;
  /** The breakdown value by the spec's attribution ('' when absent or the attributed step was not reached). */
  value: string;
}

export interface MatchedFunnel {
  range: TimeRange;
  plan: FunnelPlan;
  persons: MatchedPerson[];
}

export function attributedValue(
  spec: FunnelSpec,
  events: readonly PersonEvent[],
  p: PersonFunnel,
  carryTouch = false,
): string {
  const b = spec.breakdown;
  if (!b) return '';
  const at =
    b.attribution === 'last_touch'
      ? p.indexes.at(-1)
      : b.attribution === 'step'
        ? p.indexes[b.step ?? 0]
        : p.indexes[0];
  if (at === undefined) return '';
  if (!carryTouch) return (events[at] as PersonEvent)[3];
  // The touch that brought the person: the latest non-empty value at or before the attributed event.
  for (let i = at; i >= 0; i--) {
    const value = (events[i] as PersonEvent)[3];
    if (value !== '') return value;
  }
  return '';
}

export async function matchFunnel(ctx: AnalysisContext, projectId: string, spec: FunnelSpec): Promise<MatchedFunnel> {
  const now = ctx.now();
  const range = resolveRange(spec.range, now);
  const compiled = compileFunnel(ctx.warehouse.database, projectId, spec, range, now);
  const persons: MatchedPerson[] = [];
  const rows = streamRows<{ person_id: string; events: PersonEvent[] }>(ctx.warehouse, compiled.sql, compiled.params);
  for await (const row of rows) {
    const matched = matchPerson(row.events, compiled.plan);
    if (matched)
      persons.push({
        ...matched,
        personId: row.person_id,
        value: attributedValue(spec, row.events, matched, compiled.carryTouch),
      });
  }
  return { range, plan: compiled.plan, persons };
}
