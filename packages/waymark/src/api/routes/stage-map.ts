// A project's journey stage map: `GET /api/stage-map` shows the map the stages analysis uses, `PUT` saves the
// project's own (checked like a spec, errors naming the field), `DELETE` goes back to the default map.

import type { FastifyInstance } from 'fastify';
import {
  DEFAULT_STAGE_MAP,
  STAGE_MAP_DEFINITION,
  parseSavedStageMap,
  type SavedStageMap,
} from '../../analytics/stages/stage-map.js';
import type { Engine } from '../../engine.js';
import type { ProjectResolver } from '../project.js';

const { kind, id } = STAGE_MAP_DEFINITION;

export function stageMapRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const { definitions } = engine.state;

  const current = async (projectId: string) => {
    const saved = await definitions.get<SavedStageMap>(projectId, kind, id);
    return saved
      ? {
          project: projectId,
          source: 'project',
          updatedAt: new Date(saved.updatedAt).toISOString(),
          stages: saved.body.stages,
        }
      : { project: projectId, source: 'default', updatedAt: null, stages: DEFAULT_STAGE_MAP };
  };

  app.get('/api/stage-map', async (request) => current(await project(request.query as Record<string, string>)));

  app.put('/api/stage-map', async (request) => {
    const projectId = await project(request.query as Record<string, string>);
    const map = parseSavedStageMap(request.body ?? {});
    await definitions.put(projectId, kind, id, { stages: map.stages }, Date.now());
    return current(projectId);
  });

  app.delete('/api/stage-map', async (request) => {
    const projectId = await project(request.query as Record<string, string>);
    await definitions.delete(projectId, kind, id);
    return current(projectId);
  });
}
