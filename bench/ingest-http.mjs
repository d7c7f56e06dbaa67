// HTTP ingest benchmark: concurrent clients on loopback post batches of 100 Segment track calls to a real
// `waymark serve` (durable acknowledgements: group commit + fdatasync), for a fixed time. Reports acknowledged
// events/s, end-to-end events/s (until everything is in the warehouse and profiles), and the server's peak memory.
//
//   node bench/ingest-http.mjs [--clients 16] [--seconds 20] [--batch 100] [--fsync true]

import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli, machine, peakRssMiB, startServer } from './lib.mjs';

const clients = Number(arg('clients', '16'));
const seconds = Number(arg('seconds', '20'));
const batchSize = Number(arg('batch', '100'));
const fsync = arg('fsync', 'true') !== 'false';
const intakeWorkers = arg('intake-workers', undefined);

const dataDir = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
const project = JSON.parse(
  cli(['projects', 'create', 'Bench', '--id', 'bench', '--data-dir', dataDir, '--format', 'json']),
)[0];
const { child, url } = await startServer([
  '--data-dir',
  dataDir,
  '--no-demo',
  ...(fsync ? [] : ['--no-fsync']),
  ...(intakeWorkers === undefined ? [] : ['--intake-workers', intakeWorkers]),
]);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const auth = `Basic ${Buffer.from(`${project.writeKey}:`).toString('base64')}`;
const { hostname, port } = new URL(url);

// A realistic browser event (~700 bytes with its context); only ids and the timestamp change per event.
const context = JSON.stringify({
  library: { name: 'analytics.js', version: '5.2.0' },
  page: {
    url: 'https://shop.example/products/sneaker-42?utm_source=newsletter&utm_medium=email&utm_campaign=bf',
    path: '/products/sneaker-42',
    referrer: 'https://mail.example/',
    title: 'Sneaker 42',
  },
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  locale: 'en-US',
  ip: '203.0.113.7',
  campaign: { source: 'newsletter', medium: 'email', name: 'bf' },
});
let seq = 0;
function body() {
  const now = new Date().toISOString();
  const events = [];
  for (let i = 0; i < batchSize; i++) {
    const n = seq++;
    events.push(
      `{"type":"track","messageId":"m-${n}","anonymousId":"anon-${n % 50_000}","userId":"user-${n % 20_000}","event":"Product Viewed","properties":{"product_id":"sku-${n % 500}","price":${(n % 90) + 9.99},"category":"shoes"},"context":${context},"timestamp":"${now}"}`,
    );
  }
  return `{"batch":[${events.join(',')}],"sentAt":"${now}"}`;
}

function post(payload) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        hostname,
        port,
        method: 'POST',
        path: '/v1/batch',
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

let acked = 0;
const statuses = new Map();
const started = Date.now();
const clientCpuStart = process.cpuUsage();
const deadline = started + seconds * 1000;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      const status = await post(body());
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) acked += batchSize;
      else if (status === 429 || status === 503) await new Promise((r) => setTimeout(r, 200));
    }
  }),
);
const ackSeconds = (Date.now() - started) / 1000;
const clientCpu = process.cpuUsage(clientCpuStart);
let lag = 1;
while (lag > 0) {
  lag = (await (await fetch(`${url}/ready`)).json()).ingestLagBytes;
  if (lag > 0) await new Promise((r) => setTimeout(r, 50));
}
const storedSeconds = (Date.now() - started) / 1000;
const peak = peakRssMiB(child.pid);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const result = {
  benchmark: 'http-ingest',
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  clients,
  batch: batchSize,
  fsync,
  seconds: ackSeconds,
  acknowledgedEvents: acked,
  ackedEventsPerSecond: Math.round(acked / ackSeconds),
  storedEventsPerSecond: Math.round(acked / storedSeconds),
  secondsToStoreAll: storedSeconds,
  statuses: Object.fromEntries(statuses),
  serverPeakRssMiB: peak,
  // The load generator shares the machine: the share of one core it used while sending.
  clientCoreShare: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / ackSeconds) * 100) / 100,
  intakeWorkers: intakeWorkers ?? 'default',
};
console.log(JSON.stringify(result, null, 2));
