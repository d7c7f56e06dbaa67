// File import benchmark: writes the seeded demo dataset as a JSON lines file of Segment calls, then runs
// `waymark import` on a fresh data dir. Reports rows/s and the import process's peak memory.
//
//   node bench/import.mjs [--customers 10000]

import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { generateDemo } from '../packages/waymark/dist/demo/generate.js';
import { BIN, arg, cli, machine } from './lib.mjs';

const customers = Number(arg('customers', '10000'));
const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-import-'));
const file = join(dir, 'events.jsonl');
const out = createWriteStream(file);
let rows = 0;
let chunk = '';
for (const call of generateDemo({ customers, seed: 7, days: 120, end: Date.parse('2026-11-23T00:00:00Z') })) {
  chunk += `${JSON.stringify(call)}\n`;
  rows += 1;
  if (chunk.length > 1 << 20) {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
}
out.end(chunk);
await once(out, 'finish');
const bytes = statSync(file).size;

const dataDir = join(dir, 'data');
cli(['projects', 'create', 'Import', '--id', 'imp', '--data-dir', dataDir, '--format', 'json']);
const started = Date.now();
const child = spawn(
  '/usr/bin/time',
  ['-f', '%M', process.execPath, '--max-semi-space-size=64', BIN, 'import', file, '--data-dir', dataDir, '--json'],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let stdout = '';
let stderr = '';
child.stdout.on('data', (c) => (stdout += c));
child.stderr.on('data', (c) => (stderr += c));
await once(child, 'exit');
const seconds = (Date.now() - started) / 1000;
const summary = JSON.parse(stdout);
const peakKb = Number(stderr.trim().split('\n').at(-1));
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      benchmark: 'file-import',
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      customers,
      rows,
      fileMiB: Math.round(bytes / 2 ** 20),
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      stored: summary.accepted,
      profiles: summary.profiles,
      peakRssMiB: Math.round(peakKb / 1024),
    },
    null,
    2,
  ),
);
