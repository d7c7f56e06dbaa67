// The demo shop's personalization: a checkout banner slot and the experiment it runs, started three weeks before
// the demo's end, so that a fresh demo has results to read. The simulation shows the banner (checkout-banner.ts)
// and the loaders save these definitions into the demo project.

import { DAY_MS } from '../core/time.js';
import type { Experiment, Slot } from '../decisions/model.js';

export const DEMO_EXPERIMENT_ID = 'checkout-reassurance';
export const DEMO_SLOT_ID = 'checkout-banner';
/** How long before the demo's end the experiment started. */
export const DEMO_EXPERIMENT_DAYS = 21;

/** The running A/B test of the checkout banner: a plain "Secure checkout" line against a reassurance message. */
export function demoExperiment(end: number): Experiment {
  return {
    id: DEMO_EXPERIMENT_ID,
    name: 'Checkout reassurance banner',
    hypothesis:
      'Shoppers drop out at shipping and payment because they worry about returns and delivery costs. ' +
      'Telling them at the top of checkout that returns are free will raise completed orders without lowering ' +
      'order value.',
    variants: [
      { id: 'control', name: 'Secure checkout', weight: 1 },
      { id: 'reassure', name: 'Free returns message', weight: 1 },
    ],
    control: 'control',
    metrics: {
      primary: { id: 'purchase', name: 'Purchase', type: 'conversion', event: 'Order Completed', withinDays: 7 },
      // Where the banner helps: shoppers drop out at shipping and then at payment; does it keep them to payment?
      secondary: [
        { id: 'payment', name: 'Reached payment', type: 'conversion', event: 'Payment Info Entered', withinDays: 7 },
      ],
      guardrails: [{ id: 'revenue', name: 'Revenue', type: 'revenue', event: 'Order Completed', withinDays: 7 }],
    },
    status: 'running',
    start: new Date(end - DEMO_EXPERIMENT_DAYS * DAY_MS).toISOString(),
  };
}

/**
 * The banner at the top of checkout: customers who have ordered before get a thank-you code; everyone else takes
 * part in the experiment. The returning rule reads a trait, not a segment, so the slot needs nothing else saved.
 */
export function demoSlot(): Slot {
  return {
    id: DEMO_SLOT_ID,
    name: 'Checkout banner',
    description: 'The line above the shipping form on the checkout page.',
    variants: [
      { id: 'control', name: 'Secure checkout', content: { type: 'text', value: 'Secure checkout' } },
      {
        id: 'reassure',
        name: 'Free returns message',
        content: {
          type: 'html',
          value: '<strong>Free returns for 60 days</strong> and free shipping over $75. Checkout is secure.',
        },
      },
      {
        id: 'returning',
        name: 'Thank-you offer',
        content: { type: 'html', value: '<strong>Welcome back!</strong> 10% off this order with code THANKYOU10.' },
        offer: 'THANKYOU10',
      },
    ],
    default: 'control',
    rules: [
      {
        id: 'returning-customers',
        name: 'Customers who ordered before',
        priority: 10,
        when: { trait: { property: 'orders_count', op: 'gte', value: 1 } },
        strategy: { type: 'variant', variant: 'returning' },
      },
      {
        id: 'reassurance-test',
        name: 'Everyone else: the reassurance experiment',
        strategy: { type: 'experiment', experiment: DEMO_EXPERIMENT_ID },
      },
    ],
  };
}
