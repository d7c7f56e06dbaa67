// Segments over HTTP: saved definitions per project (CRUD), a size preview before saving, members with paging and
// as CSV. Membership is computed from the events at the time of the request.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import { parseCondition } from '../../segments/definition-check.js';
import {
  deleteSegment,
  getSegment,
  listSegments,
  MAX_MEMBERS,
  memberRows,
  previewSegment,
  resolveSegmentRefs,
  saveSegment,
  segmentMembers,
  type SavedSegment,
} from '../../segments/segments.js';
import { SEGMENT_TEMPLATES, segmentTemplate, templateDefinition } from '../../segments/templates.js';
import { storedMembers } from '../../segments/membership.js';
import { segmentTrends, trendDays } from '../../segments/trend.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

function integer(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new WaymarkError('invalid_request', `${field} must be a whole number`, { field });
  return n;
}

/** `at=ISO` evaluates membership at that time instead of now. */
function evaluationTime(query: Query): number {
  if (query['at'] === undefined) return Date.now();
  const t = Date.parse(query['at']);
  if (!Number.isFinite(t)) throw new WaymarkError('invalid_request', 'at must be an ISO-8601 time', { field: 'at' });
  return t;
}

export function segmentRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const store = engine.state.definitions;
  const { warehouse } = engine;

  // Stored membership follows a definition as soon as it is saved: who entered, who exited, as events.
  const refresh = async (projectId: string, segment: SavedSegment) => {
    const condition = await resolveSegmentRefs(store, projectId, segment.condition, [segment.id]);
    return engine.segments.refresh(projectId, { ...segment, condition }, Date.now());
  };

  // `trend=N` adds each segment's recorded size over the last N days and its moves in the last 7 (one query for all).
  app.get('/api/segments', async (request) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const segments = await listSegments(store, projectId);
    if (query['trend'] === undefined) return { project: projectId, segments };
    const trends = await segmentTrends(
      warehouse,
      projectId,
      segments.map((s) => s.id),
      trendDays(query['trend']),
      Date.now(),
    );
    return { project: projectId, segments: segments.map((s) => ({ ...s, trend: trends.get(s.id) })) };
  });

  app.post('/api/segments', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const saved = await saveSegment(store, projectId, request.body, Date.now(), { replace: false });
    return reply.status(201).send({ ...saved, refresh: await refresh(projectId, saved) });
  });

  // A definition (or just its condition) counted without saving it: what a builder shows while it is edited.
  app.post('/api/segments/preview', async (request) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const body = (request.body ?? {}) as { condition?: unknown };
    const condition = await resolveSegmentRefs(store, projectId, parseCondition(body.condition));
    return previewSegment(
      warehouse,
      projectId,
      condition,
      evaluationTime(query),
      integer(query['sample'], 'sample', 10),
    );
  });

  app.get('/api/segments/templates', async () => ({ templates: SEGMENT_TEMPLATES }));

  // How real-time membership keeps up: batches handled, changes recorded, latency from storage to recording.
  app.get('/api/segments/status', async () => ({ realtime: engine.segments.summary() }));

  // Adds a template to the project as a saved segment with the template's id (edit it afterwards like any other).
  app.post('/api/segments/templates/:template', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const { template: id } = request.params as { template: string };
    const found = segmentTemplate(id);
    if (!found)
      throw new WaymarkError('not_found', `no segment template "${id}"; GET /api/segments/templates lists them`, {
        field: 'template',
      });
    const saved = await saveSegment(store, projectId, templateDefinition(found), Date.now(), { replace: false });
    return reply.status(201).send({ ...saved, refresh: await refresh(projectId, saved) });
  });

  app.get('/api/segments/:id', async (request) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const { id } = request.params as { id: string };
    const segment = await getSegment(store, projectId, id);
    const condition = await resolveSegmentRefs(store, projectId, segment.condition, [id]);
    const preview = await previewSegment(warehouse, projectId, condition, evaluationTime(query), 0);
    return { ...segment, size: preview.size, persons: preview.persons, share: preview.share, at: preview.at };
  });

  app.put('/api/segments/:id', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    const saved = await saveSegment(store, projectId, request.body, Date.now(), { id, replace: true });
    return { ...saved, refresh: await refresh(projectId, saved) };
  });

  // Records membership changes now (the server also does it on a schedule, see `waymark serve --segment-refresh`).
  app.post('/api/segments/:id/refresh', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    return refresh(projectId, await getSegment(store, projectId, id));
  });

  // The stored members (as of the last refresh), against the definition's members now.
  app.get('/api/segments/:id/stored-members', async (request) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    await getSegment(store, projectId, id);
    const members = await storedMembers(warehouse, projectId, id);
    return { segment: id, size: members.length, members };
  });

  app.delete('/api/segments/:id', async (request, reply) => {
    const projectId = await project(request.query as Query);
    const { id } = request.params as { id: string };
    const deleted = await deleteSegment(store, projectId, id);
    await engine.segments.retire(projectId, deleted);
    return reply.status(204).send();
  });

  // Members, a page at a time (`limit`, `offset`), or all of them as CSV with `format=csv`.
  app.get('/api/segments/:id/members', async (request, reply) => {
    const query = request.query as Query;
    const projectId = await project(query);
    const { id } = request.params as { id: string };
    const segment = await getSegment(store, projectId, id);
    const condition = await resolveSegmentRefs(store, projectId, segment.condition, [id]);
    const at = evaluationTime(query);
    if (query['format'] === 'csv') {
      const all = await segmentMembers(warehouse, projectId, condition, at, { limit: MAX_MEMBERS, offset: 0 });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="segment-${id}.csv"`)
        .send(`person_id\n${all.members.join('\n')}${all.members.length > 0 ? '\n' : ''}`);
    }
    const page = { limit: integer(query['limit'], 'limit', 100), offset: integer(query['offset'], 'offset', 0) };
    const result = await segmentMembers(warehouse, projectId, condition, at, page);
    return { segment: id, ...result, members: await memberRows(engine.state.profiles, projectId, result.members) };
  });
}
