// Every spec in docs/examples/ runs against the demo data: the documentation's examples cannot rot.
// A file is run by the analysis whose name is the longest prefix of the file name (funnel-trends-*.json ->
// funnel-trends).

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { openTestEngine } from '../test-support/engine.js';
import { importDemo } from '../transfer/demo-import.js';
import { refreshSegment } from '../segments/membership.js';
import { saveSegment } from '../segments/segments.js';
import { ANALYSES } from './analyses.js';

const dir = fileURLToPath(new URL('../../../../docs/examples/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: 'demo', name: 'Demo', now: Date.now() });
  await importDemo(engine, 'demo', { seed: 42, customers: 400, days: 120, end: Date.now() });
  // The documented segments, saved and recorded, for the examples of the segment analyses.
  const segmentsDir = fileURLToPath(new URL('../../../../docs/examples/segments/', import.meta.url));
  for (const file of readdirSync(segmentsDir).filter((f) => f.endsWith('.json'))) {
    const raw: unknown = JSON.parse(readFileSync(`${segmentsDir}${file}`, 'utf8'));
    const saved = await saveSegment(engine.state.definitions, 'demo', raw, Date.now(), { replace: false });
    await refreshSegment(engine.warehouse, engine.ingest, 'demo', saved, Date.now());
  }
}, 120_000);
afterAll(() => engine.close());

describe('documented examples', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s runs on the demo data', async (file) => {
    const analysis = [...ANALYSES]
      .sort((a, b) => b.name.length - a.name.length)
      .find((a) => file.startsWith(`${a.name}.`) || file.startsWith(`${a.name}-`));
    expect(analysis, `no analysis for ${file}`).toBeDefined();
    const spec = analysis!.parse(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
    const ctx = { warehouse: engine.warehouse, now: Date.now, definitions: engine.state.definitions };
    const result: unknown = await analysis!.run(ctx, 'demo', spec);
    const table = analysis!.table(result);
    expect(table.columns.length).toBeGreaterThan(0);
    expect(table.rows.length).toBeGreaterThan(0);
  });
});
