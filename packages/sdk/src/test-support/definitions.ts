// Definitions the SDK tests serve: every strategy of the decision core, in slots a test page can render.

import type { DefinitionsBody } from '../node/definitions.js';

export function testDefinitions(): DefinitionsBody {
  return {
    project: 'test',
    generatedAt: '2026-01-01T00:00:00.000Z',
    slots: [
      {
        id: 'home-hero',
        name: 'Home hero',
        default: 'welcome',
        variants: [
          { id: 'welcome', content: { type: 'text', value: 'Welcome to the shop' } },
          { id: 'pro', content: { type: 'text', value: 'Welcome back, pro' } },
          { id: 'spring', content: { type: 'text', value: 'Spring sale: 20% off' } },
          { id: 'control', content: { type: 'text', value: 'Welcome to the shop' } },
          { id: 'treatment', content: { type: 'text', value: 'Find your next favourite' } },
        ],
        rules: [
          {
            id: 'pros',
            priority: 10,
            when: { trait: { property: 'plan', op: 'eq', value: 'pro' } },
            strategy: { type: 'variant', variant: 'pro' },
          },
          {
            id: 'spring-campaign',
            when: { context: { property: 'utm_campaign', op: 'eq', value: 'spring' } },
            strategy: { type: 'variant', variant: 'spring' },
          },
          { id: 'hero-test', strategy: { type: 'experiment', experiment: 'hero-test' } },
        ],
      },
      {
        id: 'promo-banner',
        name: 'Promo banner',
        default: 'none',
        variants: [
          { id: 'none' },
          {
            id: 'free-shipping',
            content: { type: 'html', value: '<strong>Free shipping</strong> this week' },
            offer: 'SHIPFREE',
          },
          { id: 'ten-off', content: { type: 'html', value: '<em>10% off</em> with code TEN' }, offer: 'TEN' },
        ],
        rules: [{ id: 'split', strategy: { type: 'split', weights: { 'free-shipping': 1, 'ten-off': 1 } } }],
      },
      {
        id: 'pricing-cards',
        name: 'Pricing cards',
        default: 'monthly',
        variants: [
          { id: 'monthly', content: { type: 'json', value: { plans: ['basic', 'pro'], period: 'month' } } },
          { id: 'yearly', content: { type: 'json', value: { plans: ['basic', 'pro'], period: 'year' } } },
        ],
        rules: [
          {
            id: 'bandit',
            strategy: { type: 'bandit', variants: ['monthly', 'yearly'], conversion: { event: 'Subscribed' } },
          },
        ],
      },
      {
        id: 'vip-banner',
        name: 'VIP banner',
        default: 'plain',
        variants: [{ id: 'plain' }, { id: 'vip', content: { type: 'text', value: 'Thanks for being a VIP' } }],
        rules: [{ id: 'vips', when: { segment: 'vip' }, strategy: { type: 'variant', variant: 'vip' } }],
      },
    ],
    experiments: [
      {
        id: 'hero-test',
        name: 'Hero copy',
        variants: [
          { id: 'control', weight: 1 },
          { id: 'treatment', weight: 1 },
        ],
        metrics: { primary: { id: 'orders', type: 'conversion', event: 'Order Completed' } },
        status: 'running',
      },
    ],
    banditWeights: { 'pricing-cards:bandit': { monthly: 0.3, yearly: 0.7 } },
  };
}
