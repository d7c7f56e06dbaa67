// Who is calling: a write key (ingest, the way Segment authenticates: HTTP Basic with the key as user name, or
// `writeKey` in the body) or an API token (`Authorization: Bearer ...`) for everything under /api.

import type { FastifyRequest } from 'fastify';
import { WaymarkError } from '../core/errors.js';
import type { StateStore } from '../state/state-store.js';

const CACHE_MS = 5_000;

export class Authenticator {
  private readonly writeKeys = new Map<string, { projectId: string | undefined; until: number }>();
  private readonly tokens = new Map<string, { valid: boolean; until: number }>();

  constructor(private readonly state: StateStore) {}

  /** The project of the request's write key; throws `unauthorized` naming what is missing or wrong. */
  /** `bodyKey`: the `writeKey` field of the body, when the body has been parsed. */
  async projectForIngest(request: FastifyRequest, bodyKey?: string): Promise<string> {
    const key = writeKeyOf(request, bodyKey);
    if (key === undefined) {
      throw new WaymarkError(
        'unauthorized',
        'send the write key as the HTTP Basic user name or as "writeKey" in the body',
        {
          field: 'writeKey',
        },
      );
    }
    return this.projectForWriteKey(key);
  }

  /** The project a write key belongs to; throws `unauthorized` for an unknown or revoked key. */
  async projectForWriteKey(key: string): Promise<string> {
    const now = Date.now();
    let cached = this.writeKeys.get(key);
    if (cached === undefined || cached.until < now) {
      cached = { projectId: await this.state.projects.projectForWriteKey(key), until: now + CACHE_MS };
      if (this.writeKeys.size > 10_000) this.writeKeys.clear();
      this.writeKeys.set(key, cached);
    }
    if (cached.projectId === undefined)
      throw new WaymarkError('unauthorized', 'unknown or revoked write key', { field: 'writeKey' });
    return cached.projectId;
  }

  /** Checks the API token of an /api request. */
  async requireApiToken(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new WaymarkError('unauthorized', 'send an API token as "Authorization: Bearer <token>"', {
        field: 'authorization',
      });
    const token = match[1] as string;
    const now = Date.now();
    let cached = this.tokens.get(token);
    if (cached === undefined || cached.until < now) {
      cached = { valid: await this.state.apiTokens.verify(token), until: now + CACHE_MS };
      if (this.tokens.size > 1_000) this.tokens.clear();
      this.tokens.set(token, cached);
    }
    if (!cached.valid) throw new WaymarkError('unauthorized', 'unknown API token', { field: 'authorization' });
  }

  /** Forget cached keys, e.g. after a rotation, so a revoked key stops working at once. */
  forget(): void {
    this.writeKeys.clear();
    this.tokens.clear();
  }
}

/** The write key sent as the HTTP Basic user name, as Segment's SDKs send it. */
export function writeKeyFromHeader(request: FastifyRequest): string | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!basic) return undefined;
  const user =
    Buffer.from(basic[1] as string, 'base64')
      .toString('utf8')
      .split(':')[0] ?? '';
  return user === '' ? undefined : user;
}

function writeKeyOf(request: FastifyRequest, bodyKey: string | undefined): string | undefined {
  const key = writeKeyFromHeader(request) ?? bodyKey;
  if (key !== undefined) return key;
  const q = (request.query as Record<string, unknown> | undefined)?.['writeKey'];
  return typeof q === 'string' && q !== '' ? q : undefined;
}
