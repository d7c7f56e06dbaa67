// Delivery of weekly reports over HTTP: report schedules (`/api/reports/schedules`), the delivery log
// (`GET /api/reports/deliveries`) and send-now (`POST /api/reports/weekly/send`). Sending needs the delivery
// service `waymark serve` runs; without it (an app built for tests or tools) send answers 503.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import { object } from '../../core/field-check.js';
import type { Engine } from '../../engine.js';
import {
  deleteSchedule,
  deliveryCounts,
  deliveryView,
  getSchedule,
  listSchedules,
  parseDeliveryFilter,
  parseSendRequest,
  publicSchedule,
  saveSchedule,
  type ReportDeliveryService,
} from '../../reports/delivery/index.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

export function reportDeliveryRoutes(
  app: FastifyInstance,
  engine: Engine,
  project: ProjectResolver,
  service: ReportDeliveryService | undefined,
): void {
  const { definitions, projects, reportDeliveries } = engine.state;
  const projectOf = async (query: Query) => {
    const id = await project(query);
    return (await projects.get(id)) ?? { id, timeZone: 'UTC' };
  };
  const changed = (projectId: string) => service?.schedulesChanged(projectId);

  app.get('/api/reports/schedules', async (request) => {
    const projectId = await project(request.query as Query);
    const schedules = await listSchedules(definitions, projectId);
    return { project: projectId, schedules: schedules.map((s) => publicSchedule(s, Date.now())) };
  });

  app.get('/api/reports/schedules/:id', async (request) => {
    const projectId = await project(request.query as Query);
    return publicSchedule(await getSchedule(definitions, projectId, (request.params as { id: string }).id), Date.now());
  });

  // Saving answers with the webhook secrets (including generated ones): reads only ever show their last characters.
  app.post('/api/reports/schedules', async (request, reply) => {
    const target = await projectOf(request.query as Query);
    const saved = await saveSchedule(definitions, target, request.body, Date.now(), { replace: false });
    await changed(target.id);
    return reply.status(201).send({ ...publicSchedule(saved, Date.now()), webhooks: saved.webhooks });
  });

  app.put('/api/reports/schedules/:id', async (request) => {
    const target = await projectOf(request.query as Query);
    const { id } = request.params as { id: string };
    const saved = await saveSchedule(definitions, target, request.body, Date.now(), { id, replace: true });
    await changed(target.id);
    return { ...publicSchedule(saved, Date.now()), webhooks: saved.webhooks };
  });

  app.delete('/api/reports/schedules/:id', async (request, reply) => {
    const projectId = await project(request.query as Query);
    await deleteSchedule(definitions, projectId, (request.params as { id: string }).id);
    await changed(projectId);
    return reply.status(204).send();
  });

  app.get('/api/reports/deliveries', async (request) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const rows = await reportDeliveries.list(parseDeliveryFilter(projectId, query));
    return { project: projectId, counts: deliveryCounts(rows), deliveries: rows.map(deliveryView) };
  });

  app.get('/api/reports/deliveries/:id', async (request) => {
    const projectId = await project(request.query as Query);
    const row = await reportDeliveries.get((request.params as { id: string }).id);
    if (!row || row.projectId !== projectId)
      throw new WaymarkError('not_found', 'no such report delivery in this project', { field: 'id' });
    return deliveryView(row);
  });

  app.post('/api/reports/weekly/send', async (request) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const body = request.body === undefined || request.body === null ? {} : object(request.body, 'body');
    const sendRequest = parseSendRequest({
      ...body,
      ...(query['week'] ? { week: query['week'] } : {}),
      ...(query['schedule'] ? { schedule: query['schedule'] } : {}),
    });
    if (!service)
      throw new WaymarkError(
        'unavailable',
        'report delivery runs in `waymark serve`; this server was started without it',
      );
    return service.send(projectId, sendRequest);
  });
}
