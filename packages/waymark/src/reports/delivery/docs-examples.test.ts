// The examples of docs/reports-delivery.md work: the example schedule is valid, and the example webhook receiver
// accepts what Waymark sends and refuses a request signed with another secret.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testReport } from '../../test-support/rendered-report.js';
import { DeliveryError } from './delivery-error.js';
import { parseReportSchedule } from './schedule.js';
import { WebhookSender } from './webhook.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'docs', 'examples');
const secret = 'whsec_docs_example_0123456789';
let receiver: ChildProcess | undefined;
afterAll(() => receiver?.kill());

describe('docs/reports-delivery.md examples', () => {
  it('the example schedule is a valid schedule', () => {
    const raw = JSON.parse(readFileSync(join(examples, 'report-delivery', 'schedule.json'), 'utf8')) as unknown;
    const schedule = parseReportSchedule(raw, { timeZone: 'UTC' }, Date.now());
    expect(schedule).toMatchObject({ id: 'weekly', cron: '0 8 * * 1', timeZone: 'Europe/Berlin', enabled: true });
    expect(schedule.recipients).toHaveLength(2);
  });

  it('the example receiver verifies a real webhook and refuses a forged one', async () => {
    receiver = spawn(process.execPath, [join(examples, 'report-delivery', 'webhook-receiver.mjs')], {
      env: { ...process.env, WAYMARK_WEBHOOK_SECRET: secret, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    receiver.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`receiver did not start: ${out}`)), 10_000);
      receiver!.stdout!.on('data', () => {
        const m = /listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const sender = new WebhookSender({ timeoutMs: 5_000, now: Date.now });
    await sender.send(testReport('shop', '2026-W47'), { url, secret }, 'delivery-42');
    const forged = await sender
      .send(testReport('shop', '2026-W47'), { url, secret: 'whsec_someone_else_000000' }, 'delivery-43')
      .catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(DeliveryError);
    expect((forged as DeliveryError).message).toContain('answered 401: bad signature');
    // The receiver's own log lines (its stdout may trail its answers a little).
    await vi.waitFor(() => {
      expect(out).toContain('verified: shop 2026-W47 "Weekly report 2026-W47: shop" (delivery delivery-42)');
      expect(out).toContain('rejected: bad signature');
    });
  });
});
