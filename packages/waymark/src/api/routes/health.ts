// Liveness (`/health`: the process answers) and readiness (`/ready`: stores reachable, ingest keeping up).

import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine.js';

export function healthRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const problems: string[] = [];
    try {
      await engine.warehouse.query('SELECT 1');
    } catch (e) {
      problems.push(`warehouse: ${(e as Error).message}`);
    }
    try {
      await engine.state.projects.list();
    } catch (e) {
      problems.push(`state store: ${(e as Error).message}`);
    }
    const consumerError = engine.consumer.error;
    if (consumerError !== undefined)
      problems.push(`ingest: ${(consumerError as Error).message ?? String(consumerError)}`);
    const refusal = engine.ingest.admit();
    if (refusal) problems.push(`ingest: ${refusal.message}`);
    const body = {
      status: problems.length === 0 ? 'ready' : 'not_ready',
      problems,
      ingestLagBytes: engine.consumer.lag,
    };
    return reply.status(problems.length === 0 ? 200 : 503).send(body);
  });
}
