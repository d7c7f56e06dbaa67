// Identifiers of the demo data. All derive from the seed and the customer's number, so a run is reproducible and
// two customers never share an id (a shared anonymousId would silently merge two strangers).

import { mix32, type Random } from './random.js';

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * A browser's anonymousId, shaped like the UUID v4 analytics.js stores in its cookie. The last 8 hex digits are a
 * bijection of (customer, device), which makes ids unique within a run; the rest is random.
 */
export function anonymousIdFor(random: Random, seed: number, customer: number, device: number): string {
  const a = hex8(random.uint32());
  const b = hex8(random.uint32());
  const c = hex8(random.uint32());
  const unique = hex8(mix32((customer * 4 + device) ^ mix32(seed)));
  const variant = '89ab'[random.int(4)] ?? '8';
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${unique}`;
}

/** The shop's own customer id, as its backend would pass to `identify`. */
export const userIdFor = (seed: number, customer: number): string => `cus_${seed}_${customer + 1}`;

/** Per-customer counter ids: messages and orders. Customer-scoped so customers can be generated independently. */
export const messageIdFor = (seed: number, customer: number, n: number): string => `demo-${seed}-${customer}-${n}`;
export const orderIdFor = (seed: number, customer: number, n: number): string => `SO-${seed}-${customer + 1}-${n}`;
