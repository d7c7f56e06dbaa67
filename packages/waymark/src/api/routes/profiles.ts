// Profiles: one unified customer by person id or any distinct id, their cross-channel timeline, and search.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import { ProfileReader } from '../../profiles/profile-reader.js';
import { listSegments } from '../../segments/segments.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

function intParam(q: Query, name: string, fallback: number, max: number): number {
  const raw = q[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new WaymarkError('invalid_request', `${name} must be an integer from 0 to ${max}`, { field: name });
  }
  return n;
}

export function profileRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const reader = new ProfileReader(engine.state, engine.warehouse);

  app.get('/api/profiles', async (request) => {
    const q = request.query as Query;
    const projectId = await project(q);
    let trait: { key: string; value: string } | undefined;
    if (q['trait'] !== undefined) {
      const i = q['trait'].indexOf(':');
      if (i <= 0)
        throw new WaymarkError('invalid_request', 'trait must look like "key:value", e.g. plan:gold', {
          field: 'trait',
        });
      trait = { key: q['trait'].slice(0, i), value: q['trait'].slice(i + 1) };
    }
    const limit = intParam(q, 'limit', 50, 1_000);
    const offset = intParam(q, 'offset', 0, 10_000_000);
    const result = await reader.search(projectId, {
      ...(trait ? { trait } : {}),
      ...(q['distinct_id'] !== undefined ? { distinctId: q['distinct_id'] } : {}),
      ...(q['q'] !== undefined ? { text: q['q'] } : {}),
      limit,
      offset,
    });
    return { project: projectId, total: result.total, limit, offset, profiles: result.profiles };
  });

  app.get('/api/profiles/:id', async (request) => {
    const { id } = request.params as { id: string };
    const projectId = await project(request.query as Query);
    const profile = await reader.get(projectId, id);
    if (!profile)
      throw new WaymarkError('not_found', `no profile for "${id}" in project "${projectId}"`, { field: 'id' });
    return profile;
  });

  // The segments the person is in now (recorded membership, as decisions see it).
  app.get('/api/profiles/:id/segments', async (request) => {
    const { id } = request.params as { id: string };
    const projectId = await project(request.query as Query);
    const profile = await reader.get(projectId, id);
    if (!profile)
      throw new WaymarkError('not_found', `no profile for "${id}" in project "${projectId}"`, { field: 'id' });
    const ids = await engine.segments.membership.segmentsOf(projectId, profile.personId);
    const saved = new Map((await listSegments(engine.state.definitions, projectId)).map((s) => [s.id, s.name]));
    return {
      personId: profile.personId,
      segments: [...ids]
        .filter((s) => saved.has(s))
        .sort()
        .map((s) => ({ id: s, name: saved.get(s) })),
    };
  });

  app.get('/api/profiles/:id/timeline', async (request) => {
    const { id } = request.params as { id: string };
    const q = request.query as Query;
    const projectId = await project(q);
    const personId = await reader.resolvePerson(projectId, id);
    if (personId === undefined)
      throw new WaymarkError('not_found', `no person "${id}" in project "${projectId}"`, { field: 'id' });
    let before: number | undefined;
    if (q['before'] !== undefined) {
      before = Date.parse(q['before']);
      if (!Number.isFinite(before))
        throw new WaymarkError('invalid_request', 'before must be an ISO-8601 time', { field: 'before' });
    }
    const limit = intParam(q, 'limit', 100, 1_000);
    const events = await reader.timeline(projectId, personId, { limit, ...(before !== undefined ? { before } : {}) });
    const last = events.at(-1);
    return { personId, events, next: events.length === limit && last ? last.timestamp : null };
  });
}
