// The server's endpoints the dashboard uses, typed: the session (/auth), projects, and analyses (/api/query).

import { request, setCsrfToken } from './client.js';
import { behaviouralEventNames, clearEventLists } from './event-list.js';
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
  clearEventLists(); // a new session starts with fresh lists (another user may have used this tab)
  return session;
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/auth/logout', { quiet401: true });
  } finally {
    setCsrfToken(undefined);
    clearEventLists();
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

/**
 * The names of the events customers did in the last 180 days, most frequent first: identify, alias and group calls
 * and the events Waymark records itself are left out. Asked once per session and shared by every view (event-list.ts).
 */
export const listEventNames = (project: string, signal?: AbortSignal): Promise<string[]> =>
  behaviouralEventNames(project, signal);
