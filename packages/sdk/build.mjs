// Builds the SDK bundles with esbuild. Each bundle is self-contained: the decision core is compiled in from
// packages/waymark/src/decisions, so the server and the SDKs run the same code.
//
//   dist/node.js          ESM for Node 20+ (the Node SDK)
//   dist/browser.js       ESM for bundlers (the browser SDK)
//   dist/waymark.min.js   minified classic script for a <script> tag: installs window.waymark

import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Writes the three bundles into `outdir` (default packages/sdk/dist). */
export async function buildSdk(outdir = join(here, 'dist')) {
  const common = { bundle: true, logLevel: 'warning', legalComments: 'none', charset: 'utf8' };
  const browser = { ...common, platform: 'browser', target: 'es2020' };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(here, 'src/node/index.ts')],
      outfile: join(outdir, 'node.js'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
    }),
    build({
      ...browser,
      entryPoints: [join(here, 'src/browser/index.ts')],
      outfile: join(outdir, 'browser.js'),
      format: 'esm',
    }),
    build({
      ...browser,
      entryPoints: [join(here, 'src/browser/global.ts')],
      outfile: join(outdir, 'waymark.min.js'),
      format: 'iife',
      minify: true,
    }),
  ]);
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildSdk();
