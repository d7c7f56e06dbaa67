// Report delivery as the server runs it: renders a project's weekly report and hands it to the delivery log and
// channels, on each schedule's cron times or on request ("send now"), and resumes unfinished deliveries at start.

import { WaymarkError } from '../../core/errors.js';
import type { DeliverySource, ReportDeliveryRecord } from '../../state/repositories/report-deliveries.js';
import type { StateStore } from '../../state/state-store.js';
import type { RenderedReport } from '../rendered.js';
import { ReportDelivery, type DeliveryTarget, targetText } from './delivery.js';
import { deliveryView, type DeliveryView } from './delivery-view.js';
import { EmailSender } from './email.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { getSchedule, listSchedules, SCHEDULE_KIND, type ReportSchedule } from './schedule.js';
import { ReportScheduler } from './scheduler.js';
import type { SendRequest } from './send-request.js';
import type { SmtpConfig } from './smtp-config.js';
import { WebhookSender } from './webhook.js';

/** Renders a project's weekly report; `week` undefined means the last complete week in the project's zone. */
export type RenderWeeklyReport = (projectId: string, week: string | undefined) => Promise<RenderedReport>;

export interface ReportDeliveryServiceOptions {
  state: Pick<StateStore, 'definitions' | 'projects' | 'reportDeliveries'>;
  render: RenderWeeklyReport;
  /** Absent: e-mail deliveries fail (logged) saying that no SMTP server is configured. */
  smtp?: SmtpConfig;
  retry?: RetryPolicy;
  /** How long a webhook may take to answer (default 30 s). */
  webhookTimeoutMs?: number;
  now?: () => number;
  onError: (message: string, error: unknown) => void;
}

export interface SendResult {
  project: string;
  week: string;
  subject: string;
  deliveries: DeliveryView[];
}

function scheduleTargets(schedule: ReportSchedule): DeliveryTarget[] {
  return [
    ...schedule.recipients.map((address): DeliveryTarget => ({ channel: 'email', address })),
    ...schedule.webhooks.map((w): DeliveryTarget => ({ channel: 'webhook', url: w.url, secret: w.secret })),
  ];
}

export class ReportDeliveryService {
  readonly delivery: ReportDelivery;
  readonly scheduler: ReportScheduler;
  private readonly email: EmailSender | undefined;

  constructor(private readonly options: ReportDeliveryServiceOptions) {
    const now = options.now ?? Date.now;
    this.email = options.smtp ? new EmailSender(options.smtp) : undefined;
    this.delivery = new ReportDelivery({
      log: options.state.reportDeliveries,
      ...(this.email ? { email: this.email } : {}),
      webhook: new WebhookSender({ timeoutMs: options.webhookTimeoutMs ?? 30_000, now }),
      retry: options.retry ?? DEFAULT_RETRY,
      now,
      onError: options.onError,
    });
    this.scheduler = new ReportScheduler({
      schedules: options.state.definitions,
      projects: options.state.projects,
      run: (projectId, scheduleId) => this.runSchedule(projectId, scheduleId),
      onError: options.onError,
    });
  }

  /** Resumes the deliveries a previous process left unfinished, then starts the schedules. */
  async start(): Promise<void> {
    await this.resumeUnfinished().catch((error: unknown) =>
      this.options.onError('unfinished report deliveries could not be resumed', error),
    );
    await this.scheduler.start();
  }

  /** Sends a week's report now: to the targets given, else to those of one schedule, else of all of them. */
  async send(projectId: string, request: SendRequest): Promise<SendResult> {
    const { state } = this.options;
    let targets: DeliveryTarget[];
    let scheduleId: string | null = null;
    if (request.recipients !== undefined || request.webhooks !== undefined) {
      targets = [
        ...(request.recipients ?? []).map((address): DeliveryTarget => ({ channel: 'email', address })),
        ...(request.webhooks ?? []).map((w): DeliveryTarget => ({ channel: 'webhook', ...w })),
      ];
    } else if (request.schedule !== undefined) {
      targets = scheduleTargets(await getSchedule(state.definitions, projectId, request.schedule));
      scheduleId = request.schedule;
    } else {
      const schedules = await listSchedules(state.definitions, projectId);
      const seen = new Set<string>();
      targets = schedules.flatMap(scheduleTargets).filter((t) => {
        const key = `${t.channel} ${targetText(t)}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
      if (schedules.length === 1) scheduleId = (schedules[0] as ReportSchedule).id;
    }
    if (targets.length === 0)
      throw new WaymarkError(
        'invalid_request',
        'nobody to send to: give recipients or webhooks, or save a report schedule with some',
        { field: 'recipients' },
      );
    const report = await this.options.render(projectId, request.week);
    return this.deliverRendered(report, targets, 'manual', scheduleId);
  }

  /** One run of a schedule (what its cron job does): targets already served this week are skipped. */
  async runSchedule(projectId: string, scheduleId: string): Promise<SendResult | undefined> {
    const schedule = await getSchedule(this.options.state.definitions, projectId, scheduleId);
    if (!schedule.enabled) return undefined;
    const report = await this.options.render(projectId, undefined);
    const done = new Set(
      (await this.options.state.reportDeliveries.scheduledTargets(projectId, scheduleId, report.week)).map(
        (d) => `${d.channel} ${d.target}`,
      ),
    );
    const targets = scheduleTargets(schedule).filter((t) => !done.has(`${t.channel} ${targetText(t)}`));
    if (targets.length === 0) return undefined;
    return this.deliverRendered(report, targets, 'schedule', scheduleId);
  }

  /** Call after a project's schedules changed, so that the running jobs follow. */
  schedulesChanged(projectId: string): Promise<void> {
    return this.scheduler.reload(projectId);
  }

  /** Resolves when every delivery has been sent or has failed for good (tests; a CLI waiting for retries). */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  /** Stops the schedules and the waiting retries (left `retrying` in the log, resumed at the next start). */
  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.delivery.stop();
    this.email?.close();
  }

  private async deliverRendered(
    report: RenderedReport,
    targets: DeliveryTarget[],
    source: DeliverySource,
    scheduleId: string | null,
  ): Promise<SendResult> {
    const rows = await this.delivery.deliver(report, targets, { source, scheduleId });
    return {
      project: report.projectId,
      week: report.week,
      subject: report.subject,
      deliveries: rows.map(deliveryView),
    };
  }

  /** Re-renders each unfinished delivery's report once per project and week and tries again when due. */
  private async resumeUnfinished(): Promise<void> {
    const { state, render, onError } = this.options;
    const groups = new Map<string, ReportDeliveryRecord[]>();
    for (const row of await state.reportDeliveries.unfinished()) {
      const key = `${row.projectId} ${row.week}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const first = rows[0] as ReportDeliveryRecord;
      let report: RenderedReport;
      try {
        report = await render(first.projectId, first.week);
      } catch (error) {
        for (const row of rows)
          await this.giveUp(row, `the report could not be rendered again: ${(error as Error).message}`);
        onError(`weekly report ${first.week} of project "${first.projectId}" could not be rendered to resume`, error);
        continue;
      }
      for (const row of rows) {
        const target = await this.targetOf(row);
        if (target === undefined) await this.giveUp(row, 'its webhook secret is not kept across restarts: send again');
        else this.delivery.resume(row, report, target);
      }
    }
  }

  /** The target of a logged delivery; a webhook's secret comes from its schedule (it is not in the log). */
  private async targetOf(row: ReportDeliveryRecord): Promise<DeliveryTarget | undefined> {
    if (row.channel === 'email') return { channel: 'email', address: row.target };
    if (row.scheduleId === null) return undefined;
    const schedule = await this.options.state.definitions.get<ReportSchedule>(
      row.projectId,
      SCHEDULE_KIND,
      row.scheduleId,
    );
    const webhook = schedule?.body.webhooks.find((w) => w.url === row.target);
    return webhook ? { channel: 'webhook', url: webhook.url, secret: webhook.secret } : undefined;
  }

  private async giveUp(row: ReportDeliveryRecord, reason: string): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    await this.options.state.reportDeliveries.update(
      row.id,
      { status: 'failed', attempts: row.attempts, lastError: reason, nextAttemptAt: null, sentAt: null },
      now,
    );
  }
}
