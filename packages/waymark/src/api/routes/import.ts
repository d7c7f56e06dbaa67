// Import through a running server: JSON lines in the body, stored through the durable log like live traffic but
// with timestamps kept. `waymark import` uses it when a server owns the data dir.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import { createCallValidator } from '../../core/schema.js';
import type { Engine } from '../../engine.js';
import { intakeCalls, type Rejection } from '../../ingest/intake.js';
import type { ProjectResolver } from '../project.js';

export function importRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  const validator = createCallValidator(engine.limits);

  app.post('/api/import', { bodyLimit: 64 * 1024 * 1024 }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const projectId = await project(q);
    const firstLine = Number(q['firstLine'] ?? '1');
    if (typeof request.body !== 'string') {
      throw new WaymarkError('invalid_request', 'send JSON lines with Content-Type: application/x-ndjson', {
        field: 'content-type',
      });
    }
    const refusal = engine.ingest.admit();
    if (refusal) throw refusal;
    const calls: unknown[] = [];
    const lines: number[] = [];
    const rejected: (Rejection & { line: number })[] = [];
    request.body.split('\n').forEach((text, i) => {
      const line = firstLine + i;
      if (text.trim() === '') return;
      try {
        calls.push(JSON.parse(text));
        lines.push(line);
      } catch (e) {
        rejected.push({
          index: line - 1,
          line,
          code: 'invalid_json',
          field: '',
          message: `invalid JSON: ${(e as Error).message}`,
        });
      }
    });
    const outcome = intakeCalls(calls, {
      projectId,
      receivedAt: Date.now(),
      correctSkew: false,
      validator,
      limits: engine.limits,
      newMessageId: randomUUID,
      fieldPrefix: '',
    });
    for (const r of outcome.rejected) {
      const line = lines[r.index] ?? 0;
      rejected.push({ ...r, index: line - 1, line });
    }
    // Duplicates are dropped when stored; count them now so the caller's summary is complete.
    const ids = new Set<string>();
    let repeats = 0;
    for (const e of outcome.events) {
      if (ids.has(e.message_id)) repeats += 1;
      ids.add(e.message_id);
    }
    const known = await engine.state.messageIds.existing(projectId, [...ids]);
    await engine.ingest.accept(projectId, outcome.events);
    const duplicates = repeats + outcome.events.filter((e) => known.has(e.message_id)).length;
    return {
      read: calls.length + rejected.length - outcome.rejected.length,
      accepted: outcome.events.length - duplicates,
      duplicates,
      rejected,
    };
  });
}
