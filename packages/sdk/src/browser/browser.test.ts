// The browser SDK in Debian's Chromium (driven by playwright-core; no browser is downloaded), loaded by the
// documented snippet from a page on one origin and talking to a contract server on another.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSdk } from '../../build.mjs';
import type { SegmentCall } from '../shared/calls.js';
import { startContractServer, type ContractServer } from '../test-support/contract-server.js';
import { testDefinitions } from '../test-support/definitions.js';
import type { LoadOptions } from './client.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/waymark-personalized.png';

let browser: Browser;
let dist: string;
let api: ContractServer;
let site: ContractServer;
let context: BrowserContext;
let page: Page;
const warnings: string[] = [];

/** A page that includes the SDK with the snippet of the docs, then runs `script`. */
function publish(path: string, options: Omit<LoadOptions, 'host'>, body: string, script = ''): string {
  const snippet = readFileSync(join(import.meta.dirname, '..', '..', 'snippet.html'), 'utf8')
    .replace("'https://waymark.example.com'", JSON.stringify(api.url))
    .replace("'YOUR_WRITE_KEY'", JSON.stringify(api.writeKey))
    .replace('{ host: host }', `Object.assign({ host: host }, ${JSON.stringify(options)})`);
  site.files.set(path, {
    type: 'text/html',
    body: `<!doctype html><html><head><title>Shop</title>${snippet}</head><body>${body}<script>${script}</script></body></html>`,
  });
  return `${site.url}${path}`;
}

/** Waits for `check`; on timeout, the error shows what `explain` returns. */
const until = async (check: () => boolean | Promise<boolean>, explain: () => unknown = () => '') => {
  for (const end = Date.now() + 10_000; !(await check());) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${JSON.stringify(await explain(), replacer)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const replacer = (_key: string, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value);

const storedQueue = (): Promise<SegmentCall[]> =>
  page.evaluate(() => JSON.parse(localStorage.getItem('waymark.queue') ?? '[]') as SegmentCall[]);

const sdkReady = () => page.waitForFunction(() => !Array.isArray((window as { waymark?: unknown }).waymark));

// Without Chromium (apt-get install -y chromium) these tests are skipped.
describe.skipIf(!existsSync(CHROMIUM))('browser SDK in Chromium', () => {
  beforeAll(async () => {
    dist = await buildSdk(mkdtempSync(join(tmpdir(), 'waymark-sdk-')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  beforeEach(async () => {
    api = await startContractServer();
    api.definitions = testDefinitions();
    api.files.set('/sdk/waymark.min.js', {
      type: 'text/javascript',
      body: readFileSync(join(dist, 'waymark.min.js'), 'utf8'),
    });
    site = await startContractServer();
    context = await browser.newContext();
    page = await context.newPage();
    warnings.length = 0;
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  });
  afterEach(async () => {
    await context.close();
    await Promise.all([api.close(), site.close()]);
  });

  it('batches calls with the page context and the visitor ids, cross-origin without a preflight', async () => {
    const url = publish(
      '/pricing.html',
      { flushAt: 3, flushIntervalMs: 60_000 },
      '<h1>Pricing</h1>',
      "waymark.track('Plan Viewed', { plan: 'pro' }); waymark.identify('u1', { email: 'u1@shop.test' });",
    );
    await page.goto(`${url}?utm_source=news&utm_medium=email&utm_campaign=spring`);
    await until(() => api.batches.length === 1);
    const [pageCall, track, identify] = api.batches[0]!.batch;
    expect(api.batches[0]!.keyVia).toBe('body');
    expect(api.hits.get('/v1/batch')).toBe(1); // no OPTIONS preflight went to the batch path first
    expect(pageCall).toMatchObject({
      type: 'page',
      properties: { path: '/pricing.html', title: 'Shop' },
      context: {
        page: { path: '/pricing.html', title: 'Shop' },
        campaign: { source: 'news', medium: 'email', name: 'spring' },
        library: { name: 'waymark-sdk-browser' },
      },
    });
    expect(track).toMatchObject({ type: 'track', event: 'Plan Viewed', properties: { plan: 'pro' } });
    expect(identify).toMatchObject({ type: 'identify', userId: 'u1', traits: { email: 'u1@shop.test' } });
    const anonymousId = await page.evaluate(() => localStorage.getItem('waymark.anonymousId'));
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.batches[0]!.batch.every((c) => c.anonymousId === anonymousId)).toBe(true);
    expect(typeof (pageCall!.context as { timezone?: unknown }).timezone).toBe('string');
  });

  it('retries a failed request with backoff', async () => {
    api.fail('/v1/batch', 1, 503);
    await page.goto(
      publish(
        '/retry.html',
        { flushAt: 3, retry: { baseMs: 200, maxMs: 200 } },
        '',
        "waymark.track('A'); waymark.track('B');",
      ),
    );
    await until(() => api.batches.length === 1);
    expect(api.hits.get('/v1/batch')).toBe(2);
    expect(api.delivered().map((c) => c.event ?? c.type)).toEqual(['page', 'A', 'B']);
    expect(await storedQueue()).toEqual([]);
  });

  it('keeps undelivered calls in localStorage across a reload and sends them when the browser is back online', async () => {
    api.fail('/v1/batch', Infinity, 503);
    const url = publish('/offline.html', { flushAt: 3, retry: { baseMs: 60_000, maxMs: 60_000 } }, '', '');
    await page.goto(url);
    await sdkReady();
    await page.evaluate(() => {
      const w = window as unknown as { waymark: { track(e: string): void } };
      w.waymark.track('Added To Cart');
      w.waymark.track('Checkout Started');
    });
    await until(() => api.hits.get('/v1/batch') === 1);
    const before = await storedQueue();
    expect(before.map((c) => c.event ?? c.type)).toEqual(['page', 'Added To Cart', 'Checkout Started']);

    await page.reload(); // the beacon on page hide fails too: the calls must stay
    await sdkReady();
    await until(
      async () => (await storedQueue()).length === 4,
      async () => ({ stored: await storedQueue(), hits: api.hits }),
    );
    const after = await storedQueue();
    expect(after.slice(0, 3).map((c) => c.messageId)).toEqual(before.map((c) => c.messageId));
    expect(api.delivered()).toEqual([]);

    api.fail('/v1/batch', 0);
    await context.setOffline(true);
    await context.setOffline(false); // fires `online`: the SDK sends at once instead of waiting out its backoff
    await until(() => api.delivered().length === 4);
    expect(api.delivered().map((c) => c.messageId)).toEqual(after.map((c) => c.messageId));
    await until(async () => (await storedQueue()).length === 0);
  });

  it('bounds the offline queue, dropping the oldest call with a warning', async () => {
    api.fail('/v1/batch', Infinity, 503);
    await page.goto(
      publish(
        '/bounded.html',
        { flushAt: 100, maxQueueSize: 5 },
        '',
        "for (var i = 0; i < 7; i++) waymark.track('E' + i);",
      ),
    );
    await sdkReady();
    await until(async () => (await storedQueue()).length === 5);
    expect((await storedQueue()).map((c) => c.event)).toEqual(['E2', 'E3', 'E4', 'E5', 'E6']);
    expect(warnings.filter((w) => w.includes('the queue holds 5 calls: dropped'))).toHaveLength(3);
  });

  const banner = `
    <h1 data-waymark-slot="home-hero">Welcome to the shop</h1>
    <div data-waymark-slot="promo-banner" class="promo">Free returns, always</div>
    <section data-waymark-slot="pricing-cards" id="cards">Loading plans</section>`;
  const renderCards = `
    document.addEventListener('waymark:decision', function (e) {
      if (e.detail.content && e.detail.content.type === 'json')
        e.target.textContent = 'Plans billed per ' + e.detail.content.value.period;
    });
    waymark.personalize().then(function (d) { window.decisions = d; });`;

  it('personalize() renders text, html and json slots', async () => {
    await page.goto(publish('/home.html', {}, banner, renderCards) + '?utm_campaign=spring');
    await page.waitForFunction(() => (window as { decisions?: unknown }).decisions !== undefined);
    const decisions = (await page.evaluate(() => (window as { decisions?: unknown }).decisions)) as Record<
      string,
      { variant: string; content: { value: string } }
    >;
    const promo = decisions['promo-banner']!;
    expect(await page.textContent('h1')).toBe('Spring sale: 20% off');
    expect(await page.getAttribute('h1', 'data-waymark-variant')).toBe('spring');
    expect(await page.innerHTML('.promo')).toBe(promo.content.value);
    expect(await page.getAttribute('.promo', 'data-waymark-variant')).toBe(promo.variant);
    const period = decisions['pricing-cards']!.variant === 'yearly' ? 'year' : 'month';
    expect(await page.textContent('#cards')).toBe(`Plans billed per ${period}`);
    const sent = api.decideRequests[0] as { slots: string[]; anonymousId: string; context: Record<string, unknown> };
    expect(sent.slots).toEqual(['home-hero', 'promo-banner', 'pricing-cards']);
    expect(sent.context).toMatchObject({ path: '/home.html', utm_campaign: 'spring' });
    expect(sent.anonymousId).toBe(await page.evaluate(() => localStorage.getItem('waymark.anonymousId')));
    await page.setViewportSize({ width: 800, height: 300 });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('personalize() leaves the page as it is when the decision request fails', async () => {
    api.fail('/v1/decide', 1, 503);
    await page.goto(publish('/home-down.html', {}, banner, renderCards));
    await page.waitForFunction(() => (window as { decisions?: unknown }).decisions !== undefined);
    expect(await page.evaluate(() => (window as { decisions?: unknown }).decisions)).toEqual({});
    expect(await page.textContent('h1')).toBe('Welcome to the shop');
    expect(await page.innerHTML('.promo')).toBe('Free returns, always');
    expect(await page.textContent('#cards')).toBe('Loading plans');
    expect(await page.$$('[data-waymark-variant]')).toHaveLength(0);
    expect(warnings.some((w) => w.includes('/v1/decide answered 503'))).toBe(true);
  });
});
