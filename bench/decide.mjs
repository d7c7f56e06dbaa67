// Decision API latency and throughput: a `waymark serve` with 3 slots and 20 targeting rules (segments, traits,
// context, time, an experiment, a bandit) and 5,000 known customers answers POST /v1/decide for all 3 slots from
// concurrent keep-alive clients at a paced rate; the script reports p50/p99 latency and the rate achieved. The
// client runs on the same 2 cores as the server, so the figures include its cost.
//
//   node bench/decide.mjs [--rate 2000] [--seconds 15] [--clients 32] [--expose false] [--visitors 20000]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { request } from 'node:http';
import { arg, cli, machine, peakRssMiB, startServer } from './lib.mjs';

const rate = Number(arg('rate', '2000'));
const seconds = Number(arg('seconds', '15'));
const clients = Number(arg('clients', '32'));
// --expose false: decisions only, no exposure events (what a preview or a repeat visitor costs).
const expose = arg('expose', 'true') !== 'false';
// Distinct visitors the requests cycle through: fewer means more repeat visits, whose exposures are recorded already.
const visitors = Number(arg('visitors', '20000'));
const dataDir = mkdtempSync(join(tmpdir(), 'waymark-bench-decide-'));
const project = JSON.parse(
  cli(['projects', 'create', 'Bench', '--id', 'bench', '--data-dir', dataDir, '--format', 'json']),
)[0];
const { child, url } = await startServer(['--data-dir', dataDir, '--no-demo']);
process.on('exit', () => {
  child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});
const token = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')).apiToken;
const basic = `Basic ${Buffer.from(`${project.writeKey}:`).toString('base64')}`;
const api = async (method, path, body, auth = `Bearer ${token}`) => {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
};

// 5,000 customers with traits; every fifth has ordered.
const users = 5000;
for (let i = 0; i < users; i += 500) {
  const batch = [];
  for (let u = i; u < i + 500; u += 1) {
    batch.push({
      type: 'identify',
      userId: `user-${u}`,
      traits: { plan: ['free', 'pro', 'gold'][u % 3], age: 18 + (u % 50), country: ['FR', 'DE', 'US', 'GB'][u % 4] },
    });
    if (u % 5 === 0)
      batch.push({ type: 'track', userId: `user-${u}`, event: 'Order Completed', properties: { revenue: 40 } });
  }
  await api('POST', '/v1/batch', { batch }, basic);
}
for (const t of ['repeat-buyers', 'one-time-buyers', 'new-visitors'])
  await api('POST', `/api/segments/templates/${t}?project=bench`, {});
await api('POST', '/api/segments?project=bench', {
  id: 'buyers',
  name: 'Buyers',
  condition: { performed: { event: 'Order Completed' } },
});
await api('POST', '/api/experiments?project=bench', {
  id: 'hero-test',
  variants: [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 1 },
  ],
  metrics: { primary: { id: 'buy', type: 'conversion', event: 'Order Completed' } },
  status: 'running',
});
const variants = ['a', 'b', 'c', 'd'].map((id) => ({ id, content: { type: 'text', value: `Variant ${id}` } }));
const rule = (id, when, variant) => ({ id, when, strategy: { type: 'variant', variant } });
const trait = (property, op, value) => ({ trait: { property, op, value } });
const ctx = (property, op, value) => ({ context: { property, op, value } });
// 20 rules over 3 slots, most of them not matching, so that a decision walks most of them.
const slots = [
  {
    id: 'home-hero',
    rules: [
      rule('r1', { segment: 'repeat-buyers' }, 'c'),
      rule('r2', { and: [trait('plan', 'eq', 'gold'), ctx('device', 'eq', 'tablet')] }, 'd'),
      rule('r3', ctx('utm_source', 'in', ['newsletter', 'partner']), 'c'),
      rule('r4', { time: { days: ['sat'], hours: [3, 4] } }, 'd'),
      rule('r5', trait('age', 'gt', 90), 'c'),
      rule('r6', ctx('path', 'regex', '^/sale/'), 'd'),
      { id: 'r7', strategy: { type: 'experiment', experiment: 'hero-test' } },
    ],
  },
  {
    id: 'checkout-offer',
    rules: [
      rule('r1', { segment: 'new-visitors' }, 'b'),
      rule('r2', { not: { segment: 'buyers' } }, 'c'),
      rule('r3', trait('country', 'in', ['XX', 'YY']), 'd'),
      rule('r4', ctx('locale', 'contains', 'ja'), 'b'),
      rule('r5', { or: [trait('plan', 'eq', 'enterprise'), ctx('device', 'eq', 'tv')] }, 'c'),
      { id: 'r6', strategy: { type: 'bandit', variants: ['a', 'b', 'c'], conversion: { event: 'Order Completed' } } },
    ],
  },
  {
    id: 'email-subject',
    rules: [
      rule('r1', { segment: 'one-time-buyers' }, 'b'),
      rule('r2', trait('plan', 'eq', 'pro'), 'c'),
      rule('r3', { and: [trait('age', 'lt', 25), ctx('device', 'eq', 'mobile')] }, 'd'),
      rule('r4', ctx('utm_campaign', 'eq', 'black-friday'), 'b'),
      rule('r5', trait('country', 'eq', 'FR'), 'c'),
      { id: 'r6', strategy: { type: 'split', weights: { a: 1, b: 1 } } },
      rule('r7', { time: { hours: [0, 24] } }, 'a'),
    ],
  },
];
for (const s of slots) await api('POST', '/api/slots?project=bench', { ...s, name: s.id, default: 'a', variants });
const ruleCount = slots.reduce((n, s) => n + s.rules.length, 0);

const agent = new Agent({ keepAlive: true, maxSockets: clients });
const target = new URL(`${url}/v1/decide`);
function decide(i) {
  // Visitor v is always the same person: half of them logged in as a known customer.
  const v = i % visitors;
  const body = JSON.stringify({
    ...(v % 2 === 0 ? { userId: `user-${v % users}` } : {}),
    anonymousId: `anon-${v}`,
    slots: ['home-hero', 'checkout-offer', 'email-subject'],
    expose,
    context: {
      page: { url: `https://shop.example/product/${i % 100}?utm_source=google&utm_medium=cpc` },
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
      locale: 'en-US',
    },
  });
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: basic,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - began) : reject(new Error(`decide: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// Warm up (loads the definitions, the membership index, JIT), then a paced run.
for (let i = 0; i < 2000; i += 1) await decide(i);
const before = (await api('GET', '/api/slots/status')).decisions;
const latencies = [];
const started = performance.now();
let sent = 0;
const inflight = new Set();
let errors = 0;
while (performance.now() - started < seconds * 1000) {
  const due = started + (sent * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  if (inflight.size >= clients) {
    await Promise.race(inflight);
    continue;
  }
  const p = decide(sent).then(
    (ms) => latencies.push(ms),
    () => (errors += 1),
  );
  inflight.add(p);
  p.finally(() => inflight.delete(p));
  sent += 1;
}
await Promise.all(inflight);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const q = (x) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(x * latencies.length))] * 100) / 100;
const status = await api('GET', '/api/segments/status');
const after = (await api('GET', '/api/slots/status')).decisions;
console.log(
  JSON.stringify(
    {
      benchmark: 'decide',
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      slots: slots.length,
      rules: ruleCount,
      clients,
      exposures: expose,
      visitors,
      targetRate: rate,
      achievedRequestsPerSecond: Math.round(latencies.length / elapsed),
      decisionsPerSecond: Math.round((latencies.length * 3) / elapsed),
      errors,
      latencyMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1) },
      exposuresRecordedDuringRun: after.exposures - before.exposures,
      serverPeakRssMiB: peakRssMiB(child.pid),
      realtimeBatches: status.realtime.batches,
    },
    null,
    2,
  ),
);
agent.destroy();
child.kill('SIGTERM');
