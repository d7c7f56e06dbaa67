// Delivery end to end on the real stores and peers: SQLite state (delivery log, schedules), a real SMTP server,
// a real HTTP receiver; retries with millisecond waits; croner jobs fired through croner, never by waiting.

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteState } from '../../state/sqlite/open-sqlite-state.js';
import type { StateStore } from '../../state/state-store.js';
import { testReport } from '../../test-support/rendered-report.js';
import { closedPort, startSmtpPeer, type SmtpPeer } from '../../test-support/smtp-peer.js';
import { testDir } from '../../test-support/stores.js';
import { saveSchedule } from './schedule.js';
import { ReportDeliveryService, type ReportDeliveryServiceOptions } from './service.js';
import { parseSmtpUrl } from './smtp-config.js';
import type { WebhookBody } from './webhook.js';

let state: StateStore;
let hook: Server;
let hookUrl: string;
const hookBodies: { raw: string; signature: string }[] = [];
const peers: SmtpPeer[] = [];
const services: ReportDeliveryService[] = [];
let projectCount = 0;

beforeAll(async () => {
  state = await openSqliteState({ path: join(testDir(), 'delivery.sqlite') });
  hook = createServer((request, response) => {
    let raw = '';
    request.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    request.on('end', () => {
      hookBodies.push({ raw, signature: String(request.headers['x-waymark-signature']) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  for (const p of peers.splice(0)) await p.close();
});
afterAll(async () => {
  await new Promise((resolve) => hook.close(resolve));
  await state.close();
});

/** Each test works in its own project, so tests never see each other's deliveries. */
async function newProject(): Promise<string> {
  const id = `p${(projectCount += 1)}`;
  await state.projects.create({ id, name: id, timeZone: 'Europe/Berlin', now: Date.now() });
  return id;
}

async function peer(options: Parameters<typeof startSmtpPeer>[0] = {}): Promise<SmtpPeer> {
  const p = await startSmtpPeer(options);
  peers.push(p);
  return p;
}

const smtpAt = (port: number) => parseSmtpUrl(`smtp://127.0.0.1:${port}?starttls=off&from=reports@shop.test`);

function service(options: Partial<ReportDeliveryServiceOptions> & { errors?: string[] } = {}): ReportDeliveryService {
  const errors = options.errors ?? [];
  const s = new ReportDeliveryService({
    state,
    render: async (projectId, week) => testReport(projectId, week ?? '2026-W48'),
    retry: { delaysMs: [20, 40] },
    onError: (message) => errors.push(message),
    ...options,
  });
  services.push(s);
  return s;
}

const schedule = (projectId: string, body: object) =>
  saveSchedule(state.definitions, { id: projectId, timeZone: 'Europe/Berlin' }, body, Date.now(), { replace: false });

describe('report delivery service', () => {
  it('send now: e-mails each recipient and signs the webhook; every delivery logged as sent', async () => {
    const project = await newProject();
    const smtp = await peer();
    const saved = await schedule(project, {
      recipients: ['team@shop.test', 'cro@shop.test'],
      webhooks: [{ url: hookUrl, secret: 'whsec_0123456789abcdef' }],
    });
    const result = await service({ smtp: smtpAt(smtp.port) }).send(project, { week: '2026-W47' });

    expect(result).toMatchObject({ project, week: '2026-W47', subject: `Weekly report 2026-W47: ${project}` });
    expect(result.deliveries.map((d) => [d.channel, d.target, d.status, d.attempts, d.schedule, d.source])).toEqual([
      ['email', 'team@shop.test', 'sent', 1, 'weekly', 'manual'],
      ['email', 'cro@shop.test', 'sent', 1, 'weekly', 'manual'],
      ['webhook', hookUrl, 'sent', 1, 'weekly', 'manual'],
    ]);
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([['team@shop.test'], ['cro@shop.test']]);
    const posted = hookBodies.find((b) => (JSON.parse(b.raw) as WebhookBody).project === project)!;
    expect(posted.signature).toBe(
      `sha256=${createHmac('sha256', saved.webhooks[0]!.secret).update(posted.raw).digest('hex')}`,
    );
    const log = await state.reportDeliveries.list({ projectId: project });
    expect(log.map((r) => r.status).sort()).toEqual(['sent', 'sent', 'sent']);
    expect(log.every((r) => r.sentAt !== null && r.lastError === null)).toBe(true);
  });

  it('an SMTP server that refuses with 451 is retried after the wait, and the retry is delivered', async () => {
    const project = await newProject();
    const smtp = await peer({ refuse: (n) => (n === 1 ? { code: 451, message: 'greylisted, come back' } : undefined) });
    const s = service({ smtp: smtpAt(smtp.port) });
    const first = await s.send(project, { recipients: ['team@shop.test'] });
    expect(first.deliveries[0]).toMatchObject({ status: 'retrying', attempts: 1, maxAttempts: 3 });
    expect(first.deliveries[0]!.lastError).toContain('451 greylisted');
    expect(Date.parse(first.deliveries[0]!.nextAttemptAt!)).toBeGreaterThan(
      Date.parse(first.deliveries[0]!.updatedAt) - 1,
    );
    await s.idle();
    const row = await state.reportDeliveries.get(first.deliveries[0]!.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null });
    expect(smtp.offered()).toBe(2);
    expect(smtp.received).toHaveLength(1);
  });

  it('a refused connection is retried with growing waits, then logged as failed; the schedule keeps running', async () => {
    const project = await newProject();
    const errors: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await schedule(project, { recipients: ['team@shop.test'], webhooks: [{ url: hookUrl }] });
      const s = service({ smtp: smtpAt(await closedPort()), errors });
      await s.start();
      const before = s.scheduler.scheduled().find((j) => j.projectId === project);
      expect(before).toMatchObject({ scheduleId: 'weekly', cron: '0 8 * * 1', timeZone: 'Europe/Berlin' });

      await s.scheduler.trigger(project, 'weekly');
      await s.idle();
      const [email] = await state.reportDeliveries.list({ projectId: project, status: 'failed' });
      expect(email).toMatchObject({ channel: 'email', source: 'schedule', attempts: 3, maxAttempts: 3 });
      expect(email!.lastError).toContain('cannot reach the SMTP server 127.0.0.1');
      // Two waits of 20 and 40 ms between the three attempts.
      expect(email!.updatedAt - email!.createdAt).toBeGreaterThanOrEqual(60);
      expect(errors.some((e) => e.includes('could not be delivered to team@shop.test (3 attempts)'))).toBe(true);
      expect((await state.reportDeliveries.list({ projectId: project, status: 'sent' })).map((r) => r.channel)).toEqual(
        ['webhook'],
      );

      // Still scheduled, same next run; firing again retries the failed address only (the webhook got this week).
      expect(s.scheduler.scheduled().find((j) => j.projectId === project)).toEqual(before);
      await s.scheduler.trigger(project, 'weekly');
      await s.idle();
      const all = await state.reportDeliveries.list({ projectId: project });
      expect(all.map((r) => `${r.channel}:${r.status}`).sort()).toEqual([
        'email:failed',
        'email:failed',
        'webhook:sent',
      ]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a report that fails to render in a cron run is reported; nothing is thrown and the job stays', async () => {
    const project = await newProject();
    await schedule(project, { recipients: ['team@shop.test'] });
    const errors: string[] = [];
    const s = service({
      errors,
      render: () => Promise.reject(new Error('warehouse unavailable')),
    });
    await s.start();
    await s.scheduler.trigger(project, 'weekly');
    expect(errors).toContain(`report schedule "weekly" of project "${project}" could not run`);
    expect(s.scheduler.scheduled().some((j) => j.projectId === project)).toBe(true);
    expect(await state.reportDeliveries.list({ projectId: project })).toEqual([]);
  });

  it('permanent failures are not retried: a 550 rejection, and e-mail with no SMTP configured', async () => {
    const project = await newProject();
    const smtp = await peer({ refuse: () => ({ code: 550, message: 'no such user' }) });
    const refused = await service({ smtp: smtpAt(smtp.port) }).send(project, { recipients: ['ghost@shop.test'] });
    expect(refused.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, maxAttempts: 3 });
    expect(refused.deliveries[0]!.lastError).toContain('550 no such user');

    const unconfigured = await service().send(project, { recipients: ['team@shop.test'] });
    expect(unconfigured.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(unconfigured.deliveries[0]!.lastError).toContain('no SMTP server is configured');
  });

  it('a second run of a schedule for the same week sends nothing twice', async () => {
    const project = await newProject();
    const smtp = await peer();
    await schedule(project, { recipients: ['team@shop.test'] });
    const s = service({ smtp: smtpAt(smtp.port) });
    expect((await s.runSchedule(project, 'weekly'))?.deliveries).toHaveLength(1);
    expect(await s.runSchedule(project, 'weekly')).toBeUndefined();
    expect(smtp.received).toHaveLength(1);
  });

  it('a retry left waiting at shutdown is resumed by the next start and delivered', async () => {
    const project = await newProject();
    const failing = await peer({ refuse: () => ({ code: 421, message: 'shutting down' }) });
    const first = service({ smtp: smtpAt(failing.port), retry: { delaysMs: [60_000] } });
    const sent = await first.send(project, { week: '2026-W46', recipients: ['team@shop.test'] });
    expect(sent.deliveries[0]).toMatchObject({ status: 'retrying', attempts: 1 });
    await first.stop();
    expect(await state.reportDeliveries.get(sent.deliveries[0]!.id)).toMatchObject({ status: 'retrying' });

    // Made due now, as if the wait had passed while the server was down.
    const row = (await state.reportDeliveries.get(sent.deliveries[0]!.id))!;
    await state.reportDeliveries.update(row.id, { ...row, nextAttemptAt: Date.now() }, Date.now());
    const working = await peer();
    const rendered: (string | undefined)[] = [];
    const second = service({
      smtp: smtpAt(working.port),
      render: async (projectId, week) => (rendered.push(week), testReport(projectId, week ?? 'none')),
    });
    await second.start();
    await second.idle();
    expect(rendered).toContain('2026-W46');
    expect(await state.reportDeliveries.get(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(working.received[0]!.mail.subject).toBe(`Weekly report 2026-W46: ${project}`);
  });
});
