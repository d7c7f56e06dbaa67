// The dashboard in Debian's Chromium (driven by playwright-core; no browser is downloaded) against a real Waymark
// server holding the demo shop: sign in, read the overview, build a funnel and check every number against the API,
// download its CSV, and sign out. Screenshots go to a temporary folder, or with WAYMARK_SCREENSHOTS=1 to
// docs/screenshots/ (how the documentation's pictures are made).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelResult, TrendsResult } from '../api/types.js';
import { VIEWS } from '../app/views.js';
import { funnelSpecOf, type FunnelChoices } from '../views/funnels/funnel-model.js';
import { lastTwoWeeks } from '../lib/week-comparison.js';
import { overviewTrendsSpec } from '../views/overview/overview-model.js';
import {
  addUser,
  signInApi,
  browserTestsUnavailable,
  openBrowser,
  queryApi,
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './dashboard-server.js';

const EMAIL = 'maria@shop.example';
const PASSWORD = 'correct horse battery staple';

let server: DashboardServer;
let browser: Browser;
let page: Page;
let apiSession: { cookie: string; csrf: string };
const pageErrors: string[] = [];

/** Asks the API directly, as the signed-in user, what an analysis answers. */
const query = <R>(analysis: string, spec: unknown): Promise<R> => queryApi<R>(server, apiSession, analysis, spec);

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** The cells of the table view of the panel titled `title`, row by row. */
async function tableOf(title: RegExp): Promise<string[][]> {
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: title }) });
  await panel.getByRole('button', { name: 'Table', exact: true }).click();
  const rows = panel.locator('tbody tr');
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

// Skipped, with the reason in its name, where Chromium or the built dashboard is missing (see dashboard-server.ts).
describe.skipIf(browserTestsUnavailable !== undefined)(
  `dashboard in Chromium${browserTestsUnavailable ? ` (skipped: ${browserTestsUnavailable})` : ''}`,
  () => {
    beforeAll(async () => {
      server = await startDashboardServer();
      await addUser(server, { email: EMAIL, name: 'Maria Lopez', role: 'analyst', password: PASSWORD });
      apiSession = await signInApi(server, EMAIL, PASSWORD);
      ({ browser, page } = await openBrowser(pageErrors, { acceptDownloads: true }));
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('refuses a wrong password, then signs in and shows the overview', async () => {
      await page.goto(server.url);
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await shot('login');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await page.getByTestId('kpi-visitors').waitFor();
      const trends = await query<TrendsResult>('trends', overviewTrendsSpec(lastTwoWeeks(Date.now()).current));
      const visitors = trends.series.find((s) => s.name === 'Visitors')!;
      expect(await page.getByTestId('kpi-visitors').textContent()).toBe(visitors.total!.toLocaleString('en-US'));
      await page.getByRole('heading', { name: 'What changed' }).waitFor();
      await page.waitForTimeout(300); // the sparklines' first draw
      await shot('overview');
      const summary = await tableOf(/This week against last week/);
      expect(summary.map((r) => r[0])).toEqual(['Visitors', 'Identified customers', 'Revenue', 'Conversion']);
    });

    it('builds a funnel whose step counts equal the API answer for the same spec, in the table and the CSV', async () => {
      await page.getByRole('link', { name: 'Funnels' }).click();
      await page.getByRole('heading', { name: 'Funnels', level: 1 }).waitFor();
      await page.getByLabel('Step 1 event').waitFor();

      // Product Viewed → Product Added → Order Completed, within 3 days, entering over the last 60 whole days.
      const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      const choices: FunnelChoices = {
        steps: ['Product Viewed', 'Product Added', 'Order Completed'],
        order: 'ordered',
        windowValue: 3,
        windowUnit: 'day',
        range: 'custom',
        from: day(60),
        to: day(1),
      };
      await page.getByRole('button', { name: 'Remove step 3' }).click();
      await page.getByLabel('Step 3 event').selectOption('Order Completed');
      await page.getByLabel('Conversion window length').fill('3');
      await page.getByLabel('Entered the funnel').selectOption('custom');
      await page.getByLabel('From').fill(choices.from);
      await page.getByLabel('To (included)').fill(choices.to);
      await expect.poll(() => page.getByText('press “Calculate funnel”').count()).toBe(1);
      await page.getByRole('button', { name: 'Calculate funnel' }).click();
      await page.getByRole('heading', { name: 'Funnel: Product Viewed → Order Completed' }).waitFor();

      const api = await query<FunnelResult>('funnel', funnelSpecOf(choices));
      expect(api.steps.map((s) => s.event)).toEqual(choices.steps);
      expect(api.steps[0]!.count).toBeGreaterThan(0);
      expect(await page.getByTestId('funnel-entered').textContent()).toBe(api.steps[0]!.count.toLocaleString('en-US'));
      await page.waitForTimeout(400); // the bars' animation
      await shot('funnels');

      const rows = await tableOf(/Funnel: Product Viewed/);
      expect(rows.map((r) => [r[1], Number(r[2]!.replace(/,/g, ''))])).toEqual(api.steps.map((s) => [s.name, s.count]));
      expect(rows.map((r) => Number(r[5]!.replace(/,/g, '')))).toEqual(api.steps.map((s) => s.dropped));

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Download Funnel: .* as CSV/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('funnel-product-viewed-order-completed.csv');
      const csv = readFileSync((await download.path())!, 'utf8')
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(csv[0]).toBe(
        'Step,Name,Persons,% of start,% of previous,Dropped off,Still in progress,Median time from previous',
      );
      expect(csv.slice(1).map((line) => Number(line.split(',')[2]))).toEqual(api.steps.map((s) => s.count));
    });

    it('reaches every view from the keyboard, and lays the overview out at tablet width', async () => {
      expect(VIEWS.filter((v) => v.coming)).toEqual([]);
      for (const view of VIEWS) {
        await page.getByRole('link', { name: view.label, exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: view.label, level: 1 }).waitFor();
      }
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByTestId('kpi-visitors').waitFor();
      await page.waitForTimeout(300);
      await shot('overview-tablet');
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('signs out through the user menu', async () => {
      await page.getByRole('button', { name: /Maria Lopez/ }).click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
    });
  },
);
