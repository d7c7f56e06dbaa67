// The HTTP app as a value: `buildApp(engine)` returns a Fastify instance that tests drive with `inject` and
// `waymark serve` binds to a port.

import Fastify, { type FastifyInstance } from 'fastify';
import { createGunzip, createInflate } from 'node:zlib';
import { WaymarkError } from '../core/errors.js';
import type { Engine } from '../engine.js';
import { Authenticator, type Principal } from './auth.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { errorHandler } from './errors.js';
import { projectResolver } from './project.js';
import { catalogRoutes } from './routes/catalog.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { decideRoutes } from './routes/decide.js';
import { exportRoutes } from './routes/export.js';
import { exportScheduleRoutes } from './routes/export-schedules.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { ingestRoutes } from './routes/ingest.js';
import { insightRoutes } from './routes/insights.js';
import { personalizationRoutes } from './routes/personalization.js';
import { profileRoutes } from './routes/profiles.js';
import { projectRoutes } from './routes/projects.js';
import { queryRoutes } from './routes/query.js';
import { sdkRoutes } from './routes/sdk.js';
import { segmentRoutes } from './routes/segments.js';
import { statsRoutes } from './routes/stats.js';
import { reportRoutes } from './routes/reports.js';
import { stageMapRoutes } from './routes/stage-map.js';
import { reportDeliveryRoutes } from './routes/report-delivery.js';
import type { ReportDeliveryService } from '../reports/delivery/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who called an /api route (set by the auth hook). */
    principal?: Principal;
  }
  interface FastifyInstance {
    /** Every route registered, as `METHOD /path`, for the access tests. */
    routeList: string[];
  }
}

export interface AppOptions {
  /** pino logger options, or false for none (default: warnings and errors only). */
  logger?: boolean | { level: string };
  /** Sends weekly reports (schedules, send-now); `waymark serve` passes the one it runs. */
  reportDelivery?: ReportDeliveryService;
}

export async function buildApp(engine: Engine, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: 'warn' },
    bodyLimit: engine.limits.maxBodyBytes,
    // Batches are parsed once; prototype poisoning keys are rejected by Fastify's secure JSON parser.
    onProtoPoisoning: 'error',
  });
  const auth = new Authenticator(engine.state);
  app.decorateRequest('principal', undefined);
  const routeList: string[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeList.push(`${method} ${route.url}`);
  });

  // analytics.js posts JSON as text/plain to avoid a CORS preflight.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body, done) => {
    app.getDefaultJsonParser('error', 'ignore')(request, body as string, done);
  });
  app.addContentTypeParser(
    'application/x-ndjson',
    { parseAs: 'string', bodyLimit: 1024 * 1024 * 1024 },
    (_req, body, done) => {
      done(null, body);
    },
  );
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== 'gzip' && encoding !== 'deflate') return payload;
    // The body limit then applies to the inflated bytes; Fastify checks the length it received on the wire.
    const inflated = payload.pipe(encoding === 'gzip' ? createGunzip() : createInflate()) as typeof payload & {
      receivedEncodedLength?: number;
    };
    delete request.headers['content-length'];
    inflated.receivedEncodedLength = (payload as { receivedEncodedLength?: number }).receivedEncodedLength ?? 0;
    return inflated;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/v1/')) {
      void reply.header('Access-Control-Allow-Origin', request.headers.origin ?? '*');
      void reply.header('Access-Control-Allow-Credentials', 'true');
      void reply.header('Access-Control-Allow-Headers', 'Content-Type, Authorization, Content-Encoding');
      void reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (request.method === 'OPTIONS') return reply.status(204).send();
    }
    if (request.url.startsWith('/api/')) request.principal = await auth.authorize(request);
    return undefined;
  });
  app.options('/v1/*', async (_request, reply) => reply.status(204).send());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    errorHandler(
      new WaymarkError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    );
  });

  const project = projectResolver(engine.state);
  healthRoutes(app, engine);
  authRoutes(app, engine, auth);
  userRoutes(app, engine);
  ingestRoutes(app, engine, auth);
  profileRoutes(app, engine, project);
  projectRoutes(app, engine, auth);
  exportRoutes(app, engine, project);
  exportScheduleRoutes(app, engine, project);
  importRoutes(app, engine, project);
  queryRoutes(app, engine, project);
  stageMapRoutes(app, engine, project);
  segmentRoutes(app, engine, project);
  decideRoutes(app, engine, auth);
  personalizationRoutes(app, engine, project);
  insightRoutes(app, engine, project);
  catalogRoutes(app, engine, project);
  reportRoutes(app, engine, project);
  reportDeliveryRoutes(app, engine, project, options.reportDelivery);
  statsRoutes(app);
  sdkRoutes(app);
  dashboardRoutes(app);
  await app.ready();
  return app;
}
