// Measures what a browser downloads on the dashboard's first load: every script index.html loads or preloads,
// gzip-compressed (level 9, about what a server or proxy sends).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The first-load budget of the dashboard's scripts, compressed: the "under 500 kB". */
export const FIRST_LOAD_BUDGET_BYTES = 500 * 1000;

/** The scripts index.html loads (`<script src>` and `<link rel="modulepreload">`), as paths relative to `dist`. */
export function firstLoadScripts(indexHtml) {
  const paths = new Set();
  for (const m of indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) paths.add(m[1]);
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) paths.add(m[1]);
  return [...paths].filter((p) => !/^[a-z]+:/i.test(p)).map((p) => p.replace(/^\//, ''));
}

/** `{ files: [{ path, bytes, gzipBytes }], gzipBytes }` for the built dashboard in `dist`. */
export function measureFirstLoad(dist) {
  const files = firstLoadScripts(readFileSync(join(dist, 'index.html'), 'utf8')).map((path) => {
    const content = readFileSync(join(dist, path));
    return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
