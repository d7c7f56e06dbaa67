// Real-time segment freshness: a `waymark serve` with 20 active segments (the non-RFM templates) takes a steady
// stream of events over HTTP while probes measure, end to end, how long it takes from the acknowledgement of a
// probe's order to its `Segment Entered` event being readable in the customer's timeline.
//
//   node bench/segments-realtime.mjs [--rate 5000] [--seconds 20]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cli, machine, peakRssMiB, startServer } from './lib.mjs';
import { readFileSync } from 'node:fs';

const rate = Number(arg('rate', '5000'));
const seconds = Number(arg('seconds', '20'));
const dataDir = mkdtempSync(join(tmpdir(), 'waymark-bench-rt-'));
const project = JSON.parse(
  cli(['projects', 'create', 'Bench', '--id', 'bench', '--data-dir', dataDir, '--format', 'json']),
)[0];
const { child, url } = await startServer(['--data-dir', dataDir, '--no-demo']);
// Never leave the server behind, whatever happens to this script.
process.on('exit', () => {
  child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});
const token = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')).apiToken;
const api = (method, path, body) =>
  fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }).then(async (r) => {
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  });
const ingest = (batch) =>
  fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${project.writeKey}:`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ batch }),
  }).then((r) => {
    if (!r.ok) throw new Error(`ingest: ${r.status}`);
  });

const { templates } = await api('GET', '/api/segments/templates');
// Segments evaluated per person in real time (RFM and stage segments are re-evaluated whole, once a minute at most).
const active = templates.filter((t) => t.category !== 'rfm' && t.category !== 'journey').slice(0, 20);
for (const t of active) await api('POST', `/api/segments/templates/${t.id}?project=bench`, {});

const campaigns = [
  { source: 'google', medium: 'cpc' },
  { source: 'newsletter', medium: 'email' },
  { source: 'facebook', medium: 'paid_social' },
];
let seq = 0;
function event() {
  const n = seq++;
  const user = `user-${n % 20_000}`;
  const kind = n % 20;
  const timestamp = new Date().toISOString();
  if (kind === 0)
    return {
      type: 'track',
      userId: user,
      event: 'Order Completed',
      properties: { revenue: 20 + (n % 200) },
      timestamp,
    };
  if (kind < 3) return { type: 'track', userId: user, event: 'Product Added', timestamp };
  if (kind < 10)
    return { type: 'page', userId: user, name: 'Product', context: { campaign: campaigns[n % 3] }, timestamp };
  return { type: 'track', userId: user, event: 'Product Viewed', timestamp };
}

const probes = [];
async function probe(i) {
  const user = `probe-${i}`;
  const began = performance.now();
  await ingest([
    {
      type: 'track',
      userId: user,
      event: 'Order Completed',
      properties: { revenue: 10 },
      timestamp: new Date().toISOString(),
    },
  ]);
  const acked = performance.now();
  const deadline = acked + 60_000;
  for (;;) {
    if (performance.now() > deadline) {
      probes.push({ ackMs: acked - began, freshMs: Infinity });
      return;
    }
    const res = await fetch(`${url}/api/profiles/${user}/timeline?project=bench`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok && (await res.json()).events.some((e) => e.event === 'Segment Entered')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  probes.push({ ackMs: acked - began, freshMs: performance.now() - acked });
}

const monitor = setInterval(async () => {
  const s = (await api('GET', '/api/segments/status').catch(() => ({ realtime: {} }))).realtime;
  console.error(`sent ${sent}, real-time: ${JSON.stringify(s)}`);
}, 2000);
const started = performance.now();
const batchSize = 100;
const interval = (1000 * batchSize) / rate;
let sent = 0;
const inflight = [];
let probeIndex = 0;
let nextProbe = started + 1000;
const probing = [];
while (performance.now() - started < seconds * 1000) {
  const due = started + (sent / batchSize) * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  inflight.push(ingest(Array.from({ length: batchSize }, event)));
  sent += batchSize;
  if (inflight.length > 64) await inflight.shift();
  if (performance.now() >= nextProbe) {
    probing.push(probe(probeIndex++));
    nextProbe += 1000;
  }
}
await Promise.all(inflight);
await Promise.all(probing);
clearInterval(monitor);
const elapsed = (performance.now() - started) / 1000;
let status;
for (;;) {
  status = (await api('GET', '/api/segments/status')).realtime;
  if (status.queued === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const fresh = probes.map((p) => p.freshMs).sort((a, b) => a - b);
const q = (x) => Math.round(fresh[Math.min(fresh.length - 1, Math.floor(x * fresh.length))]);
console.log(
  JSON.stringify(
    {
      benchmark: 'segments-realtime',
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      segments: active.length,
      eventsPerSecondSent: Math.round(sent / elapsed),
      probes: fresh.length,
      ackToTimelineMs: { p50: q(0.5), p99: q(0.99), max: Math.round(fresh.at(-1)) },
      storedToRecordedMs: { p50: status.p50Ms, p99: status.p99Ms },
      realtime: status,
      serverPeakRssMiB: peakRssMiB(child.pid),
    },
    null,
    2,
  ),
);
child.kill('SIGTERM');
