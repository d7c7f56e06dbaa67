// Slots and experiments: CRUD, a slot preview ("what would this customer see, and why"), experiment results.

import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine.js';
import {
  deleteExperiment,
  deleteSlot,
  getExperiment,
  getSlot,
  listExperiments,
  listSlots,
  saveExperiment,
  saveSlot,
} from '../../personalization/definitions.js';
import { parseDecideBody } from '../../personalization/request.js';
import { experimentResults } from '../../personalization/results.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

export function personalizationRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const store = engine.state.definitions;
  const changed = (projectId: string) => engine.decisions.invalidate(projectId);

  // Decisions and exposures recorded since the server started.
  app.get('/api/slots/status', async () => ({ decisions: { ...engine.decisions.stats } }));

  app.get('/api/slots', async (request) => {
    const projectId = await project(request.query as Query);
    return { project: projectId, slots: await listSlots(store, projectId) };
  });
  app.post('/api/slots', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const slot = await saveSlot(store, projectId, request.body, Date.now(), { replace: false });
    changed(projectId);
    return reply.status(201).send(slot);
  });
  app.get('/api/slots/:id', async (request) => {
    const projectId = await project(request.query as Query);
    return getSlot(store, projectId, (request.params as { id: string }).id);
  });
  app.put('/api/slots/:id', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    const slot = await saveSlot(store, projectId, request.body, Date.now(), { id, replace: true });
    changed(projectId);
    return slot;
  });
  app.delete('/api/slots/:id', async (request, reply) => {
    const projectId = await project(request.query as Query);
    await deleteSlot(store, projectId, (request.params as { id: string }).id);
    changed(projectId);
    return reply.status(204).send();
  });
  // What a person would see in this slot now, and why; records no exposure.
  app.post('/api/slots/:id/preview', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    await getSlot(store, projectId, id);
    const body = parseDecideBody({ ...(request.body as object), slots: [id], expose: false });
    return (await engine.decisions.decide(projectId, body))[id];
  });

  app.get('/api/experiments', async (request) => {
    const projectId = await project(request.query as Query);
    return { project: projectId, experiments: await listExperiments(store, projectId) };
  });
  app.post('/api/experiments', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const e = await saveExperiment(store, projectId, request.body, Date.now(), { replace: false });
    changed(projectId);
    return reply.status(201).send(e);
  });
  app.get('/api/experiments/:id', async (request) => {
    const projectId = await project(request.query as Query);
    return getExperiment(store, projectId, (request.params as { id: string }).id);
  });
  app.put('/api/experiments/:id', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    const e = await saveExperiment(store, projectId, request.body, Date.now(), { id, replace: true });
    changed(projectId);
    return e;
  });
  app.delete('/api/experiments/:id', async (request, reply) => {
    const projectId = await project(request.query as Query);
    await deleteExperiment(store, projectId, (request.params as { id: string }).id);
    changed(projectId);
    return reply.status(204).send();
  });
  app.get('/api/experiments/:id/results', async (request) => {
    const projectId = await project(request.query as Query);
    const e = await getExperiment(store, projectId, (request.params as { id: string }).id);
    return experimentResults(engine.warehouse, projectId, e, Date.now());
  });
}
