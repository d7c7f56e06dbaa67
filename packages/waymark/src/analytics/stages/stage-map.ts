// A stage map: the ordered stages of the customer journey (awareness ... advocacy), each defined by what a person
// did (events, optionally counted) and/or who they are (traits). Shared by the stages analysis, profiles and segments.

import Type from 'typebox';
import { PropertyFilterSchema, filterProblem, type PropertyFilter } from '../property.js';
import type { DefinitionReader } from '../analysis.js';
import { ensure, specChecker } from '../spec-check.js';

export const MAX_STAGES = 12;

const StageEventSchema = Type.Object(
  {
    event: Type.String({ minLength: 1, maxLength: 255 }),
    where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const StageSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** Any of these events (each with its optional event-property filters) counts towards the stage. */
    events: Type.Optional(Type.Array(StageEventSchema, { maxItems: 50 })),
    /** Person properties that must all hold (checked on the trait values as they were recorded over time). */
    traits: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
    /** The events condition needs at least this many matching events (default 1). */
    minCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** With both events and traits: `all` (default) needs both, `any` either. */
    combine: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('any')])),
  },
  { additionalProperties: false },
);

export const StageMapSchema = Type.Array(StageSchema, { minItems: 1, maxItems: MAX_STAGES });

export interface StageEvent {
  event: string;
  where?: PropertyFilter[];
}

/** One stage; see `StageSchema` for what each field means. */
export interface Stage {
  name: string;
  events?: StageEvent[];
  traits?: PropertyFilter[];
  minCount?: number;
  combine?: 'all' | 'any';
}

/** The journey of the demo shop; a reasonable start for any e-commerce project. */
export const DEFAULT_STAGE_MAP: readonly Stage[] = [
  { name: 'awareness', events: [{ event: '$page' }, { event: 'Email Opened' }] },
  {
    name: 'consideration',
    events: [{ event: 'Product Viewed' }, { event: 'Products Searched' }, { event: 'Product List Viewed' }],
  },
  { name: 'decision', events: [{ event: 'Product Added' }, { event: 'Checkout Started' }] },
  { name: 'purchase', events: [{ event: 'Order Completed' }] },
  { name: 'retention', events: [{ event: 'Order Completed' }], minCount: 2 },
  {
    name: 'advocacy',
    events: [
      { event: 'Product Reviewed' },
      { event: 'NPS Survey Answered', where: [{ property: 'score', op: 'gte', value: 9 }] },
    ],
  },
];

function checkFilters(filters: readonly PropertyFilter[] | undefined, field: string): void {
  filters?.forEach((f, i) => {
    const problem = filterProblem(f);
    ensure(problem === undefined, `${field}[${i}]`, problem ?? '');
  });
}

/** What the schema cannot say about a stage map at `field`: names unique, every stage has a condition, filters valid. */
export function checkStageMap(stages: readonly Stage[], field: string): void {
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    const at = `${field}[${i}]`;
    ensure(!seen.has(s.name), `${at}.name`, `repeats the stage name "${s.name}"`);
    seen.add(s.name);
    const events = s.events ?? [];
    const traits = s.traits ?? [];
    ensure(events.length > 0 || traits.length > 0, at, 'needs a condition: "events", "traits" or both');
    ensure(s.minCount === undefined || events.length > 0, `${at}.minCount`, 'counts events: add "events"');
    ensure(
      s.combine === undefined || (events.length > 0 && traits.length > 0),
      `${at}.combine`,
      'only applies to a stage with both "events" and "traits"',
    );
    events.forEach((e, j) => {
      checkFilters(e.where, `${at}.events[${j}].where`);
      e.where?.forEach((f, w) =>
        ensure(
          f.on !== 'person',
          `${at}.events[${j}].where[${w}].on`,
          'must be "event": conditions on the person go in the stage\'s "traits"',
        ),
      );
    });
    checkFilters(traits, `${at}.traits`);
    traits.forEach((t, j) =>
      ensure(t.on !== 'event', `${at}.traits[${j}].on`, 'must be "person" (or left out): traits are person properties'),
    );
  });
}

/** The kind and id a project's stage map is saved under in the state store's definitions. */
export const STAGE_MAP_DEFINITION = { kind: 'stage-map', id: 'default' } as const;

export interface SavedStageMap {
  stages: Stage[];
}

const savedChecker = specChecker<SavedStageMap>(
  Type.Object({ stages: StageMapSchema }, { additionalProperties: false }),
  'stage map',
);

/** Checks a stage map before it is saved for a project: `{ "stages": [...] }`, errors naming the field. */
export function parseSavedStageMap(raw: unknown): SavedStageMap {
  const map = savedChecker.check(raw);
  checkStageMap(map.stages, 'stages');
  return map;
}

/** The project's saved stage map, if it has one. */
export async function savedStageMap(
  definitions: DefinitionReader | undefined,
  projectId: string,
): Promise<Stage[] | undefined> {
  const saved = await definitions?.get<SavedStageMap>(projectId, STAGE_MAP_DEFINITION.kind, STAGE_MAP_DEFINITION.id);
  return saved?.body.stages;
}
