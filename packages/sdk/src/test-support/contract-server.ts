// A small real HTTP server that speaks the Waymark SDK contract (/v1/batch, /v1/decide, /v1/definitions) for the
// SDK tests: it records what arrives, fails requests on demand, and serves static files (pages, the bundle).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decide } from '../core.js';
import type { SegmentCall } from '../shared/calls.js';
import type { DefinitionsBody } from '../node/definitions.js';
import { indexDefinitions } from '../node/definitions.js';

export interface ReceivedBatch {
  batch: SegmentCall[];
  /** How the write key came: the Authorization header or the body (text/plain, beacons). */
  keyVia: 'header' | 'body';
}

export interface ContractServer {
  url: string;
  writeKey: string;
  /** Batches that were accepted (200). */
  batches: ReceivedBatch[];
  /** Every request by path, failed ones included. */
  hits: Map<string, number>;
  /** Bodies of accepted /v1/decide requests. */
  decideRequests: Record<string, unknown>[];
  definitions: DefinitionsBody;
  files: Map<string, { type: string; body: string }>;
  /** The next `count` requests to `path` answer `status` (Infinity: until told otherwise). */
  fail(path: string, count: number, status?: number): void;
  /** Calls accepted, each messageId once. */
  delivered(): SegmentCall[];
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
};

export async function startContractServer(writeKey = 'wk_test'): Promise<ContractServer> {
  const failures = new Map<string, { count: number; status: number }>();
  const state: Omit<ContractServer, 'url' | 'close'> = {
    writeKey,
    batches: [],
    hits: new Map(),
    decideRequests: [],
    definitions: { project: 'test', slots: [], experiments: [], banditWeights: {}, generatedAt: '' },
    files: new Map(),
    fail: (path, count, status = 503) => failures.set(path, { count, status }),
    delivered: () => {
      const seen = new Map<string, SegmentCall>();
      for (const b of state.batches) for (const c of b.batch) seen.set(c.messageId, c);
      return [...seen.values()];
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const file = state.files.get(path);
    if (file) return void res.writeHead(200, { 'Content-Type': file.type }).end(file.body);
    const failure = failures.get(path);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      return send(res, failure.status, { error: { code: 'unavailable', message: 'failing on purpose' } });
    }
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const header = req.headers.authorization;
    const key = header
      ? Buffer.from(header.replace(/^Basic /, ''), 'base64')
          .toString()
          .replace(/:$/, '')
      : body.writeKey;
    if (key !== writeKey)
      return send(res, 401, { error: { code: 'unauthorized', message: 'bad key', field: 'writeKey' } });

    if (path === '/v1/batch' && req.method === 'POST') {
      const batch = body.batch as SegmentCall[];
      if (batch.some((c) => c.type === 'track' && !c.event))
        return send(res, 400, { error: { code: 'invalid_event', message: 'track needs an event', field: 'event' } });
      state.batches.push({ batch, keyVia: header ? 'header' : 'body' });
      return send(res, 200, { success: true, accepted: batch.length });
    }
    if (path === '/v1/definitions' && req.method === 'GET') return send(res, 200, state.definitions);
    if (path === '/v1/decide' && req.method === 'POST') {
      state.decideRequests.push(body);
      const defs = indexDefinitions(state.definitions);
      if (defs instanceof Error) throw defs;
      const person = body as { userId?: string; anonymousId?: string; traits?: object; context?: object };
      const decisions: Record<string, unknown> = {};
      for (const id of body.slots as string[])
        decisions[id] = decide(defs.slots.get(id), id, { ...person, now: Date.now() } as never, defs.env);
      return send(res, 200, { decisions });
    }
    return send(res, 404, { error: { code: 'not_found', message: path } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { error: { code: 'bug', message: error.message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // One object: tests reassign `definitions` and the handler sees it.
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
