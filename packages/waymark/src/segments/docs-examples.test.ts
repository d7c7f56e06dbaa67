// Every segment in docs/examples/segments/ is a valid definition with members in the demo data: the documentation's
// examples cannot rot.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { exampleFiles, openDemoEngine } from '../test-support/demo-engine.js';
import { compileSegment } from './compile.js';
import { parseCondition, parseSegmentDefinition } from './definition-check.js';
import { previewSegment } from './segments.js';
import { SEGMENT_TEMPLATES } from './templates.js';

const files = exampleFiles('segments');
let engine: Engine;

beforeAll(async () => {
  engine = await openDemoEngine();
}, 120_000);
afterAll(() => engine.close());

describe('documented segments', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s has members in the demo data, and not everyone', async (_file, raw) => {
    const definition = parseSegmentDefinition(raw);
    const preview = await previewSegment(engine.warehouse, 'demo', definition.condition, Date.now());
    expect(preview.size).toBeGreaterThan(0);
    expect(preview.size).toBeLessThan(preview.persons);
  });

  it('templates are valid, uniquely named, and run on the demo data', async () => {
    expect(new Set(SEGMENT_TEMPLATES.map((t) => t.id)).size).toBe(SEGMENT_TEMPLATES.length);
    const sizes = new Map<string, number>();
    const now = Date.now();
    for (const t of SEGMENT_TEMPLATES) {
      const preview = await previewSegment(engine.warehouse, 'demo', parseCondition(t.condition), now, 0);
      sizes.set(t.id, preview.size);
    }
    for (const id of ['cart-abandoners', 'one-time-buyers', 'repeat-buyers', 'high-value', 'acquired-email'])
      expect(sizes.get(id), id).toBeGreaterThan(0);
    // Every buyer is in exactly one RFM group.
    const buyers = await previewSegment(engine.warehouse, 'demo', { performed: { event: 'Order Completed' } }, now, 0);
    const rfm = SEGMENT_TEMPLATES.filter((t) => t.category === 'rfm').reduce((n, t) => n + (sizes.get(t.id) ?? 0), 0);
    expect(rfm).toBe(buyers.size);
    const compiled = compileSegment(
      engine.warehouse.database,
      'demo',
      { or: SEGMENT_TEMPLATES.filter((t) => t.category === 'rfm').map((t) => t.condition) },
      now,
    );
    const [row] = await engine.warehouse.query<{ n: number }>(
      `SELECT count() AS n FROM (${compiled.sql})`,
      compiled.params,
    );
    expect(row?.n).toBe(buyers.size);
  });
});
