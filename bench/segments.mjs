// Segment benchmark: the size of every template segment (batch evaluation: one grouped scan of the events per
// segment) on a data dir filled by bench/analytics-data.mjs, in-process. Median of several runs after a warm-up.
//
//   node bench/analytics-data.mjs --events 10000000 --data-dir /tmp/waymark-bench-10m
//   node bench/segments.mjs --data-dir /tmp/waymark-bench-10m [--runs 3]

import { join } from 'node:path';
import { ROOT, arg, machine } from './lib.mjs';

const dataDir = arg('data-dir', '/tmp/waymark-bench-analytics');
const runs = Number(arg('runs', '3'));
const { openEngine } = await import(join(ROOT, 'packages/waymark/dist/engine.js'));
const { previewSegment } = await import(join(ROOT, 'packages/waymark/dist/segments/segments.js'));
const { SEGMENT_TEMPLATES } = await import(join(ROOT, 'packages/waymark/dist/segments/templates.js'));

const engine = await openEngine({ dataDir, intakeWorkers: 0 });
const results = [];
try {
  const [{ n }] = await engine.warehouse.query(
    `SELECT count() AS n FROM ${engine.warehouse.database}.events WHERE project_id = 'bench'`,
  );
  const now = Date.now();
  for (const t of SEGMENT_TEMPLATES) {
    const times = [];
    let size = 0;
    for (let i = 0; i <= runs; i++) {
      const began = performance.now();
      size = (await previewSegment(engine.warehouse, 'bench', t.condition, now, 0)).size;
      if (i > 0) times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    results.push({ template: t.id, members: size, medianMs: Math.round(times[times.length >> 1]) });
    console.error(`${t.id}: ${size} members, median ${Math.round(times[times.length >> 1])} ms`);
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'segments',
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        dataDir,
        events: n,
        runs,
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await engine.close();
}
