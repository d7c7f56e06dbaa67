// Every spec in docs/examples/ runs against the demo data: the documentation's examples cannot rot.
// A file is run by the analysis whose name is the longest prefix of the file name (funnel-trends-*.json ->
// funnel-trends).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { refreshSegment } from '../segments/membership.js';
import { saveSegment } from '../segments/segments.js';
import { exampleFiles, openDemoEngine } from '../test-support/demo-engine.js';
import { ANALYSES } from './analyses.js';

const files = exampleFiles();
let engine: Engine;

beforeAll(async () => {
  engine = await openDemoEngine();
  // The documented segments, saved and recorded, for the examples of the segment analyses.
  for (const [, raw] of exampleFiles('segments')) {
    const saved = await saveSegment(engine.state.definitions, 'demo', raw, Date.now(), { replace: false });
    await refreshSegment(engine.warehouse, engine.ingest, 'demo', saved, Date.now());
  }
}, 120_000);
afterAll(() => engine.close());

describe('documented examples', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s runs on the demo data', async (file, raw) => {
    const analysis = [...ANALYSES]
      .sort((a, b) => b.name.length - a.name.length)
      .find((a) => file.startsWith(`${a.name}.`) || file.startsWith(`${a.name}-`));
    expect(analysis, `no analysis for ${file}`).toBeDefined();
    const spec = analysis!.parse(raw);
    const ctx = { warehouse: engine.warehouse, now: Date.now, definitions: engine.state.definitions };
    const result: unknown = await analysis!.run(ctx, 'demo', spec);
    const table = analysis!.table(result);
    expect(table.columns.length).toBeGreaterThan(0);
    expect(table.rows.length).toBeGreaterThan(0);
  });
});
