import { describe, expect, it } from 'vitest';
import type { IncomingEvent, SegmentCall } from './event.js';
import { normalizeCall, revenueOf, type NormalizeContext } from './normalize.js';

const RECEIVED = Date.parse('2026-11-02T09:05:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const MINUTE = 60_000;

/** Normalizes like live ingest by default: skew corrected, received at RECEIVED, message ids `generated-N`. */
function normalize(call: SegmentCall, ctx: Partial<NormalizeContext> = {}) {
  let n = 0;
  return normalizeCall(call, {
    projectId: 'shop',
    receivedAt: RECEIVED,
    correctSkew: true,
    newMessageId: () => `generated-${++n}`,
    ...ctx,
  });
}

function row(call: SegmentCall, ctx: Partial<NormalizeContext> = {}): IncomingEvent {
  const result = normalize(call, ctx);
  if (!result.ok) throw new Error(`expected a row, got ${result.error.message}`);
  return result.value;
}

function failure(call: SegmentCall, ctx: Partial<NormalizeContext> = {}) {
  const result = normalize(call, ctx);
  if (result.ok) throw new Error('expected an error');
  return result.error.toJSON();
}

const viewOf = (url: string, referrer = ''): SegmentCall => ({
  type: 'page',
  anonymousId: 'a-1',
  context: { page: referrer === '' ? { url } : { url, referrer } },
});

describe('normalizeCall: ids', () => {
  it('files an event under the userId when known, else the anonymousId', () => {
    expect(row({ type: 'track', event: 'X', userId: 'u-1', anonymousId: 'a-1' })).toMatchObject({
      distinct_id: 'u-1',
      user_id: 'u-1',
      anonymous_id: 'a-1',
    });
    expect(row({ type: 'track', event: 'X', anonymousId: 'a-1' })).toMatchObject({
      distinct_id: 'a-1',
      user_id: '',
      anonymous_id: 'a-1',
    });
  });

  it('turns numeric ids into strings and trims whitespace', () => {
    expect(row({ type: 'group', userId: 42, groupId: 7 })).toMatchObject({
      distinct_id: '42',
      user_id: '42',
      group_id: '7',
    });
    expect(row({ type: 'track', event: 'X', userId: '  u-1 ' })).toMatchObject({ distinct_id: 'u-1' });
  });

  it('needs a userId or an anonymousId', () => {
    expect(failure({ type: 'track', event: 'X' }, { fieldPrefix: 'batch[2]' })).toEqual({
      code: 'invalid_event',
      message: 'userId or anonymousId is required',
      field: 'batch[2].userId',
    });
    expect(failure({ type: 'track', event: 'X', userId: '  ' }).field).toBe('userId');
  });

  it.each([
    ['a track call without an event name', { type: 'track', userId: 'u' }, 'event'],
    ['a track call with a blank event name', { type: 'track', event: '   ', userId: 'u' }, 'event'],
    ['an alias without previousId', { type: 'alias', userId: 'u' }, 'previousId'],
    ['an alias without userId', { type: 'alias', anonymousId: 'a', previousId: 'p' }, 'userId'],
    ['a group call without groupId', { type: 'group', userId: 'u' }, 'groupId'],
  ] satisfies [string, SegmentCall, string][])('rejects %s, naming %s', (_name, call, field) => {
    expect(failure(call, { fieldPrefix: 'batch[0]' })).toMatchObject({
      code: 'invalid_event',
      field: `batch[0].${field}`,
    });
  });

  it('keeps the messageId sent, and makes one when it is missing or empty', () => {
    expect(row({ type: 'track', event: 'X', userId: 'u', messageId: 'm-1' }).message_id).toBe('m-1');
    expect(row({ type: 'track', event: 'X', userId: 'u' }).message_id).toBe('generated-1');
    expect(row({ type: 'track', event: 'X', userId: 'u', messageId: '' }).message_id).toBe('generated-1');
  });

  it('keeps the alias and group ids', () => {
    expect(row({ type: 'alias', userId: 'u-1', previousId: 'a-1' })).toMatchObject({
      previous_id: 'a-1',
      distinct_id: 'u-1',
    });
  });
});

describe('normalizeCall: event names', () => {
  it.each([
    ['page', '$page'],
    ['screen', '$screen'],
    ['identify', '$identify'],
    ['group', '$group'],
    ['alias', '$alias'],
  ] as const)('names a %s call %s', (type, name) => {
    const result = row({ type, userId: 'u', anonymousId: 'a', groupId: 'g', previousId: 'p', event: 'ignored' });
    expect(result).toMatchObject({ type, event: name });
  });

  it('keeps the event name of a track call, trimmed', () => {
    expect(row({ type: 'track', event: ' Order Completed ', userId: 'u' })).toMatchObject({
      type: 'track',
      event: 'Order Completed',
    });
  });

  it('puts the page name and category into properties without overwriting ones sent there', () => {
    const page = row({
      type: 'page',
      anonymousId: 'a',
      name: 'Pricing',
      category: 'Marketing',
      properties: { title: 'Plans' },
    });
    expect(JSON.parse(page.properties)).toEqual({ title: 'Plans', name: 'Pricing', category: 'Marketing' });
    const explicit = row({ type: 'page', anonymousId: 'a', name: 'Pricing', properties: { name: 'Pricing v2' } });
    expect(JSON.parse(explicit.properties)).toEqual({ name: 'Pricing v2' });
    const screen = row({ type: 'screen', anonymousId: 'a', name: 'Checkout', category: 'ignored' });
    expect(JSON.parse(screen.properties)).toEqual({ name: 'Checkout' });
  });
});

describe('normalizeCall: times', () => {
  const clientTime = Date.parse('2026-11-02T09:00:00.000Z');

  it('shifts live events by the client clock error (receivedAt - sentAt)', () => {
    // The client clock runs 5 minutes slow: it sent the event 10 s after it happened, by its own clock.
    const event = row({
      type: 'track',
      event: 'X',
      userId: 'u',
      timestamp: iso(clientTime),
      sentAt: iso(clientTime + 10_000),
    });
    expect(event).toMatchObject({
      timestamp: RECEIVED - 10_000,
      original_timestamp: clientTime,
      sent_at: clientTime + 10_000,
      received_at: RECEIVED,
    });
  });

  it('keeps the timestamps of imports as sent', () => {
    const event = row(
      { type: 'track', event: 'X', userId: 'u', timestamp: iso(clientTime), sentAt: iso(clientTime + 10_000) },
      { correctSkew: false },
    );
    expect(event).toMatchObject({
      timestamp: clientTime,
      original_timestamp: clientTime,
      sent_at: clientTime + 10_000,
    });
  });

  it('uses the sentAt of the batch when the call has none of its own', () => {
    const call: SegmentCall = { type: 'track', event: 'X', userId: 'u', timestamp: iso(clientTime) };
    expect(row(call, { batchSentAt: iso(clientTime + MINUTE) })).toMatchObject({
      timestamp: RECEIVED - MINUTE,
      sent_at: clientTime + MINUTE,
    });
    const own = row({ ...call, sentAt: iso(clientTime + 2 * MINUTE) }, { batchSentAt: iso(clientTime + MINUTE) });
    expect(own).toMatchObject({ timestamp: RECEIVED - 2 * MINUTE, sent_at: clientTime + 2 * MINUTE });
  });

  it('does not correct a timestamp without a sentAt', () => {
    expect(row({ type: 'track', event: 'X', userId: 'u', timestamp: iso(clientTime) })).toMatchObject({
      timestamp: clientTime,
      sent_at: null,
    });
  });

  it('stamps an event without a timestamp with the time it was received, uncorrected', () => {
    expect(row({ type: 'track', event: 'X', userId: 'u', sentAt: iso(clientTime) })).toMatchObject({
      timestamp: RECEIVED,
      original_timestamp: RECEIVED,
      sent_at: clientTime,
    });
  });

  it('reads originalTimestamp when there is no timestamp, and epoch milliseconds', () => {
    expect(
      row({ type: 'track', event: 'X', userId: 'u', originalTimestamp: iso(clientTime) }, { correctSkew: false })
        .timestamp,
    ).toBe(clientTime);
    expect(
      row({ type: 'track', event: 'X', userId: 'u', timestamp: clientTime + 123 }, { correctSkew: false }).timestamp,
    ).toBe(clientTime + 123);
  });

  it('keeps milliseconds and reads a time without a zone as UTC', () => {
    const ms = row(
      { type: 'track', event: 'X', userId: 'u', timestamp: '2026-11-02T09:00:00.123+01:00' },
      { correctSkew: false },
    );
    expect(ms.timestamp).toBe(Date.parse('2026-11-02T08:00:00.123Z'));
    const zoneless = row(
      { type: 'track', event: 'X', userId: 'u', timestamp: '2026-11-02T09:00:00' },
      { correctSkew: false },
    );
    expect(zoneless.timestamp).toBe(clientTime);
  });

  it.each([
    ['timestamp', { timestamp: 'yesterday' }, 'batch[4].timestamp'],
    ['timestamp', { timestamp: 1_793_610_000 }, 'batch[4].timestamp'], // epoch seconds, not milliseconds
    ['originalTimestamp', { originalTimestamp: '2026-13-45T00:00:00Z' }, 'batch[4].originalTimestamp'],
    ['sentAt', { sentAt: 'soon' }, 'batch[4].sentAt'],
  ] as const)('rejects an invalid %s, naming the field', (name, times, field) => {
    expect(failure({ type: 'track', event: 'X', userId: 'u', ...times }, { fieldPrefix: 'batch[4]' })).toEqual({
      code: 'invalid_event',
      message: `${name} is not a valid ISO-8601 time`,
      field,
    });
  });

  it("names the batch's own sentAt when that is the invalid one", () => {
    expect(
      failure({ type: 'track', event: 'X', userId: 'u' }, { fieldPrefix: 'batch[0]', batchSentAt: 'never' }),
    ).toMatchObject({ field: 'sentAt' });
  });
});

describe('normalizeCall: acquisition', () => {
  it('reads UTM tags from context.campaign', () => {
    const event = row({
      type: 'track',
      event: 'Signed Up',
      userId: 'u',
      context: { campaign: { source: 'newsletter', medium: 'email', name: 'november', term: 'crm', content: 'hero' } },
    });
    expect(event).toMatchObject({
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      campaign: 'november',
      term: 'crm',
      content: 'hero',
    });
  });

  it('reads UTM tags from the query of the page URL', () => {
    const event = row(
      viewOf(
        'https://shop.example.com/?utm_source=facebook&utm_medium=paid_social&utm_campaign=Black%20Friday&utm_content=carousel',
      ),
    );
    expect(event).toMatchObject({
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      campaign: 'Black Friday',
      content: 'carousel',
      term: '',
    });
  });

  it('prefers context.campaign over the URL, tag by tag', () => {
    const event = row({
      type: 'page',
      anonymousId: 'a',
      context: {
        campaign: { source: 'google' },
        page: { url: 'https://shop.example.com/?utm_source=bing&utm_medium=cpc' },
      },
    });
    expect(event).toMatchObject({ channel: 'Paid Search', source: 'google', medium: 'cpc' });
  });

  it('reads ad click ids from the page URL', () => {
    expect(row(viewOf('https://shop.example.com/landing?gclid=Cj0KCQ'))).toMatchObject({
      channel: 'Paid Search',
      source: 'google',
      medium: 'cpc',
    });
  });

  it('records the referrer domain and classifies by it', () => {
    const event = row(viewOf('https://shop.example.com/', 'https://www.google.com/'));
    expect(event).toMatchObject({
      referrer_domain: 'google.com',
      channel: 'Organic Search',
      source: 'google',
      medium: 'organic',
    });
    expect(row(viewOf('https://shop.example.com/', 'https://blog.example.org/review'))).toMatchObject({
      referrer_domain: 'blog.example.org',
      channel: 'Referral',
    });
  });

  it('does not count navigation inside the site as a referral or a direct visit', () => {
    for (const referrer of ['https://shop.example.com/products', 'https://www.shop.example.com/']) {
      expect(row(viewOf('https://shop.example.com/cart', referrer))).toMatchObject({
        referrer_domain: '',
        channel: '',
        source: '',
        medium: '',
      });
    }
  });

  it('still classifies UTM tags on a page reached from inside the site', () => {
    const event = row(
      viewOf('https://shop.example.com/sale?utm_source=banner&utm_medium=internal', 'https://shop.example.com/'),
    );
    expect(event).toMatchObject({ referrer_domain: '', channel: 'Other', source: 'banner', medium: 'internal' });
  });

  it('calls a page view with nothing known a direct visit, and a track call with nothing known no touch', () => {
    expect(row(viewOf('https://shop.example.com/'))).toMatchObject({
      channel: 'Direct',
      source: '(direct)',
      medium: '(none)',
    });
    expect(row({ type: 'track', event: 'X', userId: 'u' })).toMatchObject({ channel: '', source: '', medium: '' });
  });

  it('reads url, path and referrer from the properties of a page call', () => {
    const event = row({
      type: 'page',
      anonymousId: 'a',
      properties: { url: 'https://shop.example.com/shoes?size=42', referrer: 'https://t.co/xyz' },
    });
    expect(event).toMatchObject({
      url: 'https://shop.example.com/shoes?size=42',
      path: '/shoes',
      channel: 'Organic Social',
      source: 't.co',
    });
  });

  it('takes the path from context.page.path, else properties.path, else the URL', () => {
    expect(
      row({ type: 'page', anonymousId: 'a', context: { page: { url: 'https://x.test/a', path: '/b' } } }).path,
    ).toBe('/b');
    expect(
      row({
        type: 'page',
        anonymousId: 'a',
        properties: { path: '/c' },
        context: { page: { url: 'https://x.test/a' } },
      }).path,
    ).toBe('/c');
    expect(
      row({ type: 'track', event: 'X', userId: 'u', context: { page: { url: 'https://x.test/a?q=1' } } }).path,
    ).toBe('/a');
    expect(row({ type: 'track', event: 'X', userId: 'u', properties: { url: 'https://x.test/a' } })).toMatchObject({
      url: '',
      path: '',
    });
  });
});

describe('normalizeCall: revenue', () => {
  it.each([
    ['revenue', { revenue: 42.5, currency: 'eur' }, { revenue: 42.5, currency: 'EUR' }],
    ['total when there is no revenue', { total: 99, currency: 'usd' }, { revenue: 99, currency: 'USD' }],
    ['revenue over total', { revenue: 80, total: 99 }, { revenue: 80, currency: '' }],
    ['a numeric string', { revenue: '19.99' }, { revenue: 19.99, currency: '' }],
    ['total when revenue is not a number', { revenue: 'n/a', total: '12' }, { revenue: 12, currency: '' }],
    ['a refund', { revenue: -20, currency: 'GBP' }, { revenue: -20, currency: 'GBP' }],
    ['nothing', {}, { revenue: 0, currency: '' }],
    ['a blank string', { revenue: '  ' }, { revenue: 0, currency: '' }],
    ['a currency without revenue', { currency: 'eur' }, { revenue: 0, currency: 'EUR' }],
    ['a non-string currency', { revenue: 5, currency: 978 }, { revenue: 5, currency: '' }],
  ] as const)('%s', (_name, properties, expected) => {
    expect(revenueOf(properties)).toEqual(expected);
    expect(row({ type: 'track', event: 'Order Completed', userId: 'u', properties })).toMatchObject(expected);
  });
});

describe('normalizeCall: traits and properties', () => {
  it('merges the traits of an identify call over context.traits', () => {
    const event = row({
      type: 'identify',
      userId: 'u',
      traits: { plan: 'pro', email: 'ada@example.com' },
      context: { traits: { plan: 'free', company: 'Acme' } },
    });
    expect(JSON.parse(event.traits)).toEqual({ plan: 'pro', email: 'ada@example.com', company: 'Acme' });
  });

  it('keeps context.traits as the traits of other calls', () => {
    const event = row({
      type: 'track',
      event: 'X',
      userId: 'u',
      traits: { ignored: true },
      context: { traits: { plan: 'free' } },
    });
    expect(JSON.parse(event.traits)).toEqual({ plan: 'free' });
  });

  it('stores the traits of a group call as its properties, not as person traits', () => {
    const event = row({
      type: 'group',
      userId: 'u',
      groupId: 'acme',
      traits: { name: 'Acme', employees: 120 },
      properties: { ignored: 1 },
    });
    expect(JSON.parse(event.properties)).toEqual({ name: 'Acme', employees: 120 });
    expect(event.traits).toBe('{}');
    expect(event.group_id).toBe('acme');
  });

  it('stores properties and the whole context as JSON text', () => {
    const context = { locale: 'de-DE', library: { name: 'analytics.js', version: '2.1' } };
    const event = row({ type: 'track', event: 'X', userId: 'u', properties: { sku: 'A-1', qty: 2 }, context });
    expect(JSON.parse(event.properties)).toEqual({ sku: 'A-1', qty: 2 });
    expect(JSON.parse(event.context)).toEqual(context);
  });

  it('reads country and locale from the context', () => {
    const event = row({
      type: 'track',
      event: 'X',
      userId: 'u',
      context: { location: { country: 'DE', city: 'Berlin' }, locale: 'de-DE' },
    });
    expect(event).toMatchObject({ country: 'DE', locale: 'de-DE' });
    expect(row({ type: 'track', event: 'X', userId: 'u' })).toMatchObject({ country: '', locale: '' });
  });

  it('reads the device from the user agent, or from the device block of a mobile SDK', () => {
    const browser = row({
      type: 'track',
      event: 'X',
      userId: 'u',
      context: {
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
      },
    });
    expect(browser).toMatchObject({ device_type: 'desktop', os: 'Windows', browser: 'Chrome' });
    const app = row({
      type: 'screen',
      userId: 'u',
      context: { device: { type: 'ios', model: 'iPhone15,2' }, os: { name: 'iOS', version: '17.4' } },
    });
    expect(app).toMatchObject({ device_type: 'mobile', os: 'iOS', browser: '' });
  });

  it('files the row under the project and the receive time', () => {
    expect(
      row({ type: 'track', event: 'X', userId: 'u' }, { projectId: 'blog', receivedAt: RECEIVED + 1 }),
    ).toMatchObject({
      project_id: 'blog',
      received_at: RECEIVED + 1,
    });
  });
});
