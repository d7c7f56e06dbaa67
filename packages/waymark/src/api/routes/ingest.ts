// Segment-compatible ingest: /v1/batch and the single-call endpoints, plus the short paths analytics.js uses.
// A 200 means the accepted events are durable; rejected calls of a batch are reported by index.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallType } from '../../core/event.js';
import { WaymarkError } from '../../core/errors.js';
import { createCallValidator } from '../../core/schema.js';
import type { Engine } from '../../engine.js';
import { intakeCalls } from '../../ingest/intake.js';
import type { Authenticator } from '../auth.js';

const SINGLE: ReadonlyArray<[string, CallType]> = [
  ['track', 'track'],
  ['identify', 'identify'],
  ['page', 'page'],
  ['screen', 'screen'],
  ['group', 'group'],
  ['alias', 'alias'],
  ['t', 'track'],
  ['i', 'identify'],
  ['p', 'page'],
  ['s', 'screen'],
  ['g', 'group'],
  ['a', 'alias'],
];

export function ingestRoutes(app: FastifyInstance, engine: Engine, auth: Authenticator): void {
  const validator = createCallValidator(engine.limits);
  const bodyLimit = engine.limits.maxBodyBytes;

  const admit = (): void => {
    const refusal = engine.ingest.admit();
    if (refusal) throw refusal;
  };

  const handleBatch = async (request: FastifyRequest) => {
    admit();
    const body = request.body;
    const projectId = await auth.projectForIngest(request, body);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new WaymarkError('invalid_request', 'the body must be a JSON object with a "batch" array', {
        field: 'body',
      });
    }
    const { batch, sentAt } = body as { batch?: unknown; sentAt?: string | number };
    if (!Array.isArray(batch))
      throw new WaymarkError('invalid_request', '"batch" must be an array of events', { field: 'batch' });
    if (batch.length > engine.limits.maxBatchEvents) {
      throw new WaymarkError('payload_too_large', `a batch may hold at most ${engine.limits.maxBatchEvents} events`, {
        field: 'batch',
      });
    }
    const outcome = intakeCalls(batch, {
      projectId,
      receivedAt: Date.now(),
      batchSentAt: typeof sentAt === 'string' || typeof sentAt === 'number' ? sentAt : undefined,
      correctSkew: true,
      validator,
      limits: engine.limits,
      newMessageId: randomUUID,
      fieldPrefix: 'batch',
    });
    if (outcome.events.length === 0 && outcome.rejected.length > 0) {
      const first = outcome.rejected[0];
      throw new BatchRejected(outcome.rejected, first?.field ?? 'batch');
    }
    await engine.ingest.accept(projectId, outcome.events);
    return outcome.rejected.length === 0
      ? { success: true, accepted: outcome.events.length }
      : { success: true, accepted: outcome.events.length, rejected: outcome.rejected };
  };

  const handleSingle = (type: CallType) => async (request: FastifyRequest) => {
    admit();
    const body = request.body;
    const projectId = await auth.projectForIngest(request, body);
    const outcome = intakeCalls([body], {
      projectId,
      receivedAt: Date.now(),
      correctSkew: true,
      validator,
      limits: engine.limits,
      newMessageId: randomUUID,
      fieldPrefix: '',
      impliedType: type,
    });
    const rejected = outcome.rejected[0];
    if (rejected) {
      throw new WaymarkError(rejected.code as 'invalid_event', rejected.message, { field: rejected.field });
    }
    await engine.ingest.accept(projectId, outcome.events);
    return { success: true };
  };

  // analytics.js (analytics-next) loads its settings from `${cdnURL}/v1/projects/<writeKey>/settings`: serving them
  // here lets a page point both its CDN and API host at Waymark and nowhere else.
  app.get('/v1/projects/:writeKey/settings', async (request) => {
    const { writeKey } = request.params as { writeKey: string };
    const projectId = await auth.projectForWriteKey(writeKey);
    const host = request.headers['x-forwarded-host'] ?? request.headers.host ?? 'localhost';
    const protocol = request.headers['x-forwarded-proto'] === 'https' ? 'https' : request.protocol;
    return {
      integrations: {
        'Segment.io': { apiKey: writeKey, apiHost: `${String(host)}/v1`, protocol, addBundledMetadata: false },
      },
      plan: {
        track: { __default: { enabled: true, integrations: {} } },
        identify: { __default: { traits: {} } },
        group: { __default: { traits: {} } },
      },
      analyticsNextEnabled: true,
      middlewareSettings: {},
      enabledMiddleware: {},
      metrics: { sampleRate: 0 },
      legacyVideoPluginsEnabled: false,
      remotePlugins: [],
      waymark: { project: projectId },
    };
  });

  app.post('/v1/batch', { bodyLimit }, handleBatch);
  app.post('/v1/b', { bodyLimit }, handleBatch);
  for (const [path, type] of SINGLE) app.post(`/v1/${path}`, { bodyLimit }, handleSingle(type));
}

/** Every call of a batch was rejected: 400 with the list, so the client sees all the reasons at once. */
export class BatchRejected extends WaymarkError {
  constructor(
    readonly rejected: { index: number; code: string; field: string; message: string }[],
    field: string,
  ) {
    super('invalid_event', `none of the ${rejected.length} events in the batch is valid; see "rejected"`, { field });
  }
}
