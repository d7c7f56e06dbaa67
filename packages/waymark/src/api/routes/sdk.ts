// Serves the browser SDK at /sdk/waymark.min.js, so that a page's snippet can load it from the Waymark host itself.
// The file is the SDK package's build output (packages/sdk/dist), found next to this package in the repository.

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { WaymarkError } from '../../core/errors.js';

const SDK_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'sdk', 'dist');

export function sdkRoutes(app: FastifyInstance, dist = SDK_DIST): void {
  let cached: Buffer | undefined;
  app.get('/sdk/waymark.min.js', async (_request, reply) => {
    try {
      cached ??= await readFile(join(dist, 'waymark.min.js'));
    } catch {
      throw new WaymarkError('not_found', 'the browser SDK is not built here: run `npm run build` in the repository');
    }
    return reply
      .header('Content-Type', 'text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('Access-Control-Allow-Origin', '*')
      .send(cached);
  });
}
