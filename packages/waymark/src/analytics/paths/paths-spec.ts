// The paths spec: which journeys to map (from a start event, to an end event, between the two, or every session
// from its first event), how to cut them into sessions, which events become which nodes, and how many to show.

import { SegmentFieldSchema } from '../segment-filter.js';
import Type, { type Static } from 'typebox';
import { RangeSchema, resolveRange } from '../date-range.js';
import { PropertyFilterSchema, filterProblem, type PropertyFilter } from '../property.js';
import { ensure, specChecker } from '../spec-check.js';

export const MAX_PATH_STEPS = 20;

const eventName = Type.String({ minLength: 1, maxLength: 255 });

const PathEventSchema = Type.Object(
  {
    event: eventName,
    where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const GroupBySchema = Type.Object(
  {
    on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
    property: Type.String({ minLength: 1, maxLength: 255 }),
    /** The events whose node takes the property's value (default: every event that has one). */
    events: Type.Optional(Type.Array(eventName, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);

const CleanupSchema = Type.Object(
  {
    regex: Type.String({ minLength: 1, maxLength: 1000 }),
    replacement: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const PathsSpecSchema = Type.Object(
  {
    start: Type.Optional(PathEventSchema),
    end: Type.Optional(PathEventSchema),
    steps: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_PATH_STEPS })),
    sessionized: Type.Optional(Type.Boolean()),
    sessionGapMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
    exclude: Type.Optional(Type.Array(eventName, { maxItems: 200 })),
    include: Type.Optional(Type.Array(eventName, { minItems: 1, maxItems: 200 })),
    groupBy: Type.Optional(GroupBySchema),
    cleanup: Type.Optional(Type.Array(CleanupSchema, { maxItems: 50 })),
    topN: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    range: Type.Optional(RangeSchema),
    /** Only the members of this saved segment. */
    segment: SegmentFieldSchema,
  },
  { additionalProperties: false },
);

export type PathsSpec = Static<typeof PathsSpecSchema>;
export type PathEvent = NonNullable<PathsSpec['start']>;

/**
 * `from`: paths begin at the start event. `to`: paths lead up to the end event (steps count back from it).
 * `between`: paths from the start event that reach the end event. `all`: paths begin at each sequence's first event.
 */
export type PathsMode = 'from' | 'to' | 'between' | 'all';

export const PATH_DEFAULTS = { steps: 5, sessionGapMinutes: 30, topN: 10 } as const;

/** The spec with its defaults applied: what the compiler works from. */
export interface PathsPlan {
  mode: PathsMode;
  steps: number;
  /** Session gap in ms, or null for paths across sessions. */
  sessionGapMs: number | null;
  topN: number;
}

export function pathsMode(spec: PathsSpec): PathsMode {
  if (spec.start && spec.end) return 'between';
  if (spec.start) return 'from';
  if (spec.end) return 'to';
  return 'all';
}

export function pathsPlan(spec: PathsSpec): PathsPlan {
  const sessionized = spec.sessionized ?? true;
  return {
    mode: pathsMode(spec),
    steps: spec.steps ?? PATH_DEFAULTS.steps,
    sessionGapMs: sessionized ? (spec.sessionGapMinutes ?? PATH_DEFAULTS.sessionGapMinutes) * 60_000 : null,
    topN: spec.topN ?? PATH_DEFAULTS.topN,
  };
}

/** Why `regex` cannot run in ClickHouse (RE2 syntax), or undefined when it can. */
export function re2Problem(regex: string): string | undefined {
  try {
    new RegExp(regex);
  } catch {
    return `is not a valid regular expression: ${regex}`;
  }
  // RE2 runs in linear time because it has no lookaround and no backreferences: say so now, not when the query runs.
  if (/\(\?<?[=!]/.test(regex))
    return 'uses lookaround, which RE2 (the regex syntax of the warehouse) does not support';
  if (/\\[1-9]/.test(regex))
    return 'uses a backreference, which RE2 (the regex syntax of the warehouse) does not support';
  return undefined;
}

const checker = specChecker<PathsSpec>(PathsSpecSchema, 'paths');

/** Checks a paths spec: the schema, then what a schema cannot say (filters, regexes, combinations). */
export function parsePathsSpec(raw: unknown): PathsSpec {
  const spec = checker.check(raw);
  const checkFilters = (filters: readonly PropertyFilter[] | undefined, field: string): void => {
    filters?.forEach((f, i) => {
      const problem = filterProblem(f);
      ensure(problem === undefined, `${field}[${i}]`, problem ?? '');
    });
  };
  checkFilters(spec.start?.where, 'start.where');
  checkFilters(spec.end?.where, 'end.where');
  ensure(
    !(spec.sessionized === false && spec.sessionGapMinutes !== undefined),
    'sessionGapMinutes',
    'only applies to sessionized paths',
  );
  ensure(
    pathsMode(spec) !== 'between' || (spec.steps ?? PATH_DEFAULTS.steps) >= 3,
    'steps',
    'must be at least 3 between a start and an end: the start, the end and what lies between',
  );
  const included = new Set(spec.include ?? []);
  spec.exclude?.forEach((name, i) => {
    ensure(!included.has(name), `exclude[${i}]`, `"${name}" cannot be both included and excluded`);
  });
  ensure(
    spec.cleanup === undefined || spec.groupBy !== undefined,
    'cleanup',
    'rewrites grouped values: it needs groupBy',
  );
  spec.cleanup?.forEach((rule, i) => {
    const problem = re2Problem(rule.regex);
    ensure(problem === undefined, `cleanup[${i}].regex`, problem ?? '');
  });
  // Bad times are reported now rather than when the query runs.
  resolveRange(spec.range, Date.now());
  return spec;
}
