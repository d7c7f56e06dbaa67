// A delivery log row as the API and the CLI show it (and the dashboard reads it): ISO times, null when unset.

import { fail, oneOf } from '../../core/field-check.js';
import type { DeliveryFilter, ReportDeliveryRecord } from '../../state/repositories/report-deliveries.js';
import { formatIsoWeek, parseIsoWeek } from '../iso-week.js';

export interface DeliveryView {
  id: string;
  project: string;
  /** ISO week of the report, e.g. `2026-W47`. */
  week: string;
  /** The schedule whose recipients it went to; null for a send-now to given recipients. */
  schedule: string | null;
  /** `schedule` (a cron run) or `manual` (send now). */
  source: 'schedule' | 'manual';
  channel: 'email' | 'webhook';
  /** The e-mail address or webhook URL. */
  target: string;
  subject: string;
  /** `pending` (first attempt running), `retrying` (waiting for `nextAttemptAt`), `sent` or `failed` (for good). */
  status: 'pending' | 'retrying' | 'sent' | 'failed';
  attempts: number;
  maxAttempts: number;
  /** Why the last attempt failed; null once sent. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function deliveryView(r: ReportDeliveryRecord): DeliveryView {
  return {
    id: r.id,
    project: r.projectId,
    week: r.week,
    schedule: r.scheduleId,
    source: r.source,
    channel: r.channel,
    target: r.target,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    lastError: r.lastError,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    nextAttemptAt: iso(r.nextAttemptAt),
    sentAt: iso(r.sentAt),
  };
}

const STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;

/** Checks a log query (`?week=&status=&limit=`, the CLI's flags); errors name the field. */
export function parseDeliveryFilter(
  projectId: string,
  query: { week?: string | undefined; status?: string | undefined; limit?: string | undefined },
): DeliveryFilter {
  const limit = query.limit === undefined || query.limit === '' ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fail('limit', 'must be a whole number from 1 to 1000');
  return {
    projectId,
    ...(query.week ? { week: formatIsoWeek(parseIsoWeek(query.week, 'week')) } : {}),
    ...(query.status ? { status: oneOf(query.status, 'status', STATUSES) } : {}),
    limit,
  };
}

/** How many of the listed deliveries are in each status (the dashboard's badge). */
export function deliveryCounts(rows: { status: DeliveryView['status'] }[]): Record<DeliveryView['status'], number> {
  const counts = { pending: 0, retrying: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}
