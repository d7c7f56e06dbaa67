// The decision API, authenticated by a project's write key like ingest (it is called from pages and apps):
// POST /v1/decide answers which variant each slot shows a person and why; GET /v1/definitions serves the slots,
// experiments and bandit weights for SDKs that decide locally.

import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine.js';
import { parseDecideBody } from '../../personalization/request.js';
import type { Authenticator } from '../auth.js';

export function decideRoutes(app: FastifyInstance, engine: Engine, auth: Authenticator): void {
  app.post('/v1/decide', async (request) => {
    const projectId = await auth.projectForIngest(request, (request.body as { writeKey?: string } | null)?.writeKey);
    const body = parseDecideBody(stripWriteKey(request.body));
    return { decisions: await engine.decisions.decide(projectId, body) };
  });

  app.get('/v1/definitions', async (request) => {
    const projectId = await auth.projectForIngest(request);
    const defs = await engine.decisions.definitions(projectId);
    return {
      project: projectId,
      slots: [...defs.slots.values()],
      experiments: [...defs.experiments.values()],
      banditWeights: Object.fromEntries(defs.banditWeights),
      generatedAt: new Date().toISOString(),
    };
  });
}

/** analytics.js-style clients may put the write key in the body; it is not part of the decision request. */
function stripWriteKey(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !('writeKey' in body)) return body;
  const rest = { ...(body as Record<string, unknown>) };
  delete rest['writeKey'];
  return rest;
}
