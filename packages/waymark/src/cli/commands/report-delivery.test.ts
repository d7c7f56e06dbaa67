// `waymark report schedules | send | deliveries` run in-process on a data dir (no server running), sending the real
// weekly report to a real SMTP server.

import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryView, PublicReportSchedule, SendResult } from '../../reports/delivery/index.js';
import { openEngine } from '../../engine.js';
import { closedPort, startSmtpPeer, type SmtpPeer } from '../../test-support/smtp-peer.js';
import { testDir } from '../../test-support/stores.js';
import { registerReportDelivery } from './report-delivery.js';

const dataDir = join(testDir(), 'report-cli');
let smtp: SmtpPeer;

beforeAll(async () => {
  const engine = await openEngine({ dataDir, maxWaitMs: 20 });
  await engine.state.projects.create({ id: 'shop', name: 'Shop', timeZone: 'Europe/Berlin', now: Date.now() });
  await engine.close();
  smtp = await startSmtpPeer();
});
afterAll(() => smtp.close());

/** Runs `waymark report ...args` and returns what it printed and its exit code. */
async function report(...args: string[]): Promise<{ stdout: string; exitCode: number }> {
  const program = new Command('waymark').exitOverride();
  registerReportDelivery(program.command('report'));
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await program.parseAsync(['report', ...args, '--data-dir', dataDir], { from: 'user' });
  } finally {
    process.stdout.write = write;
    process.stderr.write = stderr;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, exitCode };
}

describe('waymark report (delivery commands, no server)', () => {
  it('saves a schedule in the project time zone and lists it with its next run', async () => {
    const saved = await report(
      'schedules',
      'save',
      '--definition',
      JSON.stringify({ recipients: ['team@shop.test'], webhooks: [{ url: 'https://hooks.shop.test/w' }] }),
    );
    expect(saved.stdout).toMatch(/Saved report schedule "weekly": 0 8 \* \* 1 \(Europe\/Berlin\), next run \d{4}-/);
    expect(saved.stdout).toMatch(/webhook https:\/\/hooks\.shop\.test\/w {2}secret whsec_/);
    const listed = JSON.parse((await report('schedules', 'list', '--format', 'json')).stdout) as PublicReportSchedule[];
    expect(listed).toEqual([
      expect.objectContaining({ id: 'weekly', timeZone: 'Europe/Berlin', recipients: ['team@shop.test'] }),
    ]);
    await expect(report('schedules', 'save', '--definition', '{"recipients":["bad"]}')).rejects.toThrow(
      'recipients[0] must be an e-mail address',
    );
  });

  it('sends the report now to the addresses given and logs it', async () => {
    const sent = await report(
      'send',
      '--week',
      '2026-W47',
      '--to',
      'cmo@shop.test, cro@shop.test',
      '--smtp-url',
      `smtp://127.0.0.1:${smtp.port}?starttls=off`,
      '--smtp-from',
      'reports@shop.test',
      '--format',
      'json',
    );
    expect(sent.exitCode).toBe(0);
    const result = JSON.parse(sent.stdout) as SendResult;
    expect(result.week).toBe('2026-W47');
    expect(result.deliveries.map((d) => [d.target, d.status])).toEqual([
      ['cmo@shop.test', 'sent'],
      ['cro@shop.test', 'sent'],
    ]);
    expect(smtp.received.map((m) => [m.envelope.to[0], m.mail.subject])).toEqual([
      ['cmo@shop.test', result.subject],
      ['cro@shop.test', result.subject],
    ]);
  });

  it('a send that fails for good exits 1 and shows in the delivery log', async () => {
    const port = await closedPort();
    const failed = await report(
      'send',
      '--to',
      'ops@shop.test',
      '--smtp-url',
      `smtp://127.0.0.1:${port}?from=reports@shop.test`,
      '--report-retry',
      '5ms',
      '--wait',
    );
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/email\s+ops@shop\.test\s+failed\s+2\/2/);
    const log = JSON.parse(
      (await report('deliveries', '--status', 'failed', '--format', 'json')).stdout,
    ) as DeliveryView[];
    expect(log).toEqual([expect.objectContaining({ target: 'ops@shop.test', status: 'failed', attempts: 2 })]);
    await expect(report('deliveries', '--status', 'lost')).rejects.toThrow('status must be one of');
  });
});
