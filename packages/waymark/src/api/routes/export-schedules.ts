// Export schedules over HTTP (admin role): CRUD of a project's schedules, their past runs, and a run on demand.
// The scheduler that runs them lives as long as the app: started when it is ready, stopped when it closes.

import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine.js';
import {
  deleteExportSchedule,
  getExportSchedule,
  listExportRuns,
  listExportSchedules,
  nextRun,
  saveExportSchedule,
  type ExportSchedule,
} from '../../transfer/export-schedule.js';
import { ExportScheduler } from '../../transfer/export-scheduler.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

const withNextRun = (s: ExportSchedule): ExportSchedule & { nextRun: string | null } => ({
  ...s,
  nextRun: nextRun(s),
});

export function exportScheduleRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const store = engine.state.definitions;
  const scheduler = new ExportScheduler({
    warehouse: engine.warehouse,
    state: engine.state,
    ingest: engine.ingest,
    onError: (message, error) => app.log.error({ err: error }, message),
  });
  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => scheduler.stop());

  app.get('/api/export/schedules', async (request) => {
    const projectId = await project(request.query as Query);
    return { project: projectId, schedules: (await listExportSchedules(store, projectId)).map(withNextRun) };
  });

  app.post('/api/export/schedules', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const saved = await saveExportSchedule(store, projectId, request.body, { replace: false });
    await scheduler.sync(projectId);
    return reply.status(201).send(withNextRun(saved));
  });

  app.get('/api/export/schedules/:id', async (request) => {
    const projectId = await project(request.query as Query);
    return withNextRun(await getExportSchedule(store, projectId, (request.params as { id: string }).id));
  });

  app.put('/api/export/schedules/:id', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    const saved = await saveExportSchedule(store, projectId, request.body, { id, replace: true });
    await scheduler.sync(projectId);
    return withNextRun(saved);
  });

  app.delete('/api/export/schedules/:id', async (request, reply) => {
    const projectId = await project(request.query as Query);
    await deleteExportSchedule(store, projectId, (request.params as { id: string }).id);
    await scheduler.sync(projectId);
    return reply.status(204).send();
  });

  app.get('/api/export/schedules/:id/runs', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    await getExportSchedule(store, projectId, id);
    return { schedule: id, runs: await listExportRuns(store, projectId, id) };
  });

  // Runs the schedule now, whatever its cron says; the answer is the logged run (`status: failed` with the error).
  app.post('/api/export/schedules/:id/run', async (request) => {
    const projectId = await project(request.query as Query);
    const schedule = await getExportSchedule(store, projectId, (request.params as { id: string }).id);
    return scheduler.run(projectId, schedule);
  });
}
