// Every segment in docs/examples/segments/ is a valid definition with members in the demo data: the documentation's
// examples cannot rot.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { importDemo } from '../transfer/demo-import.js';
import { parseSegmentDefinition } from './definition.js';
import { previewSegment } from './segments.js';

const dir = fileURLToPath(new URL('../../../../docs/examples/segments/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: 'demo', name: 'Demo', now: Date.now() });
  await importDemo(engine, 'demo', { seed: 42, customers: 400, days: 120, end: Date.now() });
}, 120_000);
afterAll(() => engine.close());

describe('documented segments', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s has members in the demo data, and not everyone', async (file) => {
    const definition = parseSegmentDefinition(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
    const preview = await previewSegment(engine.warehouse, 'demo', definition.condition, Date.now());
    expect(preview.size).toBeGreaterThan(0);
    expect(preview.size).toBeLessThan(preview.persons);
  });
});
