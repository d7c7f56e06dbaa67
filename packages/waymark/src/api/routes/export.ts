// Streaming exports over HTTP: the same files `waymark export` writes.

import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import { CONTENT_TYPES, exportEvents, exportProfiles, parseExportFormat } from '../../transfer/export.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

function timeParam(q: Query, name: string): number | undefined {
  const raw = q[name];
  if (raw === undefined) return undefined;
  const t = Date.parse(raw);
  if (!Number.isFinite(t))
    throw new WaymarkError('invalid_request', `${name} must be an ISO-8601 time`, { field: name });
  return t;
}

export function exportRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  app.get('/api/export/:table', async (request, reply) => {
    const { table } = request.params as { table: string };
    const q = request.query as Query;
    const projectId = await project(q);
    const format = parseExportFormat(q['format']);
    let body: AsyncIterable<Uint8Array>;
    if (table === 'events') {
      const from = timeParam(q, 'from');
      const to = timeParam(q, 'to');
      body = exportEvents(engine.warehouse, {
        projectId,
        format,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
    } else if (table === 'profiles') {
      body = exportProfiles(engine.state, engine.warehouse, { projectId, format });
    } else {
      throw new WaymarkError('not_found', 'export "events" or "profiles"', { field: 'table' });
    }
    const ext = format === 'jsonl' ? 'jsonl' : format;
    return reply
      .header('Content-Type', CONTENT_TYPES[format])
      .header('Content-Disposition', `attachment; filename="${projectId}-${table}.${ext}"`)
      .send(Readable.from(body));
  });
}
