// Analyses over HTTP: `POST /api/query/<analysis>` with the spec as the JSON body (`?format=csv|jsonl|parquet` for a
// file instead of JSON); `GET /api/query` lists them.
// A query stops when its client goes away, or on `DELETE /api/query/running/<queryId>`.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ANALYSES, analysisNamed } from '../../analytics/analyses.js';
import { DEFAULT_QUERY_LIMITS, guardedWarehouse } from '../../analytics/query-guard.js';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import type { ProjectResolver } from '../project.js';
import { sendResultExport } from './export.js';

/** Runs an analysis on a checked spec within the query limits; `signal` stops it. */
export async function runAnalysis(
  engine: Engine,
  name: string,
  projectId: string,
  spec: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  const warehouse = guardedWarehouse(engine.warehouse, DEFAULT_QUERY_LIMITS, signal);
  return analysisNamed(name).run({ warehouse, now: Date.now, definitions: engine.state.definitions }, projectId, spec);
}

export function queryRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const running = new Map<
    string,
    { analysis: string; project: string; startedAt: string; controller: AbortController }
  >();

  app.get('/api/query', async () => ({
    analyses: ANALYSES.map((a) => ({ name: a.name, description: a.description, path: `/api/query/${a.name}` })),
    running: [...running].map(([queryId, q]) => ({
      queryId,
      analysis: q.analysis,
      project: q.project,
      startedAt: q.startedAt,
    })),
  }));

  app.post('/api/query/:analysis', async (request, reply) => {
    const { analysis: name } = request.params as { analysis: string };
    const query = request.query as Record<string, string | undefined>;
    const analysis = analysisNamed(name);
    const projectId = await project(query);
    const spec = analysis.parse(request.body ?? {});
    const queryId = query['queryId'] ?? randomUUID();
    if (running.has(queryId))
      throw new WaymarkError('conflict', `a query "${queryId}" is already running`, { field: 'queryId' });
    const controller = new AbortController();
    // The response closing before it was written means the client gave up: stop the work.
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    running.set(queryId, { analysis: name, project: projectId, startedAt: new Date().toISOString(), controller });
    const began = performance.now();
    try {
      // `?format=csv|jsonl|parquet`: the result as a file to stream (see transfer/result-export.ts).
      if (query['format'] !== undefined && query['format'] !== 'json')
        return await sendResultExport(reply, engine, name, projectId, spec, query, controller.signal);
      const result = await runAnalysis(engine, name, projectId, spec, controller.signal);
      return { analysis: name, project: projectId, queryId, tookMs: Math.round(performance.now() - began), result };
    } finally {
      running.delete(queryId);
    }
  });

  app.delete('/api/query/running/:queryId', async (request) => {
    const { queryId } = request.params as { queryId: string };
    const q = running.get(queryId);
    if (!q) throw new WaymarkError('not_found', `no running query "${queryId}"`, { field: 'queryId' });
    q.controller.abort();
    return { queryId, cancelled: true };
  });
}
