// A test engine holding a small demo project: what the documentation's examples run against.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine.js';
import { importDemo } from '../transfer/demo-import.js';
import { openTestEngine } from './engine.js';

/** `docs/examples/` of the repository, with a trailing slash. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../docs/examples/', import.meta.url));

/** The JSON files of a folder of `docs/examples/` (`''` for the top level), as [file name, parsed content]. */
export function exampleFiles(folder = ''): [string, unknown][] {
  const dir = `${EXAMPLES_DIR}${folder}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as unknown]);
}

/** A test engine with project `demo`: 400 customers over the 120 days up to now. */
export async function openDemoEngine(): Promise<Engine> {
  const engine = await openTestEngine();
  await engine.state.projects.create({ id: 'demo', name: 'Demo', now: Date.now() });
  await importDemo(engine, 'demo', { seed: 42, customers: 400, days: 120, end: Date.now() });
  return engine;
}
