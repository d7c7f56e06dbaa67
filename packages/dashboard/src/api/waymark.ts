// The server's endpoints the dashboard uses, typed: the session (/auth), projects, and analyses (/api/query).

import { request, setCsrfToken } from './client.js';
import type {
  FunnelResult,
  FunnelSpec,
  FunnelTrendsResult,
  FunnelTrendsSpec,
  PathsResult,
  PathsSpec,
  Project,
  QueryAnswer,
  RetentionResult,
  RetentionSpec,
  Session,
  StageMap,
  StagesResult,
  StagesSpec,
  TouchpointsResult,
  TouchpointsSpec,
  TrendsResult,
  TrendsSpec,
} from './types.js';

/** The signed-in user and the CSRF token of the session; an `ApiError` with status 401 when not signed in. */
export async function currentSession(): Promise<Session> {
  const session = await request<Session>('GET', '/auth/me', { quiet401: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function login(email: string, password: string): Promise<Session> {
  const session = await request<Session>('POST', '/auth/login', { body: { email, password }, quiet401: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/auth/logout', { quiet401: true });
  } finally {
    setCsrfToken(undefined);
  }
}

export async function listProjects(signal?: AbortSignal): Promise<Project[]> {
  const answer = await request<{ projects: Project[] }>('GET', '/api/projects', signal ? { signal } : {});
  return answer.projects;
}

/** Runs one analysis of the query API (`POST /api/query/:analysis`) and answers its result. */
export async function runQuery<R>(analysis: string, project: string, spec: unknown, signal?: AbortSignal): Promise<R> {
  const path = `/api/query/${analysis}?project=${encodeURIComponent(project)}`;
  const answer = await request<QueryAnswer<R>>('POST', path, { body: spec, ...(signal ? { signal } : {}) });
  return answer.result;
}

export const runFunnel = (project: string, spec: FunnelSpec, signal?: AbortSignal) =>
  runQuery<FunnelResult>('funnel', project, spec, signal);

export const runFunnelTrends = (project: string, spec: FunnelTrendsSpec, signal?: AbortSignal) =>
  runQuery<FunnelTrendsResult>('funnel-trends', project, spec, signal);

export const runTrends = (project: string, spec: TrendsSpec, signal?: AbortSignal) =>
  runQuery<TrendsResult>('trends', project, spec, signal);

export const runRetention = (project: string, spec: RetentionSpec, signal?: AbortSignal) =>
  runQuery<RetentionResult>('retention', project, spec, signal);

export const runPaths = (project: string, spec: PathsSpec, signal?: AbortSignal) =>
  runQuery<PathsResult>('paths', project, spec, signal);

export const runTouchpoints = (project: string, spec: TouchpointsSpec, signal?: AbortSignal) =>
  runQuery<TouchpointsResult>('touchpoints', project, spec, signal);

export const runStages = (project: string, spec: StagesSpec, signal?: AbortSignal) =>
  runQuery<StagesResult>('stages', project, spec, signal);

/** The journey stage map the `stages` analysis uses for the project (its own, or the default). */
export const getStageMap = (project: string, signal?: AbortSignal) =>
  request<StageMap>('GET', `/api/stage-map?project=${encodeURIComponent(project)}`, signal ? { signal } : {});

/** How far back the event list looks. */
const EVENT_NAMES_SPEC: TrendsSpec = {
  series: [{ measure: 'count' }],
  interval: 'month',
  range: { last: { value: 180, unit: 'day' } },
  breakdown: { property: '$event', limit: 100 },
};

/**
 * The project's event names, most frequent first: a trends query counting all events broken down by `$event`
 * (the server has no event-list endpoint yet). `$page` and `$screen` are included; identify, alias and group calls
 * are not (trends leave them out).
 */
export async function listEventNames(project: string, signal?: AbortSignal): Promise<string[]> {
  const result = await runTrends(project, EVENT_NAMES_SPEC, signal);
  return eventNamesOf(result);
}

/** The breakdown values of an event-name trend, without the `Other` and `(none)` groups. */
export function eventNamesOf(result: TrendsResult): string[] {
  return result.series
    .filter((s) => (s.total ?? 0) > 0)
    .map((s) => s.breakdownValue ?? '')
    .filter((name) => name !== '' && name !== 'Other' && name !== '(none)');
}
