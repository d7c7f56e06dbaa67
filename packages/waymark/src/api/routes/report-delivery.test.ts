// The report delivery API on a real engine: schedules, send-now of the real weekly report to a real SMTP server,
// the delivery log with a failed delivery, and the roles of api/auth.ts.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine.js';
import { ReportDeliveryService, parseSmtpUrl } from '../../reports/delivery/index.js';
import { renderWeeklyReport } from '../../reports/index.js';
import { basic, openTestEngine } from '../../test-support/engine.js';
import { closedPort, startSmtpPeer, type SmtpPeer } from '../../test-support/smtp-peer.js';
import { buildApp } from '../app.js';

let engine: Engine;
let app: FastifyInstance;
let bare: FastifyInstance;
let smtp: SmtpPeer;
let delivery: ReportDeliveryService;
let analyst: { authorization: string };
let viewer: { authorization: string };
const errors: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine();
  const { writeKey } = await engine.state.projects.create({ id: 'shop', name: 'Shop', now: Date.now() });
  await engine.state.projects.create({ id: 'down', name: 'Down', now: Date.now() });
  analyst = { authorization: `Bearer ${await engine.state.apiTokens.create('a', Date.now(), 'analyst')}` };
  viewer = { authorization: `Bearer ${await engine.state.apiTokens.create('v', Date.now(), 'viewer')}` };
  smtp = await startSmtpPeer();
  delivery = new ReportDeliveryService({
    state: engine.state,
    render: (projectId, week) => renderWeeklyReport(engine, { projectId, ...(week ? { week } : {}) }),
    smtp: parseSmtpUrl(`smtp://127.0.0.1:${smtp.port}?starttls=off&from=reports@shop.test`),
    retry: { delaysMs: [10, 20] },
    onError: (message) => errors.push(message),
  });
  await delivery.start();
  app = await buildApp(engine, { logger: false, reportDelivery: delivery });
  bare = await buildApp(engine, { logger: false });
  // Last week: two visitors, one buys.
  const at = (hours: number) => new Date(Date.now() - 7 * 86_400_000 + hours * 3_600_000).toISOString();
  const batch = [
    { type: 'track', userId: 'a', event: 'Product Viewed', timestamp: at(0) },
    { type: 'track', userId: 'a', event: 'Order Completed', properties: { revenue: 80 }, timestamp: at(1) },
    { type: 'track', anonymousId: 'b', event: 'Product Viewed', timestamp: at(2) },
  ];
  await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(writeKey) },
    payload: { batch },
  });
  await engine.ingest.drain();
});
afterAll(async () => {
  await delivery.stop();
  await app.close();
  await bare.close();
  await smtp.close();
  await engine.close();
});

const call = (
  who: { authorization: string },
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => app.inject({ method, url, headers: who, ...(payload ? { payload } : {}) });

describe('report delivery API', () => {
  it('saves a schedule (field-named errors), shows it without webhook secrets, and schedules it', async () => {
    const bad = await call(analyst, 'POST', '/api/reports/schedules?project=shop', {
      recipients: ['team@shop.test'],
      cron: '0 25 * * 1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_request', field: 'cron' });

    const created = await call(analyst, 'POST', '/api/reports/schedules?project=shop', {
      recipients: ['team@shop.test'],
      webhooks: [{ url: 'https://hooks.shop.test/waymark' }],
      timeZone: 'Europe/Berlin',
    });
    expect(created.statusCode).toBe(201);
    const secret = created.json().webhooks[0].secret as string;
    expect(secret).toMatch(/^whsec_/);

    const listed = await call(viewer, 'GET', '/api/reports/schedules?project=shop');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(secret);
    expect(listed.json().schedules[0]).toMatchObject({
      id: 'weekly',
      cron: '0 8 * * 1',
      timeZone: 'Europe/Berlin',
      enabled: true,
      webhooks: [{ url: 'https://hooks.shop.test/waymark', secretHint: `…${secret.slice(-4)}` }],
    });
    expect(delivery.scheduler.scheduled().filter((j) => j.projectId === 'shop')).toEqual([
      expect.objectContaining({ scheduleId: 'weekly', nextRun: listed.json().schedules[0].nextRuns[0] }),
    ]);

    expect((await call(viewer, 'PUT', '/api/reports/schedules/weekly?project=shop', {})).statusCode).toBe(403);
    const disabled = await call(analyst, 'PUT', '/api/reports/schedules/weekly?project=shop', {
      recipients: ['team@shop.test'],
      enabled: false,
    });
    expect(disabled.json()).toMatchObject({ enabled: false, nextRuns: [] });
    expect(delivery.scheduler.scheduled().filter((j) => j.projectId === 'shop')).toEqual([]);
  });

  it('send now delivers the real weekly report by e-mail, with its charts inline', async () => {
    const forbidden = await call(viewer, 'POST', '/api/reports/weekly/send?project=shop');
    expect(forbidden.statusCode).toBe(403);
    const badWeek = await call(analyst, 'POST', '/api/reports/weekly/send?project=shop&week=2026-47');
    expect(badWeek.json().error.field).toBe('week');

    const sent = await call(analyst, 'POST', '/api/reports/weekly/send?project=shop', {
      recipients: ['cmo@shop.test'],
    });
    expect(sent.statusCode).toBe(200);
    const result = sent.json();
    expect(result.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(result.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', target: 'cmo@shop.test', status: 'sent', attempts: 1 }),
    ]);
    const mail = smtp.received.at(-1)!.mail;
    expect(mail.subject).toBe(result.subject);
    expect(smtp.received.at(-1)!.envelope.to).toEqual(['cmo@shop.test']);
    expect(mail.text).toContain(result.week);
    const cids = [...String(mail.html).matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]);
    expect(cids.length).toBeGreaterThan(0);
    expect(mail.attachments.map((a) => a.contentId?.replace(/[<>]/g, ''))).toEqual(expect.arrayContaining(cids));
    for (const a of mail.attachments) expect(a.content.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('a failed delivery is retried, logged and listed by GET /api/reports/deliveries', async () => {
    const port = await closedPort();
    const failing = new ReportDeliveryService({
      state: engine.state,
      render: (projectId, week) => renderWeeklyReport(engine, { projectId, ...(week ? { week } : {}) }),
      smtp: parseSmtpUrl(`smtp://127.0.0.1:${port}?from=reports@shop.test`),
      retry: { delaysMs: [10, 20] },
      onError: (message) => errors.push(message),
    });
    const down = await buildApp(engine, { logger: false, reportDelivery: failing });
    const first = await down.inject({
      method: 'POST',
      url: '/api/reports/weekly/send?project=down',
      headers: analyst,
      payload: { recipients: ['ops@shop.test'] },
    });
    expect(first.json().deliveries[0]).toMatchObject({ status: 'retrying', attempts: 1 });
    await failing.idle();
    await failing.stop();
    await down.close();

    const log = await call(viewer, 'GET', '/api/reports/deliveries?project=down');
    expect(log.statusCode).toBe(200);
    expect(log.json().counts).toEqual({ pending: 0, retrying: 0, sent: 0, failed: 1 });
    const [row] = log.json().deliveries;
    expect(row).toMatchObject({
      project: 'down',
      channel: 'email',
      target: 'ops@shop.test',
      status: 'failed',
      attempts: 3,
      maxAttempts: 3,
      source: 'manual',
      sentAt: null,
      nextAttemptAt: null,
    });
    expect(row.lastError).toContain(`127.0.0.1:${port}`);
    expect((await call(viewer, 'GET', `/api/reports/deliveries/${row.id}?project=down`)).json()).toEqual(row);
    expect((await call(viewer, 'GET', `/api/reports/deliveries/${row.id}?project=shop`)).statusCode).toBe(404);
    expect((await call(viewer, 'GET', '/api/reports/deliveries?project=down&status=sent')).json().deliveries).toEqual(
      [],
    );
    expect((await call(viewer, 'GET', '/api/reports/deliveries?project=down&status=lost')).json().error.field).toBe(
      'status',
    );
    expect(errors.some((e) => e.includes('ops@shop.test (3 attempts)'))).toBe(true);
    // The server that owns the delivery still answers.
    expect((await call(viewer, 'GET', '/api/reports/deliveries?project=shop')).statusCode).toBe(200);
  });

  it('without a delivery service, send-now answers 503 saying why', async () => {
    const res = await bare.inject({
      method: 'POST',
      url: '/api/reports/weekly/send?project=shop',
      headers: analyst,
      payload: { recipients: ['x@shop.test'] },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain('waymark serve');
  });
});
