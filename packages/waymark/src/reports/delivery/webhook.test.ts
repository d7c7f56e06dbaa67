import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testReport } from '../../test-support/rendered-report.js';
import { DeliveryError } from './delivery-error.js';
import { verifyWebhookSignature, WebhookSender, type WebhookBody } from './webhook.js';

interface Hit {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A local receiver that records each request and answers with the statuses given, then 200. */
async function receiver(statuses: number[] = []): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      hits.push({ headers: request.headers, raw: Buffer.concat(chunks) });
      const status = statuses[hits.length - 1] ?? 200;
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : `status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/hooks/waymark`, hits };
}

const secret = 'whsec_test_0123456789abcdef';
const sentAt = Date.parse('2026-11-30T07:00:00Z');

describe('weekly report by webhook, received by a real HTTP server', () => {
  it('POSTs the report JSON with week, project and subject, signed with an HMAC of the raw body', async () => {
    const { url, hits } = await receiver();
    const report = testReport('shop', '2026-W48');
    await new WebhookSender({ timeoutMs: 5_000, now: () => sentAt }).send(report, { url, secret }, 'delivery-1');

    expect(hits).toHaveLength(1);
    const { headers, raw } = hits[0]!;
    expect(headers['content-type']).toBe('application/json');
    // The receiver's check, computed independently of Waymark's signing code.
    const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    expect(headers['x-waymark-signature']).toBe(expected);
    expect(verifyWebhookSignature(secret, raw, headers['x-waymark-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature('another-secret-of-16+', raw, headers['x-waymark-signature'] as string)).toBe(false);
    const tampered = Buffer.from(raw.toString('utf8').replace('2026-W48', '2026-W49'));
    expect(verifyWebhookSignature(secret, tampered, headers['x-waymark-signature'] as string)).toBe(false);

    expect(headers['x-waymark-timestamp']).toBe(String(sentAt / 1000));
    expect(headers['x-waymark-delivery']).toBe('delivery-1');
    const body = JSON.parse(raw.toString('utf8')) as WebhookBody;
    expect(body).toEqual({
      type: 'weekly_report',
      project: 'shop',
      week: '2026-W48',
      subject: report.subject,
      delivery: 'delivery-1',
      sentAt: new Date(sentAt).toISOString(),
      report: report.json,
    });
  });

  it.each([
    { status: 500, permanent: false },
    { status: 503, permanent: false },
    { status: 429, permanent: false },
    { status: 400, permanent: true },
    { status: 404, permanent: true },
  ])('an answer $status is a failure that is permanent: $permanent', async ({ status, permanent }) => {
    const { url } = await receiver([status]);
    const error = await new WebhookSender({ timeoutMs: 5_000, now: Date.now })
      .send(testReport('shop', '2026-W48'), { url, secret }, 'd')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).permanent).toBe(permanent);
    expect((error as DeliveryError).message).toContain(`answered ${status}: status ${status}`);
  });

  it('gives up on a receiver that does not answer within the timeout (temporary)', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/slow`;
    const error = (await new WebhookSender({ timeoutMs: 200, now: Date.now })
      .send(testReport('shop', '2026-W48'), { url, secret }, 'd')
      .catch((e: unknown) => e)) as DeliveryError;
    server.closeAllConnections();
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(false);
    expect(error.message).toContain('no answer within 0.2 s');
  });
});
