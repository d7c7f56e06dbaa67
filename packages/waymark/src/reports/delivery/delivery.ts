// Delivers one rendered report to its targets, each on its own: logs a row per target, tries it, and retries a
// temporary failure after the policy's waits. Nothing here throws at its caller or leaves a promise unhandled: a
// failure ends as a `failed` row and a report to `onError`, never as a crash of the server.

import { randomUUID } from 'node:crypto';
import type {
  DeliverySource,
  ReportDeliveryRecord,
  ReportDeliveryRepository,
} from '../../state/repositories/report-deliveries.js';
import type { RenderedReport } from '../rendered.js';
import { asDeliveryError, DeliveryError } from './delivery-error.js';
import type { EmailSender } from './email.js';
import { attemptsOf, waitAfter, type RetryPolicy } from './retry.js';
import type { WebhookSender } from './webhook.js';

export type DeliveryTarget =
  { channel: 'email'; address: string } | { channel: 'webhook'; url: string; secret: string };

export const targetText = (t: DeliveryTarget): string => (t.channel === 'email' ? t.address : t.url);

export interface ReportDeliveryOptions {
  log: Pick<ReportDeliveryRepository, 'create' | 'update' | 'get'>;
  /** Absent when no SMTP server is configured: e-mail deliveries then fail at once, saying so. */
  email?: Pick<EmailSender, 'send'>;
  webhook: Pick<WebhookSender, 'send'>;
  retry: RetryPolicy;
  now?: () => number;
  /** Where failures are reported (the server's log). */
  onError: (message: string, error: unknown) => void;
}

export class ReportDelivery {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private waiters: (() => void)[] = [];
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: ReportDeliveryOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Logs and makes the first attempt for each target, and schedules retries of the temporary failures.
   * Resolves after the first attempts with the log rows as they then stand.
   */
  async deliver(
    report: RenderedReport,
    targets: DeliveryTarget[],
    meta: { source: DeliverySource; scheduleId: string | null },
  ): Promise<ReportDeliveryRecord[]> {
    const now = this.now();
    const rows = targets.map((target): ReportDeliveryRecord => ({
      id: randomUUID(),
      projectId: report.projectId,
      week: report.week,
      scheduleId: meta.scheduleId,
      source: meta.source,
      channel: target.channel,
      target: targetText(target),
      subject: report.subject,
      status: 'pending',
      attempts: 0,
      maxAttempts: attemptsOf(this.options.retry),
      lastError: null,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: now,
      sentAt: null,
    }));
    for (const row of rows) await this.options.log.create(row);
    await Promise.all(rows.map((row, i) => this.track(this.attempt(row, report, targets[i] as DeliveryTarget))));
    return Promise.all(rows.map(async (row) => (await this.options.log.get(row.id)) ?? row));
  }

  /** Picks up a logged delivery that had not finished (after a restart): tries it at its next attempt time. */
  resume(row: ReportDeliveryRecord, report: RenderedReport, target: DeliveryTarget): void {
    this.later(row, report, target, Math.max(0, (row.nextAttemptAt ?? 0) - this.now()));
  }

  /** Resolves when no attempt is running or waiting (every delivery sent or failed, or `stop` called). */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Cancels waiting retries (their rows stay `retrying` for the next start) and waits for running attempts. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
    this.settle();
  }

  private track(work: Promise<void>): Promise<void> {
    const guarded = work.catch((error: unknown) => this.options.onError('report delivery failed unexpectedly', error));
    this.running.add(guarded);
    void guarded.finally(() => {
      this.running.delete(guarded);
      this.settle();
    });
    return guarded;
  }

  private settle(): void {
    if (this.running.size > 0 || this.timers.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private later(row: ReportDeliveryRecord, report: RenderedReport, target: DeliveryTarget, waitMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(row.id);
      void this.track(this.attempt(row, report, target));
    }, waitMs);
    this.timers.set(row.id, timer);
  }

  private async send(report: RenderedReport, target: DeliveryTarget, deliveryId: string): Promise<void> {
    if (target.channel === 'webhook') return this.options.webhook.send(report, target, deliveryId);
    if (!this.options.email)
      throw new DeliveryError(
        'no SMTP server is configured (start the server with --smtp-url or $WAYMARK_SMTP_URL)',
        true,
      );
    return this.options.email.send(report, target.address);
  }

  private async attempt(row: ReportDeliveryRecord, report: RenderedReport, target: DeliveryTarget): Promise<void> {
    const attempts = row.attempts + 1;
    let failure: DeliveryError | undefined;
    try {
      await this.send(report, target, row.id);
    } catch (error) {
      failure = asDeliveryError(error);
    }
    const now = this.now();
    const { log } = this.options;
    if (failure === undefined) {
      await log.update(row.id, { status: 'sent', attempts, lastError: null, nextAttemptAt: null, sentAt: now }, now);
      return;
    }
    const wait = failure.permanent || attempts >= row.maxAttempts ? undefined : waitAfter(this.options.retry, attempts);
    if (wait === undefined) {
      await log.update(
        row.id,
        { status: 'failed', attempts, lastError: failure.message, nextAttemptAt: null, sentAt: null },
        now,
      );
      const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
      this.options.onError(
        `weekly report ${row.week} of project "${row.projectId}" could not be delivered to ${row.target} (${tries})`,
        failure,
      );
      return;
    }
    await log.update(
      row.id,
      { status: 'retrying', attempts, lastError: failure.message, nextAttemptAt: now + wait, sentAt: null },
      now,
    );
    // After stop() the row stays `retrying` with its next attempt time: the next start resumes it.
    this.later({ ...row, attempts }, report, target, wait);
  }
}
