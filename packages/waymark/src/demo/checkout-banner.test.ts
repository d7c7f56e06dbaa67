import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentCall } from '../core/event.js';
import { normalizeCall } from '../core/normalize.js';
import { DAY_MS, HOUR_MS } from '../core/time.js';
import { assignExperiment } from '../decisions/decide.js';
import { exposureEvent } from '../personalization/service.js';
import { Calendar } from './calendar.js';
import { CheckoutBanner, REASSURANCE_LIFT } from './checkout-banner.js';
import { simulateCustomer } from './customer.js';
import { generateDemo } from './generate.js';
import { demoExperiment, demoSlot } from './personalization.js';

// The checkout banner in the generated calls: exposures as the server records them, for the variant it assigns.
const END = Date.parse('2026-12-15T00:00:00.000Z');
const START = END - 21 * DAY_MS;
const experiment = demoExperiment(END);
const slot = demoSlot();
let calls: SegmentCall[];

const at = (call: SegmentCall | undefined): number => Date.parse(String(call?.timestamp));
const named = (event: string) => (call: SegmentCall) => call.type === 'track' && call.event === event;

/** Each customer's calls, in order; an exposure belongs to the customer whose calls it sits between. */
function byCustomer(all: SegmentCall[]): SegmentCall[][] {
  const out = new Map<string, SegmentCall[]>();
  let current = '';
  for (const call of all) {
    const id = String(call.messageId);
    if (id.startsWith('demo-')) current = id.split('-')[2] ?? '';
    out.set(current, [...(out.get(current) ?? []), call]);
  }
  return [...out.values()];
}

beforeAll(() => {
  calls = [...generateDemo({ seed: 42, customers: 1_500, end: END, days: 30 })];
});

describe('the checkout banner of the demo', () => {
  it('records each experiment exposure exactly as the decision API would, for the variant it assigns', () => {
    const exposures = calls.filter(named('Experiment Viewed'));
    expect(exposures.length).toBeGreaterThan(100);
    for (const call of exposures) {
      const now = at(call);
      const request = {
        anonymousId: String(call.anonymousId),
        ...(call.userId === undefined ? {} : { userId: String(call.userId) }),
        now,
      };
      const assigned = assignExperiment(experiment, request, { segments: undefined, traits: {}, context: {}, now });
      if (!('variant' in assigned)) throw new Error(assigned.skip);
      const decision = {
        slot: slot.id,
        variant: assigned.variant,
        source: 'experiment' as const,
        reason: '',
        rule: 'reassurance-test',
        experiment: experiment.id,
      };
      const options = { projectId: 'demo', receivedAt: now, correctSkew: false, newMessageId: () => '' };
      const recorded = normalizeCall(call, options);
      expect(recorded.ok && recorded.value).toEqual(exposureEvent('demo', slot, request, decision));
    }
    const variants = exposures.map((c) => c.properties?.['variant']);
    const reassured = variants.filter((v) => v === 'reassure').length;
    expect(reassured / variants.length).toBeGreaterThan(0.4);
    expect(reassured / variants.length).toBeLessThan(0.6);
  });

  it('shows the banner from the start of the experiment, on the checkout page, once per browser and variant', () => {
    const exposures = calls.filter((c) => String(c.messageId).startsWith('exposure:'));
    expect(Math.min(...exposures.map(at))).toBeGreaterThanOrEqual(START);
    expect(new Set(exposures.map((c) => c.messageId)).size).toBe(exposures.length);
    const exposed = new Set(exposures);
    for (const [i, call] of calls.entries()) {
      if (!exposed.has(call) || at(call) > END - HOUR_MS) continue;
      expect(calls[i - 1]).toMatchObject({ type: 'page', name: 'Checkout Shipping' });
      expect(calls[i + 1]).toMatchObject({ type: 'track', event: 'Checkout Started', anonymousId: call.anonymousId });
      expect(calls[i + 1]?.userId).toBe(call.userId);
    }
    // Every checkout since the start (but for one straddling it) has shown the banner.
    const checkouts = calls.filter((c) => named('Checkout Started')(c) && at(c) >= START + HOUR_MS);
    const shown = new Set(exposures.map((c) => c.anonymousId));
    expect(checkouts.filter((c) => !shown.has(c.anonymousId))).toEqual([]);
  });

  it('shows customers who ordered before their thank-you code, which their order then uses', () => {
    let returning = 0;
    let used = 0;
    for (const customer of byCustomer(calls)) {
      for (const [i, call] of customer.entries()) {
        if (!named('Slot Viewed')(call)) continue;
        returning += 1;
        expect(call.properties).toEqual({
          slot: 'checkout-banner',
          variant: 'returning',
          source: 'rule',
          rule: 'returning-customers',
        });
        expect(call.userId).toBeDefined();
        expect(customer.slice(0, i).some(named('Order Completed'))).toBe(true);
      }
      used += customer.filter((c) => named('Order Completed')(c) && c.properties?.['coupon'] === 'THANKYOU10').length;
    }
    expect(returning).toBeGreaterThan(5);
    expect(used).toBeGreaterThan(0);
  });

  it('makes reassured shoppers complete checkout more often, by changing the outcome of the same random draws', () => {
    // Assignment draws nothing from the customer's random stream: with and without the effect, a customer's story is
    // the same up to their first reassured checkout, which the effect can only turn from abandoned into completed.
    const calendar = new Calendar(END - 30 * DAY_MS, END);
    const firstReassured = (banner: CheckoutBanner, customer: number): boolean | undefined => {
      const story = simulateCustomer(42, customer, calendar, banner);
      const i = story.findIndex((c) => named('Experiment Viewed')(c) && c.properties?.['variant'] === 'reassure');
      const checkoutId = story[i + 1]?.properties?.['checkout_id'];
      if (i < 0 || checkoutId === undefined) return undefined;
      return story.some((c) => named('Order Completed')(c) && c.properties?.['checkout_id'] === checkoutId);
    };
    let [withEffect, without] = [0, 0];
    for (let customer = 0; customer < 4_000; customer++) {
      const completed = firstReassured(new CheckoutBanner(END), customer);
      const counterfactual = firstReassured(new CheckoutBanner(END, 1), customer);
      expect(completed === undefined).toBe(counterfactual === undefined);
      if (counterfactual) expect(completed).toBe(true);
      withEffect += completed ? 1 : 0;
      without += counterfactual ? 1 : 0;
    }
    expect(without).toBeGreaterThan(100);
    expect(withEffect / without).toBeGreaterThan(1 + (REASSURANCE_LIFT - 1) / 3);
    expect(withEffect / without).toBeLessThan(REASSURANCE_LIFT + 0.1);
  });
});
