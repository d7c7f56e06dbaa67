// Who may do what: dashboard sessions with CSRF protection, roles (admin / analyst / viewer) on every /api route,
// role-bearing API tokens, and project scoping.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../core/passwords.js';
import type { Engine } from '../engine.js';
import { basic, openTestEngine } from '../test-support/engine.js';
import { buildApp } from './app.js';
import { requiredRole } from './auth.js';

let engine: Engine;
let app: FastifyInstance;
const PASSWORD = 'a long enough secret';

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'other', name: 'Other', now: Date.now() });
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    await engine.state.users.create({ email: `${role}@x.test`, name: role, role, passwordHash }, Date.now());
  app = await buildApp(engine, { logger: false });
  await app.inject({
    method: 'POST',
    url: '/v1/track',
    headers: { authorization: basic(writeKey) },
    payload: { userId: 'ann', event: 'Order Completed', properties: { revenue: 10 } },
  });
  await engine.ingest.drain();
});
afterAll(async () => {
  await app.close();
  await engine.close();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function login(email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return { cookie: setCookie.split(';')[0] as string, csrf: res.json().csrfToken };
}

const as = (s: Session, method: string, url: string, payload?: object, csrf = true) =>
  app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) },
    ...(payload ? { payload } : {}),
  });

describe('dashboard sessions', () => {
  it('log in with email and password, say who is logged in, and log out', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'analyst@x.test', password: 'wrong password!' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('wrong email or password');
    const s = await login('Analyst@X.test');
    expect((await as(s, 'GET', '/auth/me')).json()).toMatchObject({ user: { role: 'analyst' }, csrfToken: s.csrf });
    // Logging out needs the CSRF token too.
    expect((await as(s, 'POST', '/auth/logout', undefined, false)).statusCode).toBe(403);
    expect((await as(s, 'POST', '/auth/logout')).statusCode).toBe(204);
    expect((await as(s, 'GET', '/auth/me')).statusCode).toBe(401);
    expect((await as(s, 'GET', '/api/projects')).statusCode).toBe(401);
  });

  it('refuse state changes without the CSRF token, and slow down repeated failed logins', async () => {
    const s = await login('analyst@x.test');
    const segment = { name: 'Buyers', condition: { performed: { event: 'Order Completed' } } };
    const noCsrf = await as(s, 'POST', '/api/segments?project=shop', segment, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.field).toBe('x-csrf-token');
    expect((await as(s, 'POST', '/api/segments?project=shop', segment)).statusCode).toBe(201);
    // Reading needs no CSRF token.
    expect((await as(s, 'GET', '/api/segments?project=shop', undefined, false)).statusCode).toBe(200);

    for (let i = 0; i < 5; i += 1)
      await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'viewer@x.test', password: 'nope nope nope' },
      });
    const locked = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'viewer@x.test', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  it('a viewer can read everything and change nothing: every state-changing /api route answers 403', async () => {
    // The viewer's address is locked by the previous test's failures: make another viewer.
    const admin = await login('admin@x.test');
    expect(
      (await as(admin, 'POST', '/api/users', { email: 'v2@x.test', role: 'viewer', password: PASSWORD })).statusCode,
    ).toBe(201);
    const viewer = await login('v2@x.test');
    const changing = app.routeList.filter((r) => r.includes(' /api/') && !r.startsWith('GET '));
    expect(changing.length).toBeGreaterThanOrEqual(25);
    for (const route of changing) {
      const [method, path] = route.split(' ') as [string, string];
      const url = `${path.replace(/:(\w+)/g, 'x')}?project=shop`;
      const res = await as(viewer, method, url, {});
      if (requiredRole(method, path) === 'viewer') expect(res.statusCode, route).not.toBe(403);
      else expect(res.statusCode, route).toBe(403);
    }
    expect((await as(viewer, 'GET', '/api/segments?project=shop')).statusCode).toBe(200);
    expect(
      (await as(viewer, 'POST', '/api/query/trends?project=shop', { series: [{ event: 'Order Completed' }] }))
        .statusCode,
    ).toBe(200);
  });

  it('only admins manage users, tokens and projects; the last admin stays', async () => {
    const analyst = await login('analyst@x.test');
    expect((await as(analyst, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await as(analyst, 'POST', '/api/projects', { id: 'x', name: 'X' })).statusCode).toBe(403);
    const admin = await login('admin@x.test');
    const { users } = (await as(admin, 'GET', '/api/users')).json();
    const me = users.find((u: { email: string }) => u.email === 'admin@x.test');
    const demote = await as(admin, 'PATCH', `/api/users/${me.id}`, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    expect(
      (await as(admin, 'POST', '/api/users', { email: 'z@x.test', password: 'short' })).json().error,
    ).toMatchObject({
      field: 'password',
    });
    // A viewer token reads but cannot change; an unknown token is refused.
    const created = await as(admin, 'POST', '/api/tokens', { name: 'reports', role: 'viewer' });
    const token = created.json().token;
    const bearer = (method: string, url: string, payload?: object) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await bearer('GET', '/api/segments?project=shop')).statusCode).toBe(200);
    expect(
      (await bearer('POST', '/api/segments?project=shop', { name: 'X', condition: { list: ['a'] } })).statusCode,
    ).toBe(403);
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/projects',
      headers: { authorization: 'Bearer wmk_nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("no route serves another project's data", async () => {
    const admin = await login('admin@x.test');
    expect((await as(admin, 'GET', '/api/profiles/ann?project=shop')).statusCode).toBe(200);
    expect((await as(admin, 'GET', '/api/profiles/ann?project=other')).statusCode).toBe(404);
    expect((await as(admin, 'GET', '/api/segments/buyers?project=other')).statusCode).toBe(404);
    const trends = await as(admin, 'POST', '/api/query/trends?project=other', {
      series: [{ event: 'Order Completed' }],
    });
    expect(JSON.stringify(trends.json().result)).not.toMatch(/"value":[1-9]/);
    expect((await as(admin, 'GET', '/api/segments?project=nope')).statusCode).toBe(404);
  });
});
