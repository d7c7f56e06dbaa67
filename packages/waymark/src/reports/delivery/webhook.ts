// Sends a rendered report to a webhook: a JSON POST signed with the webhook's secret, so the receiver can check it
// came from this Waymark and was not altered. `X-Waymark-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RenderedReport } from '../rendered.js';
import { DeliveryError } from './delivery-error.js';

export const SIGNATURE_HEADER = 'X-Waymark-Signature';
export const TIMESTAMP_HEADER = 'X-Waymark-Timestamp';
export const DELIVERY_HEADER = 'X-Waymark-Delivery';

/** What a webhook receives. `sentAt` equals the timestamp header and is covered by the signature. */
export interface WebhookBody {
  type: 'weekly_report';
  project: string;
  week: string;
  subject: string;
  /** The delivery's id, the same on every retry: receivers can drop repeats. */
  delivery: string;
  sentAt: string;
  report: unknown;
}

export function webhookBody(report: RenderedReport, deliveryId: string, sentAt: Date): string {
  const body: WebhookBody = {
    type: 'weekly_report',
    project: report.projectId,
    week: report.week,
    subject: report.subject,
    delivery: deliveryId,
    sentAt: sentAt.toISOString(),
    report: report.json,
  };
  return JSON.stringify(body);
}

/** `sha256=` and the hex HMAC-SHA256 of the raw body bytes with the secret. */
export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Whether a signature header matches the raw body: what a receiver runs (constant-time comparison). */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class WebhookSender {
  constructor(private readonly options: { timeoutMs: number; now: () => number }) {}

  async send(report: RenderedReport, target: { url: string; secret: string }, deliveryId: string): Promise<void> {
    const sentAt = new Date(this.options.now());
    const body = webhookBody(report, deliveryId, sentAt);
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Waymark-Webhook/1',
          [SIGNATURE_HEADER]: signWebhookBody(target.secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
          [DELIVERY_HEADER]: deliveryId,
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs / 1000} s`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new DeliveryError(`webhook ${target.url} unreachable: ${reason}`, false, error);
    }
    const excerpt = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
    if (response.ok) return;
    // 408 and 429 ask to come back later; other 4xx mean this request will never be accepted.
    const permanent = response.status < 500 && response.status !== 408 && response.status !== 429;
    throw new DeliveryError(
      `webhook ${target.url} answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
      permanent,
    );
  }
}
