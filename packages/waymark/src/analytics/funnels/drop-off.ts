// Drop-off analysis of one funnel step: how many failed to reach it, what they did instead, and which channels,
// devices and traits are over-represented among them compared with those who got through (two-proportion z-test).

import Type, { type Static } from 'typebox';
import { twoProportionTest } from '../../stats/proportions.js';
import type { Analysis } from '../analysis.js';
import { ParamBinder } from '../sql-params.js';
import { ensure } from '../spec-check.js';
import { addDuration } from '../time-units.js';
import { matchFunnel, type MatchedPerson } from './funnel-run.js';
import { personsAt } from './funnel-persons.js';
import { DEFAULT_WINDOW, type FunnelSpec } from './funnel-spec.js';
import { funnelVariantParser } from './funnel-variant.js';
import { dimensionsSql, nextEventsSql, type CohortMember } from './drop-off-sql.js';

const DropOffFields = Type.Object(
  {
    /** The step persons failed to reach (1 or more). */
    step: Type.Integer({ minimum: 1 }),
    nextEvents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Significance level for calling a difference out (default 0.05). */
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.5 })),
  },
  { additionalProperties: false },
);
export type DropOffSpec = FunnelSpec & Static<typeof DropOffFields>;

/** Each group is capped so that the cohort travels to the warehouse as bound arrays of bounded size. */
export const MAX_GROUP = 50_000;
const MAX_TRAIT_VALUES = 50;

export interface OverRepresented {
  dimension: string;
  value: string;
  dropped: number;
  reached: number;
  shareOfDropped: number;
  shareOfReached: number;
  /** shareOfDropped / shareOfReached. */
  lift: number | null;
  p: number;
  significant: boolean;
}

export interface DropOffResult {
  step: number;
  stepName: string;
  previousStepName: string;
  /** Persons who reached the previous step but not this one, window closed. */
  dropped: number;
  reached: number;
  inProgress: number;
  /** What dropped persons did first after their last step, within their window ('(nothing)' when nothing). */
  nextEvents: { event: string; persons: number; share: number }[];
  overRepresented: OverRepresented[];
  /** True when a group was larger than the cap and a deterministic part of it was compared. */
  sampled: boolean;
}

const parseVariant = funnelVariantParser<Static<typeof DropOffFields>>(DropOffFields, 'drop-off');

function cap(persons: MatchedPerson[]): MatchedPerson[] {
  if (persons.length <= MAX_GROUP) return persons;
  return [...persons].sort((a, b) => a.personId.localeCompare(b.personId)).slice(0, MAX_GROUP);
}

export const dropOffAnalysis: Analysis<DropOffSpec, DropOffResult> = {
  name: 'drop-off',
  description: 'who dropped off before a funnel step, what they did instead, and what sets them apart',
  parse(raw) {
    const spec = parseVariant(raw);
    ensure(spec.step < spec.steps.length, 'step', `must be a step index from 1 to ${spec.steps.length - 1}`);
    return spec;
  },
  async run(ctx, projectId, spec) {
    const { range, persons } = await matchFunnel(ctx, projectId, spec);
    const window = spec.window ?? DEFAULT_WINDOW;
    const dropped = cap(personsAt(persons, spec.step, 'dropped'));
    const reached = cap(personsAt(persons, spec.step, 'reached'));
    const inProgress = personsAt(persons, spec.step, 'in_progress').length;
    const member = (p: MatchedPerson, isDropped: 0 | 1): CohortMember => ({
      personId: p.personId,
      dropped: isDropped,
      entry: p.times[0] as number,
      lastStep: p.times[spec.step - 1] as number,
      windowEnd: addDuration(p.times[0] as number, window),
    });
    const members = [...dropped.map((p) => member(p, 1)), ...reached.map((p) => member(p, 0))];
    const until = addDuration(range.to, window);
    const result: DropOffResult = {
      step: spec.step,
      stepName: spec.steps[spec.step]?.name ?? spec.steps[spec.step]?.event ?? '',
      previousStepName: spec.steps[spec.step - 1]?.name ?? spec.steps[spec.step - 1]?.event ?? '',
      dropped: personsAt(persons, spec.step, 'dropped').length,
      reached: personsAt(persons, spec.step, 'reached').length,
      inProgress,
      nextEvents: [],
      overRepresented: [],
      sampled:
        dropped.length < personsAt(persons, spec.step, 'dropped').length ||
        reached.length < personsAt(persons, spec.step, 'reached').length,
    };
    if (dropped.length === 0) return result;

    const db = ctx.warehouse.database;
    // What they did next and who they are: two independent reads, run together.
    const nextBinder = new ParamBinder(projectId);
    const dimBinder = new ParamBinder(projectId);
    const [next, dims] = await Promise.all([
      ctx.warehouse.query<{ next: string; persons: number }>(
        nextEventsSql(db, nextBinder, members, range.from, until, spec.nextEvents ?? 10),
        nextBinder.params,
      ),
      ctx.warehouse.query<{ dimension: string; value: string; n_dropped: number; n_reached: number }>(
        dimensionsSql(db, dimBinder, members, 0, until, MAX_TRAIT_VALUES),
        dimBinder.params,
      ),
    ]);
    result.nextEvents = next.map((r) => ({
      event: r.next === '' ? '(nothing)' : r.next,
      persons: r.persons,
      share: r.persons / dropped.length,
    }));

    const alpha = spec.alpha ?? 0.05;
    result.overRepresented = dims
      .map((d): OverRepresented => {
        const test = twoProportionTest(d.n_dropped, dropped.length, d.n_reached, reached.length);
        const shareOfDropped = d.n_dropped / dropped.length;
        const shareOfReached = reached.length === 0 ? 0 : d.n_reached / reached.length;
        return {
          dimension: d.dimension,
          value: d.value,
          dropped: d.n_dropped,
          reached: d.n_reached,
          shareOfDropped,
          shareOfReached,
          lift: shareOfReached === 0 ? null : shareOfDropped / shareOfReached,
          p: test.p,
          significant: test.p < alpha,
        };
      })
      .filter((o) => o.shareOfDropped > o.shareOfReached)
      // Ties broken by name, so that the same data always gives the same list.
      .sort(
        (a, b) =>
          a.p - b.p ||
          (b.lift ?? Infinity) - (a.lift ?? Infinity) ||
          a.dimension.localeCompare(b.dimension) ||
          a.value.localeCompare(b.value),
      )
      .slice(0, 20);
    return result;
  },
  table(result) {
    return {
      columns: ['kind', 'dimension', 'value', 'dropped', 'reached', '% of dropped', '% of reached', 'p'],
      rows: [
        ...result.nextEvents.map((n) => [
          'next event',
          '',
          n.event,
          n.persons,
          null,
          Math.round(n.share * 1000) / 10,
          null,
          null,
        ]),
        ...result.overRepresented.map((o) => [
          o.significant ? 'over-represented' : 'not significant',
          o.dimension,
          o.value,
          o.dropped,
          o.reached,
          Math.round(o.shareOfDropped * 1000) / 10,
          Math.round(o.shareOfReached * 1000) / 10,
          Number(o.p.toPrecision(3)),
        ]),
      ],
    };
  },
};
