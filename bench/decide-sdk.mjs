// Node SDK benchmark: local decisions per second, with 3 slots of 20 rules each (targeting on traits and context,
// then a split, an experiment and a bandit), against a local sink server for definitions and exposures.
// Needs the build (npm run build).
//
//   node bench/decide-sdk.mjs [--seconds 5] [--persons 10000]

import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, arg, machine } from './lib.mjs';

const seconds = Number(arg('seconds', '5'));
const personCount = Number(arg('persons', '10000'));
const { Waymark } = await import(join(ROOT, 'packages/sdk/dist/node.js'));

const SLOTS = ['home-hero', 'checkout-offer', 'pricing-cards'];
const PLANS = ['free', 'pro', 'team'];

function slot(id) {
  const variants = ['a', 'b', 'c', 'd'].map((v) => ({
    id: `${id}-${v}`,
    content: { type: 'text', value: `${id} ${v}` },
  }));
  const rules = Array.from({ length: 17 }, (_, i) => ({
    id: `r${i}`,
    priority: 20 - i,
    when: {
      and: [
        { trait: { property: 'plan', op: 'in', value: ['enterprise', `plan-${i}`] } },
        { context: { property: 'path', op: 'contains', value: `/landing-${i}` } },
      ],
    },
    strategy: { type: 'variant', variant: variants[i % 4].id },
  }));
  rules.push(
    {
      id: 'pros',
      when: { trait: { property: 'plan', op: 'eq', value: 'pro' } },
      strategy: { type: 'split', weights: { [variants[0].id]: 1, [variants[1].id]: 1 } },
    },
    {
      id: 'test',
      when: { context: { property: 'utm_source', op: 'is_set' } },
      strategy: { type: 'experiment', experiment: `${id}-test` },
    },
    {
      id: 'bandit',
      strategy: { type: 'bandit', variants: variants.map((v) => v.id), conversion: { event: 'Order Completed' } },
    },
  );
  return { id, name: id, default: variants[0].id, variants, rules };
}

const definitions = {
  project: 'bench',
  slots: SLOTS.map(slot),
  experiments: SLOTS.map((id) => ({
    id: `${id}-test`,
    name: id,
    status: 'running',
    variants: [
      { id: `${id}-c`, weight: 1 },
      { id: `${id}-d`, weight: 1 },
    ],
    metrics: { primary: { id: 'orders', type: 'conversion', event: 'Order Completed' } },
  })),
  banditWeights: Object.fromEntries(
    SLOTS.map((id) => [`${id}:bandit`, { [`${id}-a`]: 0.4, [`${id}-b`]: 0.3, [`${id}-c`]: 0.2, [`${id}-d`]: 0.1 }]),
  ),
  generatedAt: new Date().toISOString(),
};

let exposuresReceived = 0;
const sink = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/v1/batch') exposuresReceived += JSON.parse(body).batch.length;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(req.url === '/v1/definitions' ? definitions : { success: true }));
  });
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
const host = `http://127.0.0.1:${sink.address().port}`;

const persons = Array.from({ length: personCount }, (_, i) => ({
  userId: `user-${i}`,
  anonymousId: `anon-${i}`,
  traits: { plan: PLANS[i % 3], country: i % 2 ? 'DE' : 'US' },
  context: { path: `/products/${i % 50}`, ...(i % 4 === 0 ? { utm_source: 'news' } : {}) },
}));

/** Decide calls (3 slots each) per second over `seconds`, after a warm-up pass over every person. */
async function measure(trackExposures) {
  const client = new Waymark({ writeKey: 'wk_bench', host, trackExposures, flushAt: 100 });
  await client.ready();
  // Warm-up: every person once, letting the first exposures go out as a server would between requests.
  for (let i = 0; i < personCount; i += 1) {
    client.decide(persons[i], SLOTS);
    if (i % 1000 === 999) await client.flush();
  }
  const sources = {};
  let calls = 0;
  const began = performance.now();
  const end = began + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i += 1) {
      const d = client.decide(persons[(calls + i) % personCount], SLOTS);
      if (calls === 0) for (const x of Object.values(d)) sources[x.source] = (sources[x.source] ?? 0) + 1;
    }
    calls += 1000;
    // Let the exposure batches go out, as they would between requests in a real server.
    if (calls % 50_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = (performance.now() - began) / 1000;
  await client.close();
  return {
    trackExposures,
    decideCallsPerSecond: Math.round(calls / elapsed),
    slotDecisionsPerSecond: Math.round((calls * SLOTS.length) / elapsed),
  };
}

const results = [await measure(true), await measure(false)];
for (const r of results)
  console.error(`exposures ${r.trackExposures ? 'on ' : 'off'}: ${r.slotDecisionsPerSecond} slot decisions/s`);
sink.close();
console.log(
  JSON.stringify(
    {
      benchmark: 'decide-sdk',
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      slots: SLOTS.length,
      rulesPerSlot: definitions.slots[0].rules.length,
      persons: personCount,
      seconds,
      exposuresReceived,
      results,
    },
    null,
    2,
  ),
);
