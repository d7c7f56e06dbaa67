// Serves the web dashboard (packages/dashboard/dist, built by `npm run build`): `GET /` is its index.html and
// `GET /assets/*` its hashed, immutable files. Nothing outside the assets folder is ever read.

import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WaymarkError } from '../../core/errors.js';

const DASHBOARD_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'dashboard', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.map', '.svg', '.txt']);

/**
 * The page's policy: scripts, styles and data only from this server (charts set inline styles, the favicon is a
 * data: URI), and no framing by other sites.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waymark: dashboard not built</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:560px;margin:15vh auto;padding:0 20px;color:#1f2633}
code{background:#eef1f6;padding:2px 6px;border-radius:4px}</style></head>
<body><h1>The dashboard is not built</h1>
<p>This Waymark server runs, but the web dashboard has not been built in this copy of the repository.
Run <code>npm run build</code> in the repository (or <code>npm install</code>, which builds everything), then reload.</p>
<p>The API answers meanwhile: see <code>docs/api.md</code>.</p></body></html>
`;

/** Registers `GET /` and `GET /assets/*` for the dashboard built into `dist` (default: packages/dashboard/dist). */
export function dashboardRoutes(app: FastifyInstance, dist = DASHBOARD_DIST): void {
  const assetsDir = resolve(dist, 'assets');
  const files = new FileCache();

  app.get('/', async (request, reply) => {
    const index = await files.read(join(dist, 'index.html'));
    if (!index) {
      return reply
        .status(503)
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(NOT_BUILT_PAGE);
    }
    // index.html names the current hashed assets: browsers must check it again on every load.
    void reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Frame-Options', 'DENY')
      .header('Referrer-Policy', 'same-origin');
    return send(request, reply, index, '.html');
  });

  app.get('/assets/*', async (request, reply) => {
    const requested = (request.params as { '*': string })['*'];
    const path = resolve(assetsDir, requested);
    // `resolve` folds `..`; whatever resolves outside the assets folder (or to it) is not ours to serve.
    if (requested.includes('\0') || !path.startsWith(assetsDir + sep)) throw notFound(requested);
    const file = await files.read(path);
    if (!file) throw notFound(requested);
    // Asset names carry a hash of their content, so a name always means the same bytes.
    void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return send(request, reply, file, extname(path));
  });
}

function notFound(requested: string): WaymarkError {
  return new WaymarkError('not_found', `no dashboard asset "${requested}"`, { field: 'path' });
}

interface CachedFile {
  body: Buffer;
  gzipped: Buffer | undefined;
  mtimeMs: number;
  size: number;
}

/** Files read once and kept (with their gzip) until they change on disk, as after a rebuild. */
class FileCache {
  private readonly files = new Map<string, CachedFile>();

  async read(path: string): Promise<CachedFile | undefined> {
    let info;
    try {
      info = await stat(path);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = await readFile(path);
    const ext = extname(path);
    const gzipped = COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : undefined;
    const file = { body, gzipped, mtimeMs: info.mtimeMs, size: info.size };
    if (this.files.size > 1_000) this.files.clear();
    this.files.set(path, file);
    return file;
  }
}

function send(request: FastifyRequest, reply: FastifyReply, file: CachedFile, ext: string): FastifyReply {
  void reply
    .header('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream')
    .header('X-Content-Type-Options', 'nosniff');
  if (file.gzipped === undefined) return reply.send(file.body);
  void reply.header('Vary', 'Accept-Encoding');
  if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(file.body);
  return reply.header('Content-Encoding', 'gzip').send(file.gzipped);
}
