// The dashboard's files over HTTP: index.html at /, hashed assets with long caching and their content types, a
// helpful page when the dashboard is not built, and nothing outside the built folder whatever the path says.

import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDir } from '../../test-support/stores.js';
import { errorHandler } from '../errors.js';
import { dashboardRoutes } from './dashboard.js';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

async function appServing(dist: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  dashboardRoutes(app, dist);
  await app.ready();
  return app;
}

describe('dashboard routes', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = testDir();
    const dist = join(root, 'dashboard', 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>Waymark</title><script src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'app-1a2b.css'), 'body{margin:0}');
    writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, 'secret.txt'), 'dist but not assets');
    writeFileSync(join(root, 'dashboard', 'package.json'), '{"secret": true}');
    app = await appServing(dist);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves index.html at / and has browsers check it again every time', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<title>Waymark</title>');
  });

  it.each([
    ['app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['app-1a2b.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
  ])('serves /assets/%s as %s, cached for a year', async (file, type) => {
    const res = await app.inject({ method: 'GET', url: `/assets/${file}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('compresses scripts for browsers that accept gzip', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/app-1a2b.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
    const plain = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('answers 404 in the API error shape for an unknown asset', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it.each([
    '/assets/../secret.txt',
    '/assets/%2e%2e/secret.txt',
    '/assets/..%2Fsecret.txt',
    '/assets/..%2F..%2Fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/..%5C..%5Cpackage.json',
    '/assets//etc/passwd',
    '/assets/%2Fetc%2Fpasswd',
    '/assets/app-1a2b.js%00.png',
    '/assets/',
    '/assets/.',
  ])('never serves a file outside the assets folder: %s', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('dist but not assets');
    expect(res.body).not.toContain('"secret": true');
    expect(res.body).not.toContain('root:x:');
  });

  it('says how to build the dashboard when it is not built', async () => {
    const bare = await appServing(join(root, 'nowhere', 'dist'));
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('npm run build');
    expect((await bare.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(404);
    await bare.close();
  });
});

describe('the dashboard this repository builds', () => {
  it('is where dashboardRoutes looks by default, once built', async () => {
    const app = Fastify({ logger: false });
    dashboardRoutes(app);
    const res = await app.inject({ method: 'GET', url: '/' });
    // 503 when `npm run build` has not run in this checkout; the page then says so.
    expect([200, 503]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(res.body).toMatch(/<script type="module"[^>]+src="\/assets\/[^"]+\.js"/);
    await app.close();
  });
});
