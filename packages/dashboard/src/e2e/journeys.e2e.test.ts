// Retention, Journeys and the Journey map in Debian's Chromium against a real Waymark server with the demo shop:
// build each analysis as a user would and check the numbers shown against the API's answer for the same spec; an
// analyst saves paths and channel paths as insights (a viewer is not offered to). Skipped like dashboard.e2e.test.ts when Chromium or the build is missing; WAYMARK_SCREENSHOTS=1 saves the
// screenshots into docs/screenshots/.

import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathsResult, RetentionResult, StagesResult, TouchpointsResult } from '../api/types.js';
import { defaultJourneyMapChoices, stagesSpecOf } from '../views/journey-map/journey-map-model.js';
import { defaultPathsChoices, pathsSpecOf } from '../views/journeys/paths-model.js';
import { defaultTouchpointsChoices, touchpointsSpecOf } from '../views/journeys/touchpoints-model.js';
import { defaultRetentionChoices, retentionSpecOf } from '../views/retention/retention-model.js';
import {
  addUser,
  signInApi,
  browserTestsUnavailable,
  openBrowser,
  queryApi,
  SCREENSHOTS,
  signInPage,
  startDashboardServer,
  type DashboardServer,
} from './dashboard-server.js';

const EMAIL = 'ines@shop.example';
const PASSWORD = 'journeys are not straight lines';
const ANALYST = { email: 'tomas@shop.example', password: 'every path has a name' };

let server: DashboardServer;
let browser: Browser;
let page: Page;
let apiSession: { cookie: string; csrf: string };
const pageErrors: string[] = [];
const today = () => new Date().toISOString().slice(0, 10);

/** Asks the API directly, as the signed-in user, what an analysis answers. */
const query = <R>(analysis: string, spec: unknown): Promise<R> => queryApi<R>(server, apiSession, analysis, spec);

/** The event names a builder's select offers (the dashboard's own list), without its first, "choose" option. */
async function eventNames(label: string): Promise<string[]> {
  const select = page.getByRole('combobox', { name: label, exact: true });
  return (await select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value))).slice(1);
}

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const number = (text: string | null) => Number((text ?? '').replace(/,/g, ''));

async function tableOf(title: RegExp): Promise<string[][]> {
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: title }) });
  await panel.getByRole('button', { name: 'Table', exact: true }).click();
  return panel
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

async function showChart(title: RegExp): Promise<void> {
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: title }) });
  await panel.getByRole('button', { name: 'Chart', exact: true }).click();
}

// Skipped, with the reason in its name, where Chromium or the built dashboard is missing (see dashboard-server.ts).
describe.skipIf(browserTestsUnavailable !== undefined)(
  `journey views in Chromium${browserTestsUnavailable ? ` (skipped: ${browserTestsUnavailable})` : ''}`,
  () => {
    beforeAll(async () => {
      server = await startDashboardServer();
      await addUser(server, { email: EMAIL, name: 'Ines Duarte', role: 'viewer', password: PASSWORD });
      apiSession = await signInApi(server, EMAIL, PASSWORD);
      ({ browser, page } = await openBrowser(pageErrors));
      await signInPage(page, server.url, EMAIL, PASSWORD);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows cohorts whose sizes equal the API answer, and the average curve, after changing the builder', async () => {
      await page.getByRole('link', { name: 'Retention' }).click();
      await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
      await page.getByTestId('retention-entries').waitFor();

      // A viewer changes the number of weeks and recalculates.
      await page.getByLabel('Number of periods').fill('6');
      await expect.poll(() => page.getByText('press “Calculate retention”').count()).toBe(1);
      await page.getByRole('button', { name: 'Calculate retention' }).click();
      await expect.poll(() => page.getByText('press “Calculate retention”').count()).toBe(0);
      await page.getByTestId('retention-entries').waitFor();

      const names = await eventNames('Cohort: persons who did');
      const spec = retentionSpecOf({ ...defaultRetentionChoices(names, today()), periods: 6 });
      expect(spec.start).toEqual({ event: '$page' });
      const api = await query<RetentionResult>('retention', spec);
      const entries = api.cohorts.reduce((n, c) => n + c.size, 0);
      expect(entries).toBeGreaterThan(0);
      expect(number(await page.getByTestId('retention-entries').textContent())).toBe(entries);
      await page.waitForTimeout(500);
      await shot('retention');

      const rows = await tableOf(/Cohort retention/);
      expect(rows.map((r) => number(r[1]!))).toEqual(api.cohorts.map((c) => c.size));
      await showChart(/Cohort retention/);
      await page.getByRole('group', { name: 'Cells show' }).getByRole('button', { name: 'Persons' }).click();
      const persons = await tableOf(/Cohort retention \(persons\)/);
      // Week 1 of the youngest cohort has not begun: its cell is blank.
      expect(persons.map((r) => (r[3] === '–' ? null : number(r[3]!)))).toEqual(
        api.cohorts.map((c) => c.values[1]?.persons ?? null),
      );
      const curve = await tableOf(/Average retention curve/);
      expect(curve).toHaveLength(6);
    });

    it('draws the paths after product views, with the persons the API counts, and the channel paths', async () => {
      await page.getByRole('link', { name: 'Journeys' }).click();
      await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
      await page.getByTestId('paths-persons').waitFor();
      const names = await eventNames('Start event');
      const api = await query<PathsResult>('paths', pathsSpecOf(defaultPathsChoices(names, today())));
      expect(api.totals.persons).toBeGreaterThan(0);
      expect(number(await page.getByTestId('paths-persons').textContent())).toBe(api.totals.persons);
      expect(await page.getByRole('button', { name: 'Save insight…' }).count()).toBe(0); // a viewer saves nothing
      await page.waitForTimeout(900);
      await shot('journeys');
      const rows = await tableOf(/^Paths$/);
      expect(rows.reduce((n, r) => n + number(r[3]!), 0)).toBe(api.links.reduce((n, l) => n + l.persons, 0));

      // Leave an event out through the keyboard-usable chips, then go back to the default.
      await page.getByText('Exclusions and grouping').click();
      await page.getByLabel('Add an event to leave out').selectOption('Product Added');
      await page.getByRole('button', { name: 'Show paths' }).click();
      await page.getByRole('button', { name: 'Remove Product Added from leave out' }).waitFor();
      const excluded = await query<PathsResult>('paths', {
        ...pathsSpecOf(defaultPathsChoices(names, today())),
        exclude: ['Product Added'],
      });
      await expect
        .poll(async () => number(await page.getByTestId('paths-persons').textContent()))
        .toBe(excluded.totals.persons);
      expect(excluded.nodes.some((n) => n.name === 'Product Added')).toBe(false);

      await page.getByRole('button', { name: 'Channel paths', exact: true }).click();
      await page.getByTestId('touchpoints-converting').waitFor();
      const touches = await query<TouchpointsResult>(
        'touchpoints',
        touchpointsSpecOf(defaultTouchpointsChoices(names, today())),
      );
      expect(number(await page.getByTestId('touchpoints-converting').textContent())).toBe(touches.totals.converting);
      await page.waitForTimeout(500);
      await shot('journeys-channels');
      const paths = await tableOf(/^Channel paths$/);
      expect(paths.reduce((n, r) => n + number(r[1]!), 0)).toBe(touches.totals.converting);
    });

    it('places customers on the journey with the API’s stage counts and shows the stage map', async () => {
      await page.getByRole('link', { name: 'Journey map' }).click();
      await page.getByRole('heading', { name: 'Journey map', level: 1 }).waitFor();
      await page.getByTestId('stages-persons').waitFor();
      const api = await query<StagesResult>('stages', stagesSpecOf(defaultJourneyMapChoices(today())));
      expect(api.stageMap).toBe('default');
      expect(number(await page.getByTestId('stages-persons').textContent())).toBe(api.persons);
      expect(await page.getByTestId('stage-map-source').textContent()).toBe('Default map');
      await page.waitForTimeout(900);
      await shot('journey-map');
      const rows = await tableOf(/^Stages$/);
      expect(rows.map((r) => [r[0], number(r[1]!), number(r[2]!)])).toEqual(
        api.stages.map((s) => [s.name, s.current, s.reached]),
      );
      // The session check before signing in answers 401; nothing else may fail.
      expect(pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
    });

    it('lets an analyst save the paths and the channel paths shown as insights that answer the same numbers', async () => {
      await addUser(server, { ...ANALYST, name: 'Tomás Reyes', role: 'analyst' });
      const analystApi = await signInApi(server, ANALYST.email, ANALYST.password);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const analyst = await context.newPage();
      analyst.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        await signInPage(analyst, server.url, ANALYST.email, ANALYST.password);
        await analyst.getByRole('link', { name: 'Journeys' }).click();
        await analyst.getByTestId('paths-persons').waitFor();
        const shown = number(await analyst.getByTestId('paths-persons').textContent());

        const saveAs = async (name: string): Promise<string> => {
          await analyst.getByRole('button', { name: 'Save insight…' }).click();
          const field = analyst.getByLabel('Insight name');
          expect(await field.inputValue()).toMatch(/^(Paths after|Channel paths to) /); // the offered name
          await field.fill(name);
          await analyst.getByRole('button', { name: 'Save', exact: true }).click();
          const link = analyst.getByRole('link', { name });
          await link.waitFor();
          return decodeURIComponent((await link.getAttribute('href'))!.split('/').pop()!);
        };
        const inject = async <R>(method: 'GET' | 'POST', url: string): Promise<R> => {
          const res = await server.api.inject({
            method,
            url,
            headers: { cookie: analystApi.cookie, 'x-csrf-token': analystApi.csrf },
          });
          expect(res.statusCode).toBe(200);
          return res.json() as R;
        };

        const pathsId = await saveAs('Where product views lead');
        const names = await analyst
          .getByRole('combobox', { name: 'Start event', exact: true })
          .evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value).slice(1));
        const saved = await inject<{ analysis: string; spec: unknown }>('GET', `/api/insights/${pathsId}?project=demo`);
        expect(saved.analysis).toBe('paths');
        expect(saved.spec).toEqual(pathsSpecOf(defaultPathsChoices(names, today())));
        const rerun = await inject<{ result: PathsResult }>('POST', `/api/insights/${pathsId}/run?project=demo`);
        expect(rerun.result.totals.persons).toBe(shown);

        await analyst.getByRole('button', { name: 'Channel paths', exact: true }).click();
        await analyst.getByTestId('touchpoints-converting').waitFor();
        const converting = number(await analyst.getByTestId('touchpoints-converting').textContent());
        const channelsId = await saveAs('Channels before an order');
        const savedChannels = await inject<{ analysis: string; spec: unknown }>(
          'GET',
          `/api/insights/${channelsId}?project=demo`,
        );
        expect(savedChannels.analysis).toBe('touchpoints');
        expect(savedChannels.spec).toEqual(touchpointsSpecOf(defaultTouchpointsChoices(names, today())));
        const channels = await inject<{ result: TouchpointsResult }>(
          'POST',
          `/api/insights/${channelsId}/run?project=demo`,
        );
        expect(channels.result.totals.converting).toBe(converting);
      } finally {
        await context.close();
      }
      expect(pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
    });
  },
);
