// Who is calling: a write key (ingest, the way Segment authenticates: HTTP Basic with the key as user name, or
// `writeKey` in the body) or an API token (`Authorization: Bearer ...`) for everything under /api.

import type { FastifyRequest } from 'fastify';
import { WaymarkError } from '../core/errors.js';
import type { Role, User } from '../state/repositories/users.js';
import type { StateStore } from '../state/state-store.js';

export const SESSION_COOKIE = 'waymark_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export type Principal =
  { kind: 'token'; role: Role } | { kind: 'session'; role: Role; user: User; sessionToken: string };

/** Requests that read, even when they are POSTs (an analysis, a preview): viewers may send them. */
const READS = new Set([
  'POST /api/query/:analysis',
  'DELETE /api/query/running/:queryId',
  'POST /api/segments/preview',
  'POST /api/slots/:id/preview',
  'POST /api/stats/sample-size',
  'POST /api/stats/srm',
  'POST /api/insights/:id/run',
]);

/**
 * The least role a request needs: viewers read everything of every project; analysts also change analyses,
 * segments, stage maps, slots, experiments, saved insights and dashboards; admins also manage projects, keys, imports, users and tokens.
 */
export function requiredRole(method: string, route: string): Role {
  // Export schedules write files on the server's disk: admins only, reads included.
  if (route.startsWith('/api/users') || route.startsWith('/api/tokens') || route.startsWith('/api/export/schedules'))
    return 'admin';
  if (SAFE_METHODS.has(method) || READS.has(`${method} ${route}`)) return 'viewer';
  if (route.startsWith('/api/projects') || route.startsWith('/api/import')) return 'admin';
  return 'analyst';
}

/** A cookie's value from the request's Cookie header. */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const CACHE_MS = 5_000;

export class Authenticator {
  private readonly writeKeys = new Map<string, { projectId: string | undefined; until: number }>();
  private readonly tokens = new Map<string, { role: Role | undefined; until: number }>();

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

  /**
   * Who is calling /api: an API token (`Authorization: Bearer ...`, with its role) or a dashboard session (the
   * session cookie; state-changing requests must also send the session's CSRF token in `X-CSRF-Token`).
   * Throws `unauthorized` when neither is valid.
   */
  async principal(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        throw new WaymarkError('unauthorized', 'send an API token as "Authorization: Bearer <token>"', {
          field: 'authorization',
        });
      const token = match[1] as string;
      const now = Date.now();
      let cached = this.tokens.get(token);
      if (cached === undefined || cached.until < now) {
        cached = { role: await this.state.apiTokens.roleOf(token), until: now + CACHE_MS };
        if (this.tokens.size > 1_000) this.tokens.clear();
        this.tokens.set(token, cached);
      }
      if (cached.role === undefined)
        throw new WaymarkError('unauthorized', 'unknown API token', { field: 'authorization' });
      return { kind: 'token', role: cached.role };
    }
    const sessionToken = cookieOf(request, SESSION_COOKIE);
    if (sessionToken === undefined)
      throw new WaymarkError('unauthorized', 'log in, or send an API token as "Authorization: Bearer <token>"', {
        field: 'authorization',
      });
    const session = await this.state.users.session(sessionToken, Date.now());
    if (!session) throw new WaymarkError('unauthorized', 'your session has ended: log in again', { field: 'session' });
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken)
      throw new WaymarkError('forbidden', 'missing or wrong X-CSRF-Token header (from /auth/me)', {
        field: 'x-csrf-token',
      });
    return { kind: 'session', role: session.user.role, user: session.user, sessionToken };
  }

  /** Checks who calls an /api route and whether their role may: `unauthorized`, `forbidden` otherwise. */
  async authorize(request: FastifyRequest): Promise<Principal> {
    const principal = await this.principal(request);
    const needed = requiredRole(request.method, request.routeOptions.url ?? request.url);
    if (RANK[principal.role] < RANK[needed])
      throw new WaymarkError(
        'forbidden',
        `${request.method} ${request.routeOptions.url ?? request.url} needs the ${needed} role; this ${principal.kind === 'token' ? 'API token' : 'user'} is ${principal.role === 'admin' ? 'an' : 'a'} ${principal.role}`,
      );
    return principal;
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
