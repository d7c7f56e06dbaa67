// Where a CLI command acts: on the data dir directly, or through the server that owns it. A running server holds
// the warehouse open (chDB locks it), so commands must then go through its API; they never open the files.

import { WaymarkError } from '../core/errors.js';
import { dataDirPaths, runningServer, type ServerInfo } from '../data-dir.js';
import { openEngine, type Engine, type EngineOptions } from '../engine.js';

export const DEFAULT_DATA_DIR = process.env['WAYMARK_DATA_DIR'] ?? './data';

export type Target = { kind: 'engine'; engine: Engine } | { kind: 'server'; server: ServerClient };

/** Runs `fn` against the server owning `dataDir`, or else against an engine opened on it for the command. */
export async function withTarget<T>(
  dataDir: string,
  fn: (target: Target) => Promise<T>,
  options: Partial<EngineOptions> = {},
): Promise<T> {
  const info = runningServer(dataDirPaths(dataDir));
  if (info) return fn({ kind: 'server', server: new ServerClient(info) });
  const engine = await openEngine({ ...options, dataDir });
  try {
    return await fn({ kind: 'engine', engine });
  } finally {
    await engine.close();
  }
}

/** A thin client of a running server's /api, authenticated with the token it left in the data dir. */
export class ServerClient {
  constructor(readonly info: ServerInfo) {}

  /** Sends a request; waits and retries while the server answers 429 or 503 with Retry-After (up to 5 minutes). */
  async request(method: string, path: string, body?: { type: string; data: string | object }): Promise<Response> {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const response = await this.send(method, path, body);
      const retryAfter = Number(response.headers.get('retry-after'));
      if ((response.status !== 429 && response.status !== 503) || !(retryAfter > 0) || Date.now() > deadline) {
        return this.checked(response);
      }
      await response.body?.cancel();
      await new Promise((r) => setTimeout(r, retryAfter * 1000));
    }
  }

  private async send(method: string, path: string, body?: { type: string; data: string | object }): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.info.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.info.apiToken}`,
          ...(body ? { 'Content-Type': body.type } : {}),
        },
        ...(body ? { body: typeof body.data === 'string' ? body.data : JSON.stringify(body.data) } : {}),
      });
    } catch (cause) {
      throw new WaymarkError('unavailable', `the server at ${this.info.url} (pid ${this.info.pid}) does not answer`, {
        cause,
      });
    }
    return response;
  }

  private async checked(response: Response): Promise<Response> {
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message;
      } catch {
        // Not a Waymark error body: show it as it came.
      }
      throw new WaymarkError(response.status === 404 ? 'not_found' : 'invalid_request', `server: ${message}`);
    }
    return response;
  }

  async json<T>(method: string, path: string, body?: object): Promise<T> {
    const response = await this.request(method, path, body ? { type: 'application/json', data: body } : undefined);
    return (await response.json()) as T;
  }
}
