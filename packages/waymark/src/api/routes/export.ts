// Streaming exports over HTTP: the same files `waymark export` writes. Stored data by kind (`GET /api/export/events`,
// `profiles`, `segment-members/:segment`, `experiment-results/:experiment`); the result of a spec is exported by the
// query route itself (`POST /api/query/<analysis>?format=csv|jsonl|parquet`), through `sendResultExport`.

import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DEFAULT_QUERY_LIMITS, guardedWarehouse } from '../../analytics/query-guard.js';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import { CONTENT_TYPES, exportEvents, exportProfiles, parseExportFormat } from '../../transfer/export.js';
import { exportFileName, prepareResultExport } from '../../transfer/result-export.js';
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

/**
 * Runs an exportable result (an analysis, segment members, experiment results) and streams it as the file that
 * `query.format` names, in the table `query.table` (default: the result's main one). Errors in the spec or the
 * query come before the first byte, as ordinary error answers.
 */
export async function sendResultExport(
  reply: FastifyReply,
  engine: Engine,
  name: string,
  projectId: string,
  rawSpec: unknown,
  query: Query,
  signal?: AbortSignal,
): Promise<FastifyReply> {
  const format = parseExportFormat(query['format']);
  const ctx = {
    warehouse: guardedWarehouse(engine.warehouse, DEFAULT_QUERY_LIMITS, signal),
    now: Date.now,
    definitions: engine.state.definitions,
    state: engine.state,
  };
  const table = query['table'];
  const prepared = await prepareResultExport(ctx, engine.warehouse, name, projectId, rawSpec, {
    format,
    ...(table !== undefined ? { table } : {}),
  });
  return reply
    .header('Content-Type', CONTENT_TYPES[format])
    .header('Content-Disposition', `attachment; filename="${exportFileName(prepared, format)}"`)
    .send(Readable.from(prepared.body));
}

export function exportRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  app.get('/api/export/segment-members/:segment', async (request, reply) => {
    const q = request.query as Query;
    const projectId = await project(q);
    const { segment } = request.params as { segment: string };
    const at = timeParam(q, 'at');
    return sendResultExport(
      reply,
      engine,
      'segment-members',
      projectId,
      { segment, ...(at !== undefined ? { at } : {}) },
      q,
    );
  });

  app.get('/api/export/experiment-results/:experiment', async (request, reply) => {
    const q = request.query as Query;
    const projectId = await project(q);
    const { experiment } = request.params as { experiment: string };
    return sendResultExport(reply, engine, 'experiment-results', projectId, { experiment }, q);
  });

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
