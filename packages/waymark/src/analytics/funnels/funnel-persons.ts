// The persons behind a funnel number: who reached a step, who dropped off before it, who is still in progress.
// `POST /api/query/funnel-persons`, for the dashboard's "who dropped?" and for exports to other tools.

import Type, { type Static } from 'typebox';
import type { Analysis } from '../analysis.js';
import { ensure } from '../spec-check.js';
import { matchFunnel, type MatchedPerson } from './funnel-run.js';
import type { FunnelSpec } from './funnel-spec.js';
import { funnelVariantParser } from './funnel-variant.js';

const PersonFields = Type.Object(
  {
    step: Type.Integer({ minimum: 0 }),
    /** `reached`: got to `step`; `dropped`: got to the step before and not to `step`, window closed; `in_progress`: same, window open. */
    status: Type.Optional(Type.Union([Type.Literal('reached'), Type.Literal('dropped'), Type.Literal('in_progress')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type FunnelPersonsSpec = FunnelSpec & Static<typeof PersonFields>;

export interface FunnelPerson {
  personId: string;
  /** Steps reached (1 = entered only). */
  reached: number;
  enteredAt: string;
  lastStepAt: string;
}

export interface FunnelPersonsResult {
  step: number;
  status: 'reached' | 'dropped' | 'in_progress';
  total: number;
  persons: FunnelPerson[];
}

const parseVariant = funnelVariantParser<Static<typeof PersonFields>>(PersonFields, 'funnel-persons');

export function personsAt(
  persons: readonly MatchedPerson[],
  step: number,
  status: FunnelPersonsResult['status'],
): MatchedPerson[] {
  if (status === 'reached') return persons.filter((p) => p.reached > step);
  return persons.filter((p) => p.reached === step && p.open === (status === 'in_progress'));
}

export const funnelPersonsAnalysis: Analysis<FunnelPersonsSpec, FunnelPersonsResult> = {
  name: 'funnel-persons',
  description: 'the persons who reached a funnel step, dropped off before it, or are still in progress',
  parse(raw) {
    const spec = parseVariant(raw);
    ensure(spec.step < spec.steps.length, 'step', `must be a step index below ${spec.steps.length}`);
    ensure(spec.step > 0 || (spec.status ?? 'reached') === 'reached', 'status', 'of step 0 can only be "reached"');
    return spec;
  },
  async run(ctx, projectId, spec) {
    const status = spec.status ?? 'reached';
    const { persons } = await matchFunnel(ctx, projectId, spec);
    const chosen = personsAt(persons, spec.step, status).sort(
      (a, b) => (a.times[0] as number) - (b.times[0] as number) || a.personId.localeCompare(b.personId),
    );
    const offset = spec.offset ?? 0;
    return {
      step: spec.step,
      status,
      total: chosen.length,
      persons: chosen.slice(offset, offset + (spec.limit ?? 100)).map((p) => ({
        personId: p.personId,
        reached: p.reached,
        enteredAt: new Date(p.times[0] as number).toISOString(),
        lastStepAt: new Date(p.times.at(-1) as number).toISOString(),
      })),
    };
  },
  table(result) {
    return {
      columns: ['person', 'steps reached', 'entered at', 'last step at'],
      rows: result.persons.map((p) => [p.personId, p.reached, p.enteredAt, p.lastStepAt]),
    };
  },
};
