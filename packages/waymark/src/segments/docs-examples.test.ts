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
import { compileSegment } from './compile.js';
import { parseCondition } from './definition.js';
import { SEGMENT_TEMPLATES } from './templates.js';

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
