// Runs every benchmark with its defaults, one after the other, each printing its JSON result (progress on stderr).
// `npm run bench`; pass names to run some: `npm run bench -- analytics`. Results go in docs/benchmarks.md by hand,
// with the machine and the date.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const analyticsDir = '/tmp/waymark-bench-10m';
const BENCHES = {
  ingest: [['ingest-http.mjs', '--clients', '16', '--seconds', '20']],
  import: [['import.mjs', '--customers', '10000']],
  analytics: [
    ...(existsSync(analyticsDir) ? [] : [['analytics-data.mjs', '--events', '10000000', '--data-dir', analyticsDir]]),
    ['analytics.mjs', '--data-dir', analyticsDir, '--runs', '5'],
  ],
  segments: [
    ...(existsSync(analyticsDir) ? [] : [['analytics-data.mjs', '--events', '10000000', '--data-dir', analyticsDir]]),
    ['segments.mjs', '--data-dir', analyticsDir, '--runs', '3'],
    ['segments-realtime.mjs', '--rate', '5000', '--seconds', '15'],
  ],
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
  const steps = BENCHES[name];
  if (!steps) {
    console.error(`no benchmark "${name}"; the benchmarks are ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  for (const [script, ...args] of steps) {
    console.error(`\n== ${script} ${args.join(' ')}`);
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', script), ...args], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
