// The delivery log of weekly reports: one row per report sent to one e-mail address or webhook, updated after each
// attempt. Unfinished rows (pending, retrying) are what a restarted server resumes.

import type { Kysely, Selectable } from 'kysely';
import type { ReportDeliveriesTable, StateSchema } from '../schema.js';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'retrying' | 'sent' | 'failed';
export type DeliverySource = 'schedule' | 'manual';

export interface ReportDeliveryRecord {
  id: string;
  projectId: string;
  week: string;
  scheduleId: string | null;
  source: DeliverySource;
  channel: DeliveryChannel;
  target: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  nextAttemptAt: number | null;
  sentAt: number | null;
}

export type DeliveryUpdate = Pick<
  ReportDeliveryRecord,
  'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt'
>;

export interface DeliveryFilter {
  projectId: string;
  week?: string;
  status?: DeliveryStatus;
  /** Newest first, at most this many (default 100). */
  limit?: number;
}

const fromRow = (r: Selectable<ReportDeliveriesTable>): ReportDeliveryRecord => ({
  id: r.id,
  projectId: r.project_id,
  week: r.week,
  scheduleId: r.schedule_id,
  source: r.source as DeliverySource,
  channel: r.channel as DeliveryChannel,
  target: r.target,
  subject: r.subject,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
  lastError: r.last_error,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
  sentAt: r.sent_at === null ? null : Number(r.sent_at),
});

export class ReportDeliveryRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  async create(record: ReportDeliveryRecord): Promise<void> {
    await this.db
      .insertInto('report_deliveries')
      .values({
        id: record.id,
        project_id: record.projectId,
        week: record.week,
        schedule_id: record.scheduleId,
        source: record.source,
        channel: record.channel,
        target: record.target,
        subject: record.subject,
        status: record.status,
        attempts: record.attempts,
        max_attempts: record.maxAttempts,
        last_error: record.lastError,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        next_attempt_at: record.nextAttemptAt,
        sent_at: record.sentAt,
      })
      .execute();
  }

  /** Records the outcome of an attempt. */
  async update(id: string, change: DeliveryUpdate, now: number): Promise<void> {
    await this.db
      .updateTable('report_deliveries')
      .set({
        status: change.status,
        attempts: change.attempts,
        last_error: change.lastError,
        next_attempt_at: change.nextAttemptAt,
        sent_at: change.sentAt,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async get(id: string): Promise<ReportDeliveryRecord | undefined> {
    const row = await this.db.selectFrom('report_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /** A project's deliveries, newest first. */
  async list(filter: DeliveryFilter): Promise<ReportDeliveryRecord[]> {
    let query = this.db.selectFrom('report_deliveries').selectAll().where('project_id', '=', filter.projectId);
    if (filter.week !== undefined) query = query.where('week', '=', filter.week);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(fromRow);
  }

  /** Deliveries of every project still waiting for an attempt (pending or retrying), oldest first. */
  async unfinished(): Promise<ReportDeliveryRecord[]> {
    const rows = await this.db
      .selectFrom('report_deliveries')
      .selectAll()
      .where('status', 'in', ['pending', 'retrying'])
      .orderBy('created_at')
      .execute();
    return rows.map(fromRow);
  }

  /**
   * The targets a schedule's runs have delivered a week to, or are delivering to (not counting failures), so that a
   * second run for the same week (a restart, a schedule firing daily) does not send the report twice.
   */
  async scheduledTargets(
    projectId: string,
    scheduleId: string,
    week: string,
  ): Promise<{ channel: string; target: string }[]> {
    return this.db
      .selectFrom('report_deliveries')
      .select(['channel', 'target'])
      .where('project_id', '=', projectId)
      .where('schedule_id', '=', scheduleId)
      .where('source', '=', 'schedule')
      .where('week', '=', week)
      .where('status', '!=', 'failed')
      .execute();
  }
}
