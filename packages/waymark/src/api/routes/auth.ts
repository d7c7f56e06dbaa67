// Dashboard sign-in: POST /auth/login sets an HttpOnly, SameSite session cookie and answers the CSRF token that
// state-changing /api requests must echo in X-CSRF-Token; GET /auth/me says who is logged in; POST /auth/logout ends
// the session. Repeated failed logins for an address or from a client are slowed down (429 with Retry-After).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WaymarkError } from '../../core/errors.js';
import { fail, object, text } from '../../core/field-check.js';
import { verifyPassword } from '../../core/passwords.js';
import type { Engine } from '../../engine.js';
import { cookieOf, SESSION_COOKIE, type Authenticator } from '../auth.js';

const SESSION_MS = 7 * 24 * 3_600_000;
/** Failed logins before a pause: per address, and (higher: offices share one) per client address. */
const MAX_FAILURES = { email: 5, ip: 50 };
const LOCK_MS = 15 * 60_000;
/** A fixed hash to verify against for unknown addresses, so that they take as long as known ones. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeS: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header(
    'Set-Cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`,
  );
}

export function authRoutes(app: FastifyInstance, engine: Engine, auth: Authenticator): void {
  const failures = new Map<string, { count: number; until: number }>();
  const locked = (key: string, now: number): number => {
    const f = failures.get(key);
    const max = key.startsWith('ip:') ? MAX_FAILURES.ip : MAX_FAILURES.email;
    return f && f.count >= max && f.until > now ? Math.ceil((f.until - now) / 1000) : 0;
  };
  const failed = (key: string, now: number): void => {
    const f = failures.get(key);
    const count = f && f.until > now ? f.count + 1 : 1;
    failures.set(key, { count, until: now + LOCK_MS });
    if (failures.size > 10_000) failures.clear();
  };

  app.post('/auth/login', async (request, reply) => {
    const body = object(request.body, 'body');
    const email = text(body['email'], 'email').trim().toLowerCase();
    if (typeof body['password'] !== 'string') fail('password', 'must be a string');
    const now = Date.now();
    const keys = [`email:${email}`, `ip:${request.ip}`];
    const wait = Math.max(...keys.map((k) => locked(k, now)));
    if (wait > 0)
      throw new WaymarkError('overloaded', `too many failed logins: try again in ${Math.ceil(wait / 60)} minutes`, {
        retryAfter: wait,
      });
    const user = await engine.state.users.byEmail(email);
    const ok = await verifyPassword(body['password'] as string, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      for (const k of keys) failed(k, now);
      throw new WaymarkError('unauthorized', 'wrong email or password', { field: 'password' });
    }
    for (const k of keys) failures.delete(k);
    const { token, csrfToken } = await engine.state.users.createSession(user.id, now, SESSION_MS);
    setSessionCookie(request, reply, token, SESSION_MS / 1000);
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt },
      csrfToken,
    };
  });

  app.get('/auth/me', async (request) => {
    const principal = await auth.principal(request);
    if (principal.kind !== 'session') throw new WaymarkError('unauthorized', 'not logged in', { field: 'session' });
    const session = await engine.state.users.session(principal.sessionToken, Date.now());
    return { user: principal.user, csrfToken: session?.csrfToken };
  });

  app.post('/auth/logout', async (request, reply) => {
    const token = cookieOf(request, SESSION_COOKIE);
    if (token !== undefined) {
      // Ending a session also needs its CSRF token, so that another site cannot log a user out.
      const principal = await auth.principal(request);
      if (principal.kind === 'session') await engine.state.users.endSession(principal.sessionToken);
    }
    setSessionCookie(request, reply, '', 0);
    return reply.status(204).send();
  });
}
