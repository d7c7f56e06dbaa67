// Reports in Debian's Chromium against a real Waymark server with the demo shop and a real report delivery service
// (a real SMTP peer; a webhook on a closed port that fails): build the demo's last complete week and check the
// headline numbers the frame shows against the API's JSON, see the week in the archive, download it in every format
// (and the server's message when PDF has no Chromium), save a schedule (a refused field shown by its control), send
// now and see the failed webhook marked in the log, the notice and the navigation; a viewer gets no send or edit
// controls. WAYMARK_SCREENSHOTS=1 saves the picture into docs/screenshots/.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportDeliveryService, parseSmtpUrl } from '../../../waymark/src/reports/delivery/index.js';
import { renderWeeklyReport } from '../../../waymark/src/reports/index.js';
import { formatIsoWeek, lastCompleteWeek } from '../../../waymark/src/reports/iso-week.js';
import { closedPort, startSmtpPeer, type SmtpPeer } from '../../../waymark/src/test-support/smtp-peer.js';
import type { ArchivedReport, DeliveryLog, ReportSchedule, WeeklyReportSummary } from '../api/reports.js';
import {
  addUser,
  browserTestsUnavailable,
  openBrowser,
  SCREENSHOTS,
  signInApi,
  signInPage,
  startDashboardServer,
  type ApiSession,
  type DashboardServer,
} from './dashboard-server.js';

const ANALYST = { email: 'rita@shop.example', password: 'reports every monday' };
const VIEWER = { email: 'val@shop.example', password: 'just reading reports' };
const TEAM = 'team@shop.example';

let server: DashboardServer;
let smtp: SmtpPeer;
let browser: Browser;
let page: Page;
let session: ApiSession;
let week: string;
let hookUrl: string;
const pageErrors: string[] = [];
const deliveryErrors: string[] = [];

async function api<T>(url: string): Promise<T> {
  const res = await server.api.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

const number = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));
const report = () => page.frameLocator(`iframe[title="Weekly report of ${week}"]`);
/** The "This week" cell of a headline number in the report's frame. */
const headlineCell = (label: string) => report().locator(`td:text-is("${label}") + td`).first();

describe.skipIf(browserTestsUnavailable !== undefined)(
  `reports in Chromium${browserTestsUnavailable ? ` (skipped: ${browserTestsUnavailable})` : ''}`,
  () => {
    beforeAll(async () => {
      smtp = await startSmtpPeer();
      hookUrl = `http://127.0.0.1:${await closedPort()}/waymark`;
      server = await startDashboardServer({
        reportDelivery: async (engine) => {
          const service = new ReportDeliveryService({
            state: engine.state,
            render: (projectId, w) => renderWeeklyReport(engine, { projectId, ...(w ? { week: w } : {}) }),
            smtp: parseSmtpUrl(`smtp://127.0.0.1:${smtp.port}?starttls=off&from=reports@shop.example`),
            retry: { delaysMs: [] },
            webhookTimeoutMs: 5_000,
            onError: (message) => deliveryErrors.push(message),
          });
          await service.start();
          return service;
        },
      });
      await addUser(server, { ...ANALYST, name: 'Rita Analyst', role: 'analyst' });
      await addUser(server, { ...VIEWER, name: 'Val Viewer', role: 'viewer' });
      session = await signInApi(server, ANALYST.email, ANALYST.password);
      week = formatIsoWeek(lastCompleteWeek(Date.now(), 'UTC'));
      ({ browser, page } = await openBrowser(pageErrors, { acceptDownloads: true }));
      await signInPage(page, server.url, ANALYST.email, ANALYST.password);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
    });

    it('builds the last complete week and shows the numbers of the API’s JSON in the frame and the archive', async () => {
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
      await page.getByText('No reports yet').waitFor();
      const weekField = page.getByLabel('ISO week');
      expect(await weekField.inputValue()).toBe(week);

      // A week that does not exist is refused by the field before anything is asked.
      await weekField.fill('2026-W54');
      await page.getByRole('button', { name: 'Build report' }).click();
      await page.getByText('week 2026 has weeks 1 to 53, not 54').waitFor();
      expect(await weekField.getAttribute('aria-invalid')).toBe('true');

      await weekField.fill(week);
      await page.getByRole('button', { name: 'Build report' }).click();
      await headlineCell('Visitors').waitFor({ timeout: 90_000 });
      expect(page.url()).toContain(`#/reports/${week}`);
      expect(await page.locator('iframe.reports-frame').getAttribute('sandbox')).toBe('');

      const json = await api<WeeklyReportSummary>(`/api/reports/weekly/archive/${week}?project=demo&format=json`);
      const kpi = (id: string) => json.kpis.find((k) => k.id === id)!;
      expect(json.week).toBe(week);
      expect(kpi('visitors').current).toBeGreaterThan(0);
      expect(number(await headlineCell('Visitors').textContent())).toBe(kpi('visitors').current);
      expect(number(await headlineCell('Orders').textContent())).toBe(kpi('orders').current);
      // The charts are in the page itself (data: URIs): a frame that may load nothing still draws them.
      const chart = report().locator('img').first();
      expect(await chart.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

      const archive = await api<{ reports: ArchivedReport[] }>('/api/reports/weekly/archive?project=demo');
      const kept = archive.reports.find((r) => r.week === week)!;
      const row = page.getByTestId(`archive-${week}`);
      await row.waitFor();
      expect(await row.locator('.reports-headline').textContent()).toBe(kept.headline);
      expect(number(await row.locator('td').nth(2).textContent())).toBe(kept.significantChanges);
      expect(number(await row.locator('td').nth(3).textContent())).toBe(kept.actions);
    });

    it('downloads the week as HTML, Markdown, JSON and PDF, and shows why PDF is refused without Chromium', async () => {
      const download = async (what: string) => {
        const [file] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          page.getByRole('button', { name: `Download the report as ${what}` }).click(),
        ]);
        return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
      };
      const json = await download('JSON');
      expect(json.name).toBe(`demo-${week}.json`);
      expect((JSON.parse(json.bytes.toString('utf8')) as WeeklyReportSummary).week).toBe(week);
      const md = await download('Markdown');
      expect(md.name).toBe(`demo-${week}.md`);
      expect(md.bytes.toString('utf8')).toContain(week);
      const html = await download('HTML (e-mail)');
      expect(html.bytes.toString('utf8')).toMatch(/^<!DOCTYPE html>/);
      const pdf = await download('PDF');
      expect(pdf.name).toBe(`demo-${week}.pdf`);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // The server prints PDF with Chromium; pointed at none, it answers 503 and the view says what it said.
      const configured = process.env['WAYMARK_CHROMIUM'];
      process.env['WAYMARK_CHROMIUM'] = '/nonexistent/chromium';
      try {
        await page.getByRole('button', { name: 'Download the report as PDF' }).click();
        await page.getByText('PDF reports need Chromium').waitFor();
      } finally {
        if (configured === undefined) delete process.env['WAYMARK_CHROMIUM'];
        else process.env['WAYMARK_CHROMIUM'] = configured;
      }
    });

    it('saves a schedule, showing a refused address by its field and the webhook secret once', async () => {
      await page.getByRole('button', { name: '+ New schedule' }).click();
      const editor = page.getByRole('form', { name: 'New schedule' });
      const recipients = editor.getByLabel('E-mail recipients');
      await recipients.fill(`${TEAM}, not-an-address`);
      await editor.getByRole('button', { name: '+ Add webhook' }).click();
      await editor.getByLabel('URL').fill(hookUrl);
      await editor.getByRole('button', { name: 'Create schedule' }).click();
      await editor.getByText('must be an e-mail address').waitFor();
      expect(await recipients.getAttribute('aria-invalid')).toBe('true');
      expect(await editor.locator('#schedule-error-recipients').textContent()).toContain('recipients[1]');

      await recipients.fill(TEAM);
      await editor.getByRole('button', { name: 'Create schedule' }).click();
      const secret = await page.getByTestId('webhook-secret').textContent();
      expect(secret).toMatch(/^whsec_/);
      const { schedules } = await api<{ schedules: ReportSchedule[] }>('/api/reports/schedules?project=demo');
      expect(schedules).toHaveLength(1);
      expect(schedules[0]).toMatchObject({ id: 'weekly', cron: '0 8 * * 1', recipients: [TEAM], enabled: true });
      expect(schedules[0]!.webhooks[0]!.secretHint).toBe(`…${secret!.slice(-4)}`);
      const listed = page.getByTestId('schedule-weekly');
      await listed.getByText(TEAM).waitFor();
      expect(await listed.textContent()).toContain(schedules[0]!.timeZone);
    });

    it('sends now: the e-mail arrives, the failed webhook is marked in the log, the notice and the navigation', async () => {
      const send = page.getByRole('form', { name: 'Send the report now' });
      expect(await send.getByLabel('Week', { exact: true }).inputValue()).toBe(week);
      await send.getByRole('button', { name: 'Send now' }).click();
      await send.getByText(`The ${week} report: 1 of 2 sent, 1 failed.`).waitFor({ timeout: 90_000 });

      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.envelope.to).toEqual([TEAM]);
      expect(smtp.received[0]!.mail.subject).toContain(week);

      const log = await api<DeliveryLog>('/api/reports/deliveries?project=demo');
      expect(log.counts).toMatchObject({ sent: 1, failed: 1 });
      const failed = log.deliveries.find((d) => d.status === 'failed')!;
      expect(failed).toMatchObject({ channel: 'webhook', target: hookUrl, week });

      const row = page.getByTestId(`delivery-webhook-${hookUrl}`);
      await row.waitFor();
      expect(await row.getAttribute('class')).toContain('delivery-failed');
      expect(await row.locator('.delivery-status').textContent()).toContain('Failed');
      expect(await row.locator('.reports-error-cell').textContent()).toBe(failed.lastError);
      expect(await page.getByTestId(`delivery-email-${TEAM}`).locator('.delivery-status').textContent()).toContain(
        'Sent',
      );

      const notice = page.getByTestId('delivery-alert');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(`1 of 2 deliveries of the ${week} report failed.`);
      expect(await notice.textContent()).toContain(hookUrl);
      await page.getByRole('link', { name: 'Reports (1 failed delivery)' }).waitFor();

      await page.getByRole('button', { name: 'Failed (1)' }).click();
      expect(await page.locator('.reports-deliveries tbody tr').count()).toBe(1);
      await page.getByRole('button', { name: 'All' }).click();
      // The failure is the server's to remember: after a reload the notice and the mark are still there.
      await page.reload();
      await page.getByTestId('delivery-alert').waitFor();
      await headlineCell('Visitors').waitFor();
      await page.getByTestId(`delivery-webhook-${hookUrl}`).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'reports.png'), fullPage: true });
      // Expected refusals only: the session check before sign-in (401), the bad address (400), PDF without Chromium (503).
      expect(pageErrors.filter((e) => !/401|Unauthorized|400|Bad Request|503|Service Unavailable/.test(e))).toEqual([]);
    });

    it('shows a viewer the reports and the failures, with nothing to send or edit', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      try {
        const viewer = await context.newPage();
        await signInPage(viewer, server.url, VIEWER.email, VIEWER.password);
        await viewer.getByRole('link', { name: 'Reports (1 failed delivery)' }).click();
        await viewer.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
        await viewer.getByTestId(`archive-${week}`).waitFor();
        await viewer.getByTestId('delivery-alert').waitFor();
        await viewer.getByTestId('schedule-weekly').waitFor();
        await viewer.frameLocator(`iframe[title="Weekly report of ${week}"]`).getByText('Headline numbers').waitFor();
        expect(await viewer.getByRole('button', { name: 'Send now' }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: '+ New schedule' }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: 'Edit schedule weekly' }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: 'Delete schedule weekly' }).count()).toBe(0);
        // Reading is every role's: the downloads stay.
        expect(await viewer.getByRole('button', { name: 'Download the report as PDF' }).count()).toBe(1);
      } finally {
        await context.close();
      }
      expect(deliveryErrors.length).toBeGreaterThan(0);
    });
  },
);
