import { describe, expect, it } from 'vitest';
import { behaviouralNames, traitNamesOf } from './event-list.js';

describe('event lists', () => {
  it('keeps the events customers do, most frequent first, without identity calls or Waymark’s own', () => {
    const events = [
      { name: '$page', count: 900, recorded: false },
      { name: '$identify', count: 500, recorded: false },
      { name: 'Product Viewed', count: 400, recorded: false },
      { name: 'Segment Entered', count: 300, recorded: true },
      { name: '$alias', count: 10, recorded: false },
      { name: '$group', count: 5, recorded: false },
      { name: 'Order Completed', count: 2, recorded: false },
    ];
    expect(behaviouralNames(events)).toEqual(['$page', 'Product Viewed', 'Order Completed']);
  });

  it('lists the traits of sampled profiles once each, sorted, without Waymark’s own', () => {
    const profiles = [
      { traits: { plan: 'gold', email: 'a@shop.test' } },
      { traits: {} },
      { traits: { age: 31, plan: 'silver', $first_touch: 'Direct' } },
    ];
    expect(traitNamesOf(profiles)).toEqual(['age', 'email', 'plan']);
  });
});
