// The shapes of the server's answers the dashboard reads (docs/api.md, docs/analytics/). The analyses' results and
// most of their specs are the engine's own types (`waymark/types`: types only, so no engine code in the bundle and
// no Node types in the type-check); the funnel, paths and touchpoints specs are the dashboard's (see `FunnelSpec`),
// and the rest are the HTTP API's shapes, with only the fields the dashboard uses.

export type {
  FunnelResult,
  FunnelTrendsResult,
  PathNode,
  PathsResult,
  PropertyFilter,
  RetentionPeriod,
  RetentionResult,
  RetentionSpec,
  Stage,
  StagesResult,
  StagesSpec,
  TimeUnit,
  TouchpointsResult,
  TrendsResult,
  TrendsSpec,
} from 'waymark/types';
import type { Duration, EventSelector, PropertyFilter, Stage } from 'waymark/types';

export type Role = 'admin' | 'analyst' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Project {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * A range as the dashboard makes one: two times, or the last N units. Narrower on purpose than the engine's
 * `RangeSpec` (which also takes `from` alone, up to now), so that views can tell the two forms apart with `'last' in`.
 */
export type DateRange = { from: string; to: string } | { last: Duration };

/**
 * The funnel spec (docs/analytics/funnels.md#the-spec). Kept here on purpose: the engine's `FunnelSpec` is derived
 * from its TypeBox schema, where unions built from a list (time units, filter operators) come out as `never`, so it
 * cannot type a spec the dashboard builds.
 */
export interface FunnelSpec {
  /** A step's `window`: it counts only if it follows the previous step within this time (never on the first). */
  steps: { event: string; name?: string; where?: PropertyFilter[]; window?: Duration }[];
  order?: 'ordered' | 'strict' | 'unordered';
  /** `best`: the attempt that got furthest counts; `first`: only the person's first entry. */
  attempt?: 'best' | 'first';
  window?: Duration;
  range?: DateRange;
  exclusions?: { event: string; fromStep: number; toStep: number; where?: PropertyFilter[] }[];
  /** A `toStep` event sooner than `min` after `fromStep` is skipped; past `max` the attempt stops. */
  timeBetween?: { fromStep: number; toStep: number; min?: Duration; max?: Duration }[];
  breakdown?: { on?: 'event' | 'person'; property: string; limit?: number };
  /** Only persons whose traits match every filter (`on: 'person'`). */
  persons?: PropertyFilter[];
  segment?: string;
  timeToConvert?: { fromStep: number; toStep: number; bins?: number };
}

/** `funnel-trends`: the funnel's conversion between two steps by period of entry (a dashboard type, as `FunnelSpec`). */
export interface FunnelTrendsSpec extends FunnelSpec {
  interval?: 'hour' | 'day' | 'week' | 'month';
  fromStep?: number;
  toStep?: number;
}

/** What `POST /api/query/:analysis` answers around a result. */
export interface QueryAnswer<R> {
  analysis: string;
  project: string;
  tookMs: number;
  result: R;
}

/** The paths spec: the dashboard's own, as `FunnelSpec` (the engine's is schema-derived). */
export interface PathsSpec {
  start?: EventSelector & { event: string };
  end?: EventSelector & { event: string };
  steps?: number;
  sessionized?: boolean;
  sessionGapMinutes?: number;
  exclude?: string[];
  include?: string[];
  groupBy?: { property: string; events?: string[] };
  cleanup?: { regex: string; replacement: string }[];
  topN?: number;
  range?: DateRange;
}

/** The touchpoints spec: the dashboard's own, as `FunnelSpec` (the engine's is schema-derived). */
export interface TouchpointsSpec {
  conversion: EventSelector & { event: string };
  range?: DateRange;
  lookback?: Duration;
  by?: 'channel' | 'source_medium';
  topPaths?: number;
  sort?: 'converting' | 'conversion_rate';
  minPersons?: number;
}

/** `GET /api/stage-map`: the map the stages analysis uses for the project. */
export interface StageMap {
  project: string;
  source: 'project' | 'default';
  updatedAt: string | null;
  stages: Stage[];
}
