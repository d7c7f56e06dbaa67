// The demo dataset: a seeded, realistic multi-channel shop, yielded as Segment calls ready for ingest, for demos,
// tests and benchmarks that need a believable crowd of customers.

import type { SegmentCall } from '../core/event.js';
import { WaymarkError } from '../core/errors.js';
import { DAY_MS } from '../core/time.js';
import { Calendar } from './calendar.js';
import { CheckoutBanner } from './checkout-banner.js';
import { simulateCustomer } from './customer.js';

export interface DemoOptions {
  seed: number;
  customers: number;
  /** end of the simulated period, epoch ms */
  end: number;
  /** days simulated before end */
  days: number;
}

/** 50,000 customers over 120 days come to about 2 million calls. */
export const DEFAULT_DEMO: { customers: 50_000; days: 120; seed: 42 } = { customers: 50_000, days: 120, seed: 42 };

/**
 * Yields Segment-spec calls customer by customer (each customer's calls in time order). Deterministic for a seed:
 * the same options give the same calls, ids included. The result can be iterated more than once. Nested context
 * and product blocks are shared between calls; treat calls as read-only.
 * @example
 * for (const call of generateDemo({ ...DEFAULT_DEMO, customers: 1000, end: Date.now() })) batch.push(call);
 */
export function generateDemo(options: DemoOptions): Iterable<SegmentCall> {
  const { seed, customers, end, days } = options;
  if (!Number.isInteger(seed)) throw invalid('seed', 'seed must be an integer');
  if (!Number.isInteger(customers) || customers < 0) throw invalid('customers', 'customers must be a whole number');
  if (!(days >= 1) || !Number.isFinite(days)) throw invalid('days', 'days must be at least 1');
  if (!Number.isFinite(end) || end - days * DAY_MS < 0) throw invalid('end', 'end must be epoch ms, days after 1970');
  return {
    *[Symbol.iterator]() {
      const calendar = new Calendar(end - days * DAY_MS, end);
      const banner = new CheckoutBanner(end);
      for (let customer = 0; customer < customers; customer++) {
        for (const call of simulateCustomer(seed, customer, calendar, banner)) yield call;
      }
    },
  };
}

const invalid = (field: string, message: string): WaymarkError =>
  new WaymarkError('invalid_request', message, { field });
