// A delivery log row as the API and the CLI show it (and the dashboard reads it): ISO times, null when unset.

import type { ReportDeliveryRecord } from '../../state/repositories/report-deliveries.js';

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
