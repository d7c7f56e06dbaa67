// Analytics benchmark: times each analysis end to end through the HTTP API (POST /api/query/<name>) on a data dir
// filled by bench/analytics-data.mjs. Reports the median and slowest of several runs after one warm-up.
//
//   node bench/analytics-data.mjs --events 10000000 --data-dir /tmp/waymark-bench-10m
//   node bench/analytics.mjs --data-dir /tmp/waymark-bench-10m [--runs 5]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, machine, peakRssMiB, startServer } from './lib.mjs';

const dataDir = arg('data-dir', '/tmp/waymark-bench-analytics');
const runs = Number(arg('runs', '5'));
const only = arg('only', '');
const range = { last: { value: 90, unit: 'day' } };

export const BENCH_QUERIES = [
  {
    name: 'funnel, 4 steps',
    analysis: 'funnel',
    spec: {
      steps: [
        { event: 'Product Viewed' },
        { event: 'Product Added' },
        { event: 'Checkout Started' },
        { event: 'Order Completed' },
      ],
      window: { value: 14, unit: 'day' },
      range,
    },
  },
  { name: 'paths, 4 steps', analysis: 'paths', spec: { start: { event: 'Product Viewed' }, steps: 4, range } },
  {
    name: 'retention, weekly',
    analysis: 'retention',
    spec: { start: { event: 'Product Viewed' }, period: 'week', periods: 8, range },
  },
  { name: 'stage map (default)', analysis: 'stages', spec: { range } },
];

const { child, url } = await startServer(['--data-dir', dataDir, '--no-demo']);
const info = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'));
const results = [];
try {
  for (const q of BENCH_QUERIES.filter((q) => only === '' || q.analysis === only)) {
    const times = [];
    let tookMs = [];
    for (let i = 0; i <= runs; i++) {
      const began = performance.now();
      const res = await fetch(`${url}/api/query/${q.analysis}?project=bench`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(q.spec),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(`${q.name}: ${JSON.stringify(body)}`);
      if (i > 0) {
        times.push(performance.now() - began);
        tookMs.push(body.tookMs);
      }
    }
    times.sort((a, b) => a - b);
    results.push({
      query: q.name,
      medianMs: Math.round(times[times.length >> 1]),
      maxMs: Math.round(times.at(-1)),
    });
    console.error(`${q.name}: median ${Math.round(times[times.length >> 1])} ms`);
  }
} finally {
  const rss = peakRssMiB(child.pid);
  child.kill('SIGTERM');
  console.log(
    JSON.stringify(
      {
        benchmark: 'analytics',
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        dataDir,
        runs,
        serverPeakRssMiB: rss,
        results,
      },
      null,
      2,
    ),
  );
}
