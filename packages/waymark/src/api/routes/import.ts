// Import through a running server: JSON lines in the body, stored through the durable log like live traffic but
// with timestamps kept. `waymark import` uses it when a server owns the data dir.

import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import { createCallValidator } from '../../core/schema.js';
import type { Engine } from '../../engine.js';
import { intakeItems, parseJsonLine, type ReadItem } from '../../ingest/intake-items.js';
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
    const items: ReadItem[] = [];
    request.body.split('\n').forEach((text, i) => {
      const item = parseJsonLine(text, firstLine + i);
      if (item) items.push(item);
    });
    const outcome = intakeItems(items, { projectId, validator, limits: engine.limits });
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
    return { read: items.length, accepted: outcome.events.length - duplicates, duplicates, rejected: outcome.rejected };
  });
}
