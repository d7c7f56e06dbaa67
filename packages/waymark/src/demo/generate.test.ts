import { describe, expect, it } from 'vitest';
import type { SegmentCall } from '../core/event.js';
import { normalizeCall } from '../core/normalize.js';
import { DAY_MS } from '../core/time.js';
import { DEFAULT_DEMO, generateDemo, type DemoOptions } from './generate.js';

const END = Date.parse('2026-12-15T00:00:00.000Z');
const small: DemoOptions = { seed: 7, customers: 300, end: END, days: 120 };
const asImported = { projectId: 'demo', receivedAt: END, correctSkew: false, newMessageId: () => '' };

// The server's exposure calls carry its own messageId; their browser tells whose they are.
const isExposure = (call: SegmentCall): boolean => String(call.messageId).startsWith('exposure:');
const customersOf = (calls: SegmentCall[]): ((call: SegmentCall) => string) => {
  const byBrowser = new Map<unknown, string>();
  const fromId = (call: SegmentCall): string => String(call.messageId).split('-')[2] ?? '';
  for (const call of calls) if (!isExposure(call)) byBrowser.set(call.anonymousId, fromId(call));
  return (call) => (isExposure(call) ? (byBrowser.get(call.anonymousId) ?? '') : fromId(call));
};

describe('generateDemo', () => {
  it('gives the same calls for the same seed, and other calls for another seed', () => {
    const once = [...generateDemo(small)];
    expect([...generateDemo(small)]).toEqual(once);
    const other = [...generateDemo({ ...small, seed: 8 })];
    expect(other.length).toBeGreaterThan(0);
    expect(other.slice(0, 50)).not.toEqual(once.slice(0, 50));
  });

  it('can be iterated twice, and the first customers do not depend on how many follow', () => {
    const demo = generateDemo({ ...small, customers: 20 });
    const first = [...demo];
    expect([...demo]).toEqual(first);
    const fewer = [...generateDemo({ ...small, customers: 5 })];
    expect(first.slice(0, fewer.length)).toEqual(fewer);
  });

  it('writes calls that ingest accepts, every one of them', () => {
    const problems: string[] = [];
    for (const call of generateDemo(small)) {
      const result = normalizeCall(call, asImported);
      if (!result.ok) problems.push(`${call.messageId}: ${result.error.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every call an id, an ISO time in the period, and the browser context analytics.js sends', () => {
    const ids = new Set<string>();
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
    let exposures = 0;
    for (const call of generateDemo(small)) {
      ids.add(String(call.messageId));
      const t = Date.parse(String(call.timestamp));
      expect(new Date(t).toISOString()).toBe(call.timestamp);
      expect(t).toBeGreaterThanOrEqual(END - small.days * DAY_MS);
      expect(t).toBeLessThan(END);
      expect(call.anonymousId).toMatch(new RegExp(`^${uuid}$`));
      if (isExposure(call)) {
        // Recorded by the shop's server, which sends no browser context.
        expect(call.messageId).toBe(
          `exposure:checkout-banner:${String(call.properties?.['variant'])}:${call.anonymousId}`,
        );
        expect(call.context).toBeUndefined();
        exposures += 1;
        continue;
      }
      expect(call.messageId).toMatch(/^demo-7-\d+-\d+$/);
      expect(call.context).toMatchObject({
        page: {
          url: expect.stringMatching(/^https:\/\//),
          path: expect.stringMatching(/^\//),
          title: expect.any(String),
          referrer: expect.any(String),
        },
        userAgent: expect.stringMatching(/^Mozilla\/5\.0 /),
        locale: expect.stringMatching(/^[a-z]{2}-[A-Z]{2}$/),
        ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        location: { country: expect.any(String), city: expect.any(String) },
        os: { name: expect.any(String) },
      });
    }
    expect(ids.size).toBe([...generateDemo(small)].length);
    expect(exposures).toBeGreaterThan(0);
  });

  it("keeps each customer's calls together and in time order", () => {
    const seen = new Set<string>();
    let previous: SegmentCall | undefined;
    const calls = [...generateDemo(small)];
    const customerOf = customersOf(calls);
    for (const call of calls) {
      const customer = customerOf(call);
      if (previous && customerOf(previous) === customer) {
        expect(Date.parse(String(call.timestamp))).toBeGreaterThanOrEqual(Date.parse(String(previous.timestamp)));
      } else {
        expect(seen.has(customer)).toBe(false);
        seen.add(customer);
      }
      previous = call;
    }
  });

  it('averages about 40 calls per customer, so the default run is about 2 million', () => {
    const customers = 2_000;
    const calls = [...generateDemo({ ...small, customers })].length;
    expect(calls / customers).toBeGreaterThan(30);
    expect(calls / customers).toBeLessThan(50);
    expect(DEFAULT_DEMO).toEqual({ customers: 50_000, days: 120, seed: 42 });
  });

  it.each([
    ['customers', { customers: -1 }],
    ['seed', { seed: 1.5 }],
    ['days', { days: 0 }],
    ['end', { end: Number.NaN }],
  ])('rejects a bad %s with an error naming the field', (field, patch) => {
    const error = expect.objectContaining({ code: 'invalid_request', field });
    expect(() => generateDemo({ ...small, ...patch })).toThrow(error);
  });
});
