import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../api/profiles.js';
import {
  displayName,
  eventContext,
  eventCountRows,
  eventTitle,
  keyProperties,
  profileSearchOf,
  timelineDays,
  traitText,
  traitsTable,
} from './customer-model.js';

const event = (over: Partial<TimelineEvent>): TimelineEvent => ({
  messageId: 'm',
  type: 'track',
  event: 'Order Completed',
  timestamp: '2026-11-20T10:05:00.000Z',
  distinctId: 'u-7',
  properties: {},
  channel: '',
  source: '',
  medium: '',
  campaign: '',
  deviceType: '',
  path: '',
  revenue: 0,
  ...over,
});

describe('customer search', () => {
  it.each([
    ['', '', { limit: 25, offset: 0 }],
    [' maya ', '', { q: 'maya', limit: 25, offset: 0 }],
    ['', 'plan: gold', { trait: { key: 'plan', value: 'gold' }, limit: 25, offset: 0 }],
    ['', 'url:https://x', { trait: { key: 'url', value: 'https://x' }, limit: 25, offset: 0 }],
  ])('%j with trait %j searches %j', (text, trait, search) => {
    expect(profileSearchOf(text, trait, { limit: 25, offset: 0 })).toEqual({ search });
  });

  it('refuses a trait filter without a key', () => {
    expect(profileSearchOf('', 'gold', { limit: 25, offset: 0 })).toEqual({
      problem: expect.stringContaining('key:value'),
    });
    expect(profileSearchOf('', ':gold', { limit: 25, offset: 0 })).toHaveProperty('problem');
  });
});

describe('a customer', () => {
  const base = { personId: '8f0c1234-aaaa', distinctIds: ['a-7'] };
  it.each([
    [{ name: 'Maya Weber', email: 'maya@example.net' }, 'Maya Weber'],
    [{ first_name: 'Maya', last_name: 'Weber' }, 'Maya Weber'],
    [{ email: 'maya@example.net' }, 'maya@example.net'],
    [{ name: '  ' }, 'Anonymous 8f0c1234'],
    [{}, 'Anonymous 8f0c1234'],
  ])('with traits %j is called %j', (traits, name) => {
    expect(displayName({ ...base, traits })).toBe(name);
  });

  it('shows traits by name, lists joined, with when they changed', () => {
    const table = traitsTable({
      traits: { plan: 'gold', interests: ['hiking', 'yoga'], address: { city: 'Köln' }, age: 34 },
      traitsChangedAt: { plan: '2026-11-20T10:02:11.000Z' },
    });
    expect(table.rows).toEqual([
      { trait: 'address', value: '{"city":"Köln"}', changed: null },
      { trait: 'age', value: '34', changed: null },
      { trait: 'interests', value: 'hiking, yoga', changed: null },
      { trait: 'plan', value: 'gold', changed: '2026-11-20' },
    ]);
    expect(traitText(null)).toBe('–');
  });

  it('orders what they did by frequency', () => {
    expect(eventCountRows({ eventCounts: { $page: 3, 'Order Completed': 1, $identify: 1 } })).toEqual([
      { event: '$page', count: 3 },
      { event: '$identify', count: 1 },
      { event: 'Order Completed', count: 1 },
    ]);
  });
});

describe('the timeline', () => {
  it('groups events by UTC day, newest first as they come', () => {
    const days = timelineDays([
      event({ messageId: '1', timestamp: '2026-11-20T23:59:00.000Z' }),
      event({ messageId: '2', timestamp: '2026-11-20T00:01:00.000Z' }),
      event({ messageId: '3', timestamp: '2026-11-18T12:00:00.000Z' }),
    ]);
    expect(days.map((d) => [d.day, d.events.map((e) => e.messageId)])).toEqual([
      ['2026-11-20', ['1', '2']],
      ['2026-11-18', ['3']],
    ]);
  });

  it.each([
    [{ type: 'page', event: '$page', path: '/boots' }, 'Viewed /boots'],
    [{ type: 'page', event: '$page', properties: { title: 'Home' } }, 'Viewed Home'],
    [{ type: 'identify', event: '$identify' }, 'Identified'],
    [{ type: 'screen', event: '$screen', properties: { name: 'Cart' } }, 'Viewed screen Cart'],
    [{ event: 'Segment Entered' }, 'Segment Entered'],
  ] as const)('names %j %j', (over, title) => {
    expect(eventTitle(event(over as Partial<TimelineEvent>))).toBe(title);
  });

  it('says where an event came from', () => {
    expect(
      eventContext(event({ channel: 'Email', campaign: 'bf', source: 'newsletter', deviceType: 'mobile' })),
    ).toEqual(['Email', 'bf', 'mobile']);
    expect(eventContext(event({ source: 'google' }))).toEqual(['google']);
  });

  it('picks the telling properties: revenue, well-known ones, then short plain values', () => {
    const e = event({
      revenue: 59.5,
      properties: {
        $revenue: 59.5,
        zeta: 'z',
        product: 'Trail boots',
        url: 'https://shop.example/very/long',
        note: 'x'.repeat(80),
        items: [{ sku: 1 }],
        alpha: 'a',
      },
    });
    expect(keyProperties(e)).toEqual([
      ['revenue', '59.50'],
      ['product', 'Trail boots'],
      ['alpha', 'a'],
      ['zeta', 'z'],
    ]);
    expect(keyProperties(event({ properties: { a: '1', b: '2' } }), 1)).toEqual([['a', '1']]);
  });
});
