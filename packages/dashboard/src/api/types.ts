// The shapes of the server's answers the dashboard reads (docs/api.md, docs/analytics/). The analyses' results and
// their specs are the engine's own types (`waymark/types`: types only, so no engine code in the bundle and no Node
// types in the type-check), the specs with the dashboard's `DateRange`; the rest are the HTTP API's shapes, with
// only the fields the dashboard uses.

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
import type {
  Duration,
  FunnelSpec as EngineFunnelSpec,
  FunnelTrendsSpec as EngineFunnelTrendsSpec,
  PathsSpec as EnginePathsSpec,
  Stage,
  TouchpointsSpec as EngineTouchpointsSpec,
} from 'waymark/types';

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
 * The engine's analysis specs (docs/analytics/), with the dashboard's narrower `DateRange` for their range, so that a
 * view can tell a range it built apart with `'last' in range`.
 */
export type WithDateRange<S> = Omit<S, 'range'> & { range?: DateRange };
export type FunnelSpec = WithDateRange<EngineFunnelSpec>;
export type FunnelTrendsSpec = WithDateRange<EngineFunnelTrendsSpec>;
export type PathsSpec = WithDateRange<EnginePathsSpec>;
export type TouchpointsSpec = WithDateRange<EngineTouchpointsSpec>;

/** What `POST /api/query/:analysis` answers around a result. */
export interface QueryAnswer<R> {
  analysis: string;
  project: string;
  tookMs: number;
  result: R;
}

/** `GET /api/stage-map`: the map the stages analysis uses for the project. */
export interface StageMap {
  project: string;
  source: 'project' | 'default';
  updatedAt: string | null;
  stages: Stage[];
}
