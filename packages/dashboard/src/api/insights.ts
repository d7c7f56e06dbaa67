// The saved insight and dashboard endpoints (docs/api.md#saved-insights-and-dashboards): an insight is an analysis
// with its spec and a name; a dashboard is a named, ordered list of insights; `run` answers like `/api/query`. Saved
// insights and dashboards are the engine's types; the drafts are what the endpoints take.

import type { Dashboard, Insight } from 'waymark/types';
import { request } from './client.js';
import type { QueryAnswer } from './types.js';

export type { Dashboard, Insight };

/** What `POST /api/insights` takes: the id is made from the name unless given. */
export interface InsightDraft {
  name: string;
  analysis: string;
  spec: unknown;
  description?: string;
}

export type DashboardItem = Dashboard['items'][number];
export type TileWidth = DashboardItem['width'];

/** What `POST /api/dashboards` and `PUT /api/dashboards/:id` take. */
export interface DashboardDraft {
  name: string;
  description?: string;
  items: DashboardItem[];
}

const q = (project: string) => `?project=${encodeURIComponent(project)}`;
const at = (kind: 'insights' | 'dashboards', project: string, id: string) =>
  `/api/${kind}/${encodeURIComponent(id)}${q(project)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function listInsights(project: string, signal?: AbortSignal): Promise<Insight[]> {
  return (await request<{ insights: Insight[] }>('GET', `/api/insights${q(project)}`, opts(signal))).insights;
}

export const getInsight = (project: string, id: string, signal?: AbortSignal) =>
  request<Insight>('GET', at('insights', project, id), opts(signal));

export const createInsight = (project: string, draft: InsightDraft) =>
  request<Insight>('POST', `/api/insights${q(project)}`, { body: draft });

/** Deletes an insight; the server refuses (409) while a dashboard shows it. */
export const deleteInsight = (project: string, id: string) => request<void>('DELETE', at('insights', project, id));

/** Runs a saved insight now (viewers may); answers like `POST /api/query/<analysis>`. */
export const runInsight = (project: string, id: string, signal?: AbortSignal) =>
  request<QueryAnswer<unknown> & { insight: Insight }>(
    'POST',
    `/api/insights/${encodeURIComponent(id)}/run${q(project)}`,
    opts(signal),
  );

export async function listDashboards(project: string, signal?: AbortSignal): Promise<Dashboard[]> {
  return (await request<{ dashboards: Dashboard[] }>('GET', `/api/dashboards${q(project)}`, opts(signal))).dashboards;
}

export const getDashboard = (project: string, id: string, signal?: AbortSignal) =>
  request<Dashboard>('GET', at('dashboards', project, id), opts(signal));

export const createDashboard = (project: string, draft: DashboardDraft) =>
  request<Dashboard>('POST', `/api/dashboards${q(project)}`, { body: draft });

export const updateDashboard = (project: string, id: string, draft: DashboardDraft) =>
  request<Dashboard>('PUT', at('dashboards', project, id), { body: draft });

export const deleteDashboard = (project: string, id: string) => request<void>('DELETE', at('dashboards', project, id));
