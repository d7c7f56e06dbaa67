// The published bundles: self-contained, deciding with the server's code, and small enough for a page.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import cases from '../../waymark/src/decisions/hash-cases.json' with { type: 'json' };
import { buildSdk } from '../build.mjs';
import { SDK_VERSION } from './shared/version.js';

let dist: string;
beforeAll(async () => {
  dist = await buildSdk(mkdtempSync(join(tmpdir(), 'waymark-sdk-')));
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

it('the Node bundle reproduces the language-neutral hash cases', async () => {
  const sdk = await import(join(dist, 'node.js'));
  for (const c of cases.hashes) expect(sdk.bucket(c.seed, c.unit), c.input).toBe(c.bucket);
  for (const c of cases.weighted) expect(sdk.pickWeighted(c.bucket, c.weights), JSON.stringify(c)).toBe(c.index);
});

it('the bundles import nothing: the decision core is compiled in', () => {
  for (const file of ['node.js', 'browser.js', 'waymark.min.js']) {
    const code = readFileSync(join(dist, file), 'utf8');
    expect(code, file).not.toMatch(/\bimport\s*[^(]*\sfrom\s*['"]|require\(/);
  }
  expect(readFileSync(join(dist, 'node.js'), 'utf8')).toContain('fmix32');
});

it('the browser script is under 10 kB gzip-compressed', () => {
  const size = gzipSync(readFileSync(join(dist, 'waymark.min.js')), { level: 9 }).length;
  console.info(`waymark.min.js: ${size} bytes gzip-compressed`);
  expect(size).toBeLessThanOrEqual(10_240);
});

it('reports the version of package.json', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  expect(SDK_VERSION).toBe(pkg.version);
});
