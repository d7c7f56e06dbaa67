import { beforeAll, describe, expect, it } from 'vitest';
import type { IncomingEvent, SegmentCall } from '../core/event.js';
import { normalizeCall } from '../core/normalize.js';
import { DAY_MS } from '../core/time.js';
import { blackFriday } from './calendar.js';
import { generateDemo } from './generate.js';

// What an analyst would see after ingesting a 2,000-customer demo: the stories have to add up.
const END = Date.parse('2026-12-15T00:00:00.000Z');
const asImported = { projectId: 'demo', receivedAt: END, correctSkew: false, newMessageId: () => '' };
let rows: Array<{ call: SegmentCall; event: IncomingEvent; person: string }>;

beforeAll(() => {
  const calls = [...generateDemo({ seed: 42, customers: 2_000, end: END, days: 120 })];
  // Identify calls link an anonymousId to its userId; a person is a userId, or an anonymousId never linked.
  const userOf = new Map<string, string>();
  for (const call of calls) if (call.type === 'identify') userOf.set(String(call.anonymousId), String(call.userId));
  const personOf = (call: SegmentCall): string => {
    const anonymousId = String(call.anonymousId);
    return call.userId !== undefined ? String(call.userId) : (userOf.get(anonymousId) ?? anonymousId);
  };
  rows = calls.map((call) => {
    const result = normalizeCall(call, asImported);
    if (!result.ok) throw result.error;
    return { call, event: result.value, person: personOf(call) };
  });
});

const peopleWho = (event: string, where: (e: IncomingEvent) => boolean = () => true): Set<string> =>
  new Set(rows.filter((r) => r.event.event === event && where(r.event)).map((r) => r.person));

describe('demo journeys', () => {
  it('loses people at every funnel step, at the rates of a real shop', () => {
    const steps = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
    const [viewers = 0, adders = 0, checkouts = 0, buyers = 0] = steps.map((e) => peopleWho(e).size);
    expect(viewers).toBeGreaterThanOrEqual(adders);
    expect(adders).toBeGreaterThanOrEqual(checkouts);
    expect(checkouts).toBeGreaterThanOrEqual(buyers);
    expect(buyers).toBeGreaterThan(0);
    expect(adders / viewers).toBeGreaterThan(0.1);
    expect(adders / viewers).toBeLessThan(0.3);
    expect(checkouts / adders).toBeGreaterThan(0.4);
    expect(checkouts / adders).toBeLessThan(0.7);
    expect(buyers / checkouts).toBeGreaterThan(0.5);
    expect(buyers / checkouts).toBeLessThan(0.8);
  });

  it('converts phones worse than desktops', () => {
    const rate = (device: string): number => {
      const visitors = peopleWho('$page', (e) => e.device_type === device);
      const buyers = peopleWho('Order Completed', (e) => e.device_type === device);
      return buyers.size / visitors.size;
    };
    expect(rate('mobile')).toBeLessThan(rate('desktop'));
  });

  it('brings visitors through every marketing channel, with UTM tags and click ids where they belong', () => {
    const channels = new Set(rows.map((r) => r.event.channel));
    const expected = ['Direct', 'Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Referral'];
    for (const channel of [...expected, 'Display', 'Affiliates']) expect(channels).toContain(channel);
    const paidSocial = new Set(rows.filter((r) => r.event.channel === 'Paid Social').map((r) => r.event.source));
    expect([...paidSocial].sort()).toEqual(['facebook', 'instagram', 'tiktok']);
    expect(rows.some((r) => r.event.channel === 'Paid Search' && r.event.url.includes('&gclid='))).toBe(true);
    const organic = rows.find((r) => r.event.channel === 'Organic Search');
    const searchEngine = expect.stringMatching(/google|bing|duckduckgo/);
    expect(organic?.event).toMatchObject({ campaign: '', referrer_domain: searchEngine });
    const campaigns = new Set(rows.map((r) => r.event.campaign));
    for (const name of ['black-friday-2026', 'retargeting-q4', 'weekly-newsletter', 'cart-reminder', 'brand-search']) {
      expect(campaigns).toContain(name);
    }
  });

  it('brings better buyers through some channels than others', () => {
    const firstChannel = new Map<string, string>();
    for (const { event, person } of rows) {
      if (event.event === '$page' && !firstChannel.has(person)) firstChannel.set(person, event.channel);
    }
    const buyers = peopleWho('Order Completed');
    const conversion = (channel: string): number => {
      const people = [...firstChannel].filter(([, c]) => c === channel).map(([p]) => p);
      return people.filter((p) => buyers.has(p)).length / people.length;
    };
    expect(conversion('Paid Search')).toBeGreaterThan(conversion('Paid Social') * 1.3);
  });

  it('ties a second browser to the same customer when they log in there', () => {
    const browsers = new Map<string, Set<string>>();
    for (const { call } of rows) {
      if (call.type !== 'identify') continue;
      expect(call.anonymousId).toBeDefined();
      const ids = browsers.get(String(call.userId)) ?? new Set<string>();
      browsers.set(String(call.userId), ids.add(String(call.anonymousId)));
    }
    const twoBrowsers = [...browsers.values()].filter((ids) => ids.size === 2).length;
    expect(twoBrowsers).toBeGreaterThan(browsers.size * 0.05);
    // Many visitors never say who they are.
    expect(new Set(rows.map((r) => r.person)).size).toBeGreaterThan(browsers.size * 2);
  });

  it('records who identified: demographic and psychographic traits', () => {
    const first = rows.find((r) => r.call.type === 'identify')?.call;
    expect(first?.traits).toMatchObject({
      email: expect.stringMatching(/@example\.(com|net|org)$/),
      name: expect.any(String),
      first_name: expect.any(String),
      age: expect.any(Number),
      city: expect.any(String),
      country: expect.any(String),
      loyalty_tier: expect.any(String),
      interests: expect.any(Array),
      attitudes: expect.any(Array),
      marketing_opt_in: expect.any(Boolean),
    });
  });

  it('puts revenue on completed orders only, in dollars or euros', () => {
    const withRevenue = rows.filter((r) => r.event.revenue !== 0);
    expect(withRevenue.length).toBeGreaterThan(0);
    expect(new Set(withRevenue.map((r) => r.event.event))).toEqual(new Set(['Order Completed']));
    expect(rows.filter((r) => r.event.event === 'Order Completed').every((r) => r.event.revenue > 0)).toBe(true);
    expect(new Set(withRevenue.map((r) => r.event.currency))).toEqual(new Set(['USD', 'EUR']));
  });

  it('sends the rest of the e-commerce spec too', () => {
    const names = new Set(rows.map((r) => r.event.event));
    const spec = [
      'Products Searched',
      'Product List Viewed',
      'Cart Viewed',
      'Checkout Step Completed',
      'Payment Info Entered',
    ];
    const more = ['Signed Up', 'Email Opened', 'Email Link Clicked', 'Support Ticket Opened', 'Product Reviewed'];
    for (const name of [...spec, ...more, 'NPS Survey Answered']) expect(names).toContain(name);
  });

  it('peaks on Black Friday and has customers who buy again', () => {
    const perDay = new Map<number, number>();
    for (const { event } of rows) {
      const day = Math.floor(event.timestamp / DAY_MS) * DAY_MS;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const counts = [...perDay.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    expect(perDay.get(blackFriday(2026))).toBeGreaterThan(median * 2);
    const orders = new Map<string, number>();
    for (const { event, person } of rows) {
      if (event.event === 'Order Completed') orders.set(person, (orders.get(person) ?? 0) + 1);
    }
    expect([...orders.values()].some((n) => n >= 2)).toBe(true);
  });
});
