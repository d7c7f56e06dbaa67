// Saved insights (an analysis with its spec and a name) and dashboards (insights pinned in order), per project.
// `POST /api/insights/:id/run` runs a saved insight as `POST /api/query/<analysis>` would.

import type { FastifyInstance } from 'fastify';
import { analysisNamed } from '../../analytics/analyses.js';
import type { Engine } from '../../engine.js';
import {
  DASHBOARD_KIND,
  deleteSaved,
  getSaved,
  INSIGHT_KIND,
  listSaved,
  saveDashboard,
  saveInsight,
  type Dashboard,
  type Insight,
} from '../../insights/saved.js';
import type { ProjectResolver } from '../project.js';
import { runAnalysis } from './query.js';

type Query = Record<string, string | undefined>;

export function insightRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const store = engine.state.definitions;
  const by = (request: { principal?: { kind: string; user?: { email: string } } }): string | undefined =>
    request.principal?.kind === 'session' ? request.principal.user?.email : undefined;

  for (const [path, kind, save] of [
    ['insights', INSIGHT_KIND, saveInsight],
    ['dashboards', DASHBOARD_KIND, saveDashboard],
  ] as const) {
    app.get(`/api/${path}`, async (request) => {
      const projectId = await project(request.query as Query);
      return { project: projectId, [path]: await listSaved(store, projectId, kind) };
    });
    app.post(`/api/${path}`, async (request, reply) => {
      const projectId = await project(request.query as Query);
      const author = by(request);
      const saved = await save(store, projectId, request.body, Date.now(), {
        replace: false,
        ...(author ? { by: author } : {}),
      });
      return reply.status(201).send(saved);
    });
    app.get(`/api/${path}/:id`, async (request) => {
      const projectId = await project(request.query as Query);
      return getSaved(store, projectId, kind, (request.params as { id: string }).id);
    });
    app.put(`/api/${path}/:id`, async (request) => {
      const projectId = await project(request.query as Query);
      const { id } = request.params as { id: string };
      const previous = await getSaved<Insight | Dashboard>(store, projectId, kind, id);
      return save(store, projectId, request.body, Date.now(), {
        id,
        replace: true,
        ...(previous.createdBy ? { by: previous.createdBy } : {}),
      });
    });
    app.delete(`/api/${path}/:id`, async (request, reply) => {
      const projectId = await project(request.query as Query);
      await deleteSaved(store, projectId, kind, (request.params as { id: string }).id);
      return reply.status(204).send();
    });
  }

  app.post('/api/insights/:id/run', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const insight = await getSaved<Insight>(store, projectId, INSIGHT_KIND, (request.params as { id: string }).id);
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    const began = performance.now();
    const spec = analysisNamed(insight.analysis).parse(insight.spec);
    const result = await runAnalysis(engine, insight.analysis, projectId, spec, controller.signal);
    return { insight, project: projectId, tookMs: Math.round(performance.now() - began), result };
  });
}
