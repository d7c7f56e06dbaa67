// Runs a funnel's query and matches each person as their rows stream in: the shared first half of the funnel,
// its conversion trend, drop-off analysis and person lists.

import { segmentRestriction } from '../segment-filter.js';
import { scanRowBinary, type RowBinaryReader } from '../../warehouse/row-binary.js';
import type { AnalysisContext } from '../analysis.js';
import { resolveRange, type TimeRange } from '../date-range.js';
import { matchPerson, type FunnelPlan, type PersonEvents, type PersonFunnel } from './funnel-match.js';
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

export function attributedValue(spec: FunnelSpec, events: PersonEvents, p: PersonFunnel, carryTouch = false): string {
  const b = spec.breakdown;
  if (!b) return '';
  const at =
    b.attribution === 'last_touch'
      ? p.indexes.at(-1)
      : b.attribution === 'step'
        ? p.indexes[b.step ?? 0]
        : p.indexes[0];
  if (at === undefined) return '';
  if (!carryTouch) return events.values[at] as string;
  // The touch that brought the person: the latest non-empty value at or before the attributed event.
  for (let i = at; i >= 0; i--) {
    const value = events.values[i] as string;
    if (value !== '') return value;
  }
  return '';
}

/** Sets `a` to `n` copies of `value`, growing or shrinking it in place. */
function fill<T>(a: T[], n: number, value: T): void {
  if (a.length > n) a.length = n;
  for (let i = 0; i < n; i++) a[i] = value;
}

export async function matchFunnel(ctx: AnalysisContext, projectId: string, spec: FunnelSpec): Promise<MatchedFunnel> {
  const now = ctx.now();
  const range = resolveRange(spec.range, now);
  const only = await segmentRestriction(ctx, projectId, spec.segment);
  const compiled = compileFunnel(ctx.warehouse.database, projectId, spec, range, now, only);
  const persons: MatchedPerson[] = [];
  // Columns in the order compileFunnel selects them: person_id, t, steps, then exclusions and values if the funnel
  // has them. Each person is matched
  // before the next is read, so every row reuses the same column arrays.
  const events = { t: [] as number[], steps: [] as number[], exclusions: [] as number[], values: [] as string[] };
  const readPerson = (r: RowBinaryReader): string => {
    const personId = r.string();
    r.float64sInto(events.t);
    r.uint32sInto(events.steps);
    const n = events.t.length;
    if (compiled.columns.exclusions) r.uint32sInto(events.exclusions);
    else fill(events.exclusions, n, 0);
    if (compiled.columns.values) r.stringsInto(events.values);
    else fill(events.values, n, '');
    return personId;
  };
  await scanRowBinary(ctx.warehouse, compiled.sql, compiled.params, readPerson, (personId) => {
    const matched = matchPerson(events, compiled.plan);
    if (matched)
      persons.push({
        reached: matched.reached,
        times: matched.times,
        indexes: matched.indexes,
        open: matched.open,
        personId,
        value: attributedValue(spec, events, matched, compiled.carryTouch),
      });
  });
  return { range, plan: compiled.plan, persons };
}
