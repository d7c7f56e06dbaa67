// Saved insights and dashboards: an insight is an analysis with its spec and a name (checked by the analysis's own
// spec parser when saved, so that it always runs); a dashboard is a named, ordered list of insights. Both live in
// the definitions table, per project; links to them can be shared with anyone who may read the project.

import { analysisNamed } from '../analytics/analyses.js';
import { WaymarkError } from '../core/errors.js';
import { fail, id as checkId, list, object, oneOf, only, text } from '../core/field-check.js';
import type { DefinitionRepository } from '../state/repositories/definitions.js';

export const INSIGHT_KIND = 'insight';
export const DASHBOARD_KIND = 'dashboard';

type Store = Pick<DefinitionRepository, 'get' | 'list' | 'put' | 'delete'>;

export interface Insight {
  id: string;
  name: string;
  description?: string;
  /** The analysis, as POST /api/query/<analysis> names it. */
  analysis: string;
  spec: unknown;
  /** How the dashboard draws it by default. */
  view?: 'chart' | 'table';
  createdBy?: string;
  updatedAt: string;
}

export interface Dashboard {
  id: string;
  name: string;
  description?: string;
  items: { insight: string; width: 'half' | 'full' }[];
  createdBy?: string;
  updatedAt: string;
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'item';

async function checkExistence(store: Store, projectId: string, kind: string, id: string, replace: boolean) {
  const existing = await store.get(projectId, kind, id);
  if (!replace && existing)
    throw new WaymarkError('conflict', `a saved ${kind} "${id}" exists already; choose another id or update it`, {
      field: 'id',
    });
  if (replace && !existing) throw new WaymarkError('not_found', `no saved ${kind} "${id}"`, { field: kind });
}

export async function saveInsight(
  store: Store,
  projectId: string,
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean; by?: string },
): Promise<Insight> {
  const v = object(raw, 'insight');
  only(v, 'insight', ['id', 'name', 'description', 'analysis', 'spec', 'view']);
  const name = text(v['name'], 'name', 200);
  const analysis = analysisNamed(text(v['analysis'], 'analysis', 64));
  // The analysis's own checker: errors name the spec's field (prefixed with "spec.").
  try {
    analysis.parse(v['spec'] ?? {});
  } catch (error) {
    if (error instanceof WaymarkError)
      throw new WaymarkError('invalid_request', `spec: ${error.message}`, {
        field: error.field === undefined ? 'spec' : `spec.${error.field}`,
      });
    throw error;
  }
  const id = options.id ?? (v['id'] === undefined ? slug(name) : checkId(v['id'], 'id'));
  await checkExistence(store, projectId, INSIGHT_KIND, id, options.replace);
  const insight: Insight = {
    id,
    name,
    ...(v['description'] === undefined ? {} : { description: text(v['description'], 'description', 2000) }),
    analysis: analysis.name,
    spec: v['spec'] ?? {},
    ...(v['view'] === undefined ? {} : { view: oneOf(v['view'], 'view', ['chart', 'table'] as const) }),
    ...(options.by === undefined ? {} : { createdBy: options.by }),
    updatedAt: new Date(now).toISOString(),
  };
  await store.put(projectId, INSIGHT_KIND, id, insight, now);
  return insight;
}

export async function saveDashboard(
  store: Store,
  projectId: string,
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean; by?: string },
): Promise<Dashboard> {
  const v = object(raw, 'dashboard');
  only(v, 'dashboard', ['id', 'name', 'description', 'items']);
  const name = text(v['name'], 'name', 200);
  const id = options.id ?? (v['id'] === undefined ? slug(name) : checkId(v['id'], 'id'));
  const items = list(v['items'] ?? [], 'items', 50, (x, field) => {
    const o = object(x, field);
    only(o, field, ['insight', 'width']);
    return {
      insight: checkId(o['insight'], `${field}.insight`),
      width:
        o['width'] === undefined ? ('half' as const) : oneOf(o['width'], `${field}.width`, ['half', 'full'] as const),
    };
  });
  for (const [i, item] of items.entries()) {
    if (!(await store.get(projectId, INSIGHT_KIND, item.insight)))
      fail(`items[${i}].insight`, `names no saved insight ("${item.insight}")`);
  }
  await checkExistence(store, projectId, DASHBOARD_KIND, id, options.replace);
  const dashboard: Dashboard = {
    id,
    name,
    ...(v['description'] === undefined ? {} : { description: text(v['description'], 'description', 2000) }),
    items,
    ...(options.by === undefined ? {} : { createdBy: options.by }),
    updatedAt: new Date(now).toISOString(),
  };
  await store.put(projectId, DASHBOARD_KIND, id, dashboard, now);
  return dashboard;
}

export async function getSaved<T>(store: Store, projectId: string, kind: string, id: string): Promise<T> {
  const found = await store.get<T>(projectId, kind, id);
  if (!found) throw new WaymarkError('not_found', `no saved ${kind} "${id}"`, { field: kind });
  return found.body;
}

export async function listSaved<T>(store: Store, projectId: string, kind: string): Promise<T[]> {
  return (await store.list<T>(projectId, kind)).map((r) => r.body);
}

/** Deletes an insight (refused while a dashboard shows it) or a dashboard. */
export async function deleteSaved(store: Store, projectId: string, kind: string, id: string): Promise<void> {
  if (kind === INSIGHT_KIND) {
    const users = (await listSaved<Dashboard>(store, projectId, DASHBOARD_KIND)).filter((d) =>
      d.items.some((i) => i.insight === id),
    );
    if (users.length > 0)
      throw new WaymarkError(
        'conflict',
        `insight "${id}" is on dashboard ${users.map((d) => `"${d.id}"`).join(', ')}: take it off first`,
        { field: 'insight' },
      );
  }
  if (!(await store.delete(projectId, kind, id)))
    throw new WaymarkError('not_found', `no saved ${kind} "${id}"`, { field: kind });
}
