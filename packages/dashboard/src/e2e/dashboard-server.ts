// A real Waymark server for the browser tests: a demo project in a test engine, the API app of buildApp, and the
// dashboard's files. Until app.ts registers dashboardRoutes itself, a small front server serves the dashboard and
// hands every other request to the API app unchanged.

import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../../waymark/src/api/app.js';
import { dashboardRoutes } from '../../../waymark/src/api/routes/dashboard.js';
import type { Engine } from '../../../waymark/src/engine.js';
import { openDemoEngine } from '../../../waymark/src/test-support/demo-engine.js';

export interface DashboardServer {
  url: string;
  engine: Engine;
  /** The API app, for asking it directly what the dashboard should show. */
  api: FastifyInstance;
  /** Whether the server has the session endpoints (`/auth/me` is not a 404). */
  hasAuth: boolean;
  close(): Promise<void>;
}

export async function startDashboardServer(): Promise<DashboardServer> {
  const engine = await openDemoEngine();
  const api = await buildApp(engine, { logger: false });
  const hasAuth = (await api.inject({ method: 'GET', url: '/auth/me' })).statusCode !== 404;
  const served = api.hasRoute({ method: 'GET', url: '/' }) ? api : await frontServer(api);
  await served.listen({ host: '127.0.0.1', port: 0 });
  const { port } = served.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    api,
    hasAuth,
    async close() {
      if (served !== api) await served.close();
      await api.close();
      await engine.close();
    },
  };
}

async function frontServer(api: FastifyInstance): Promise<FastifyInstance> {
  const front = Fastify({ logger: false });
  front.removeAllContentTypeParsers();
  front.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  dashboardRoutes(front);
  front.setNotFoundHandler(async (request, reply) => {
    const answer = await api.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(Buffer.isBuffer(request.body) ? { payload: request.body } : {}),
    });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !['content-length', 'transfer-encoding', 'connection'].includes(name))
        void reply.header(name, value);
    }
    return reply.status(answer.statusCode).send(answer.rawPayload);
  });
  await front.ready();
  return front;
}
