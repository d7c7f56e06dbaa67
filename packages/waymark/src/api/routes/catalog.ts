// GET /api/events: the project's event names of the last `days` (default 90) with counts; GET
// /api/events/:name/properties: the property keys of one event. For the dashboard's pickers.

import type { FastifyInstance } from 'fastify';
import { eventNames, eventProperties } from '../../analytics/catalog.js';
import { DAY_MS } from '../../core/time.js';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

function since(q: Query): number {
  const days = q['days'] === undefined ? 90 : Number(q['days']);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new WaymarkError('invalid_request', 'days must be a whole number from 1 to 3650', { field: 'days' });
  return Date.now() - days * DAY_MS;
}

export function catalogRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  app.get('/api/events', async (request) => {
    const q = request.query as Query;
    const projectId = await project(q);
    return { project: projectId, events: await eventNames(engine.warehouse, projectId, since(q)) };
  });
  app.get('/api/events/:name/properties', async (request) => {
    const q = request.query as Query;
    const projectId = await project(q);
    const { name } = request.params as { name: string };
    return {
      project: projectId,
      event: name,
      properties: await eventProperties(engine.warehouse, projectId, name, since(q)),
    };
  });
}
