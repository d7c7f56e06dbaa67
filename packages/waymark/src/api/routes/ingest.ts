// Segment-compatible ingest: /v1/batch and the single-call endpoints, plus the short paths analytics.js uses.
// A 200 means the accepted events are durable; rejected calls of a batch are reported by index.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallType } from '../../core/event.js';
import { WaymarkError } from '../../core/errors.js';
import type { Engine } from '../../engine.js';
import { withProject } from '../../ingest/http-intake.js';
import type { Rejection } from '../../ingest/intake.js';
import { writeKeyFromHeader, type Authenticator } from '../auth.js';

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
  const bodyLimit = engine.limits.maxBodyBytes;

  /** Parses on the intake pool, authenticates, appends durably; returns what the request accepted and rejected. */
  const ingest = async (request: FastifyRequest, impliedType?: CallType) => {
    const refusal = engine.ingest.admit();
    if (refusal) throw refusal;
    // Authenticate before spending work on the body when the key is in the header, as Segment's SDKs send it.
    const headerProject = writeKeyFromHeader(request) === undefined ? undefined : await auth.projectForIngest(request);
    const response = await engine.intake.process({
      body: request.body as string,
      receivedAt: Date.now(),
      ...(impliedType ? { impliedType } : {}),
    });
    const projectId = headerProject ?? (await auth.projectForIngest(request, response.writeKey));
    if (!response.ok) {
      const { code, message, field, rejected } = response.error;
      if (rejected) throw new BatchRejected(rejected, field);
      throw new WaymarkError(code, message, { field });
    }
    await engine.ingest.acceptLines(
      projectId,
      response.lines.map((line) => withProject(line, projectId)),
      response.events,
    );
    return response;
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

  // Ingest bodies reach the intake pool as text: parsing them is the pool's work, off the main thread.
  void app.register(async (v1) => {
    v1.removeAllContentTypeParsers();
    v1.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
    const batch = async (request: FastifyRequest) => {
      const { lines, rejected } = (await ingest(request)) as { lines: string[]; rejected: Rejection[] };
      return rejected.length === 0
        ? { success: true, accepted: lines.length }
        : { success: true, accepted: lines.length, rejected };
    };
    v1.post('/v1/batch', { bodyLimit }, batch);
    v1.post('/v1/b', { bodyLimit }, batch);
    for (const [path, type] of SINGLE) {
      v1.post(`/v1/${path}`, { bodyLimit }, async (request) => {
        await ingest(request, type);
        return { success: true };
      });
    }
  });
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
