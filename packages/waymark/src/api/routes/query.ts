// Analyses over HTTP: `POST /api/query/<analysis>` with the spec as the JSON body; `GET /api/query` lists them.

import type { FastifyInstance } from 'fastify';
import { ANALYSES, analysisNamed } from '../../analytics/analyses.js';
import type { Engine } from '../../engine.js';
import type { ProjectResolver } from '../project.js';

export function queryRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  app.get('/api/query', async () => ({
    analyses: ANALYSES.map((a) => ({ name: a.name, description: a.description, path: `/api/query/${a.name}` })),
  }));

  app.post('/api/query/:analysis', async (request) => {
    const { analysis: name } = request.params as { analysis: string };
    const analysis = analysisNamed(name);
    const projectId = await project(request.query as Record<string, string | undefined>);
    const spec = analysis.parse(request.body ?? {});
    const began = performance.now();
    const result: unknown = await analysis.run({ warehouse: engine.warehouse, now: Date.now }, projectId, spec);
    return { analysis: name, project: projectId, tookMs: Math.round(performance.now() - began), result };
  });
}
