// Project management: list and create projects, list and rotate write keys.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import type { Authenticator } from '../auth.js';

export function projectRoutes(app: FastifyInstance, engine: Engine, auth: Authenticator): void {
  const { projects } = engine.state;

  app.get('/api/projects', async () => {
    const list = await projects.list();
    return {
      projects: await Promise.all(
        list.map(async (p) => ({
          ...p,
          writeKeys: (await projects.keys(p.id)).filter((k) => k.revokedAt === null).map((k) => k.key),
        })),
      ),
    };
  });

  app.post('/api/projects', async (request, reply) => {
    const body = (request.body ?? {}) as { id?: unknown; name?: unknown; timeZone?: unknown };
    if (typeof body.name !== 'string') throw new WaymarkError('invalid_request', 'name is required', { field: 'name' });
    if (body.id !== undefined && typeof body.id !== 'string')
      throw new WaymarkError('invalid_request', 'id must be a string', { field: 'id' });
    const created = await projects.create({
      name: body.name,
      now: Date.now(),
      ...(typeof body.id === 'string' ? { id: body.id } : {}),
      ...(typeof body.timeZone === 'string' ? { timeZone: body.timeZone } : {}),
    });
    return reply.status(201).send({ ...created.project, writeKey: created.writeKey });
  });

  app.get('/api/projects/:id/keys', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await projects.get(id))) throw new WaymarkError('not_found', `no project "${id}"`, { field: 'id' });
    return { keys: await projects.keys(id) };
  });

  app.post('/api/projects/:id/keys/rotate', async (request) => {
    const { id } = request.params as { id: string };
    const { keepOld } = (request.body ?? {}) as { keepOld?: boolean };
    const key = await projects.rotateKey(id, Date.now(), keepOld === true);
    auth.forget();
    return { writeKey: key, revokedOld: keepOld !== true };
  });
}
