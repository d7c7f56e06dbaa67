// Report schedules: when a project's weekly report goes out (a cron expression in a time zone) and to whom (e-mail
// recipients, webhooks with a signing secret each). Saved in the definitions table, kind `report-schedule`.

import { randomBytes } from 'node:crypto';
import { WaymarkError } from '../../core/errors.js';
import { fail, id as checkId, list, object, only, text } from '../../core/field-check.js';
import type { DefinitionRepository } from '../../state/repositories/definitions.js';
import { checkTimeZone } from '../iso-week.js';
import { checkCron, DEFAULT_CRON, nextRunTimes } from './cron.js';

export const SCHEDULE_KIND = 'report-schedule';
export const DEFAULT_SCHEDULE_ID = 'weekly';
const MAX_RECIPIENTS = 100;
const MAX_WEBHOOKS = 20;

export type ScheduleStore = Pick<DefinitionRepository, 'get' | 'list' | 'put' | 'delete'>;

export interface WebhookTarget {
  url: string;
  /** The HMAC key the receiver verifies `X-Waymark-Signature` with. */
  secret: string;
}

export interface ReportSchedule {
  id: string;
  /** Five-field cron expression, read in `timeZone`. */
  cron: string;
  /** IANA zone the cron expression is read in (default: the project's). */
  timeZone: string;
  /** E-mail addresses; each gets its own message. */
  recipients: string[];
  webhooks: WebhookTarget[];
  enabled: boolean;
  updatedAt: string;
}

/** A schedule as the API shows it: webhook secrets are never sent back, only their last characters. */
export interface PublicReportSchedule extends Omit<ReportSchedule, 'webhooks'> {
  webhooks: { url: string; secretHint: string }[];
  /** The next run times (ISO), empty when disabled. */
  nextRuns: string[];
}

// Deliberately loose: the SMTP server is the judge of deliverability; this catches typos and pasted lists.
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export function checkEmail(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value.trim()))
    fail(
      field,
      `must be an e-mail address such as "team@example.com"${typeof value === 'string' ? `, not "${value}"` : ''}`,
    );
  return value.trim();
}

export function checkWebhookUrl(value: unknown, field: string): string {
  const raw = text(value, field, 2000);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(field, `must be an http:// or https:// URL, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(field, `must be an http:// or https:// URL, not ${url.protocol}`);
  return url.toString();
}

/** A new webhook signing secret. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * Checks a schedule's JSON. Defaults: cron Monday 08:00, the project's time zone, enabled. A webhook given without
 * a secret keeps the one it had in `previous` (same URL) or gets a new one.
 */
export function parseReportSchedule(
  raw: unknown,
  defaults: { id?: string; timeZone: string; previous?: ReportSchedule },
  now: number,
): ReportSchedule {
  const v = object(raw, 'schedule');
  only(v, 'schedule', ['id', 'cron', 'timeZone', 'recipients', 'webhooks', 'enabled']);
  const id = defaults.id ?? (v['id'] === undefined ? DEFAULT_SCHEDULE_ID : checkId(v['id'], 'id'));
  const cron = v['cron'] === undefined ? DEFAULT_CRON : checkCron(v['cron'], 'cron');
  const timeZone = v['timeZone'] === undefined ? defaults.timeZone : checkTimeZone(text(v['timeZone'], 'timeZone', 64));
  const recipients = list(v['recipients'] ?? [], 'recipients', MAX_RECIPIENTS, checkEmail);
  const webhooks = list(v['webhooks'] ?? [], 'webhooks', MAX_WEBHOOKS, (w, field) => {
    const o = object(w, field);
    only(o, field, ['url', 'secret']);
    const url = checkWebhookUrl(o['url'], `${field}.url`);
    if (o['secret'] !== undefined) {
      const secret = text(o['secret'], `${field}.secret`, 200);
      if (secret.length < 16) fail(`${field}.secret`, 'must be at least 16 characters (or leave it out to get one)');
      return { url, secret };
    }
    return { url, secret: defaults.previous?.webhooks.find((p) => p.url === url)?.secret ?? newWebhookSecret() };
  });
  if (recipients.length + webhooks.length === 0)
    fail('recipients', 'must hold at least one e-mail address when there are no webhooks');
  const duplicate = recipients.find((r, i) => recipients.findIndex((x) => x.toLowerCase() === r.toLowerCase()) !== i);
  if (duplicate !== undefined) fail('recipients', `lists "${duplicate}" twice`);
  let enabled = true;
  if (v['enabled'] !== undefined) {
    if (typeof v['enabled'] !== 'boolean') fail('enabled', 'must be true or false');
    enabled = v['enabled'];
  }
  return { id, cron, timeZone, recipients, webhooks, enabled, updatedAt: new Date(now).toISOString() };
}

export function publicSchedule(schedule: ReportSchedule, now: number): PublicReportSchedule {
  return {
    ...schedule,
    webhooks: schedule.webhooks.map((w) => ({ url: w.url, secretHint: `…${w.secret.slice(-4)}` })),
    nextRuns: schedule.enabled
      ? nextRunTimes(schedule.cron, schedule.timeZone, new Date(now), 3).map((d) => d.toISOString())
      : [],
  };
}

export async function listSchedules(store: ScheduleStore, projectId: string): Promise<ReportSchedule[]> {
  return (await store.list<ReportSchedule>(projectId, SCHEDULE_KIND)).map((d) => d.body);
}

export async function getSchedule(store: ScheduleStore, projectId: string, id: string): Promise<ReportSchedule> {
  const found = await store.get<ReportSchedule>(projectId, SCHEDULE_KIND, id);
  if (!found) throw new WaymarkError('not_found', `no report schedule "${id}"`, { field: 'schedule' });
  return found.body;
}

/**
 * Saves a schedule (checked first). `replace: false` refuses an existing id; `replace: true` updates one that
 * exists, keeping webhook secrets that are not given again.
 */
export async function saveSchedule(
  store: ScheduleStore,
  project: { id: string; timeZone: string },
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean },
): Promise<ReportSchedule> {
  const given = object(raw, 'schedule')['id'];
  const id = options.id ?? (given === undefined ? DEFAULT_SCHEDULE_ID : checkId(given, 'id'));
  const previous = (await store.get<ReportSchedule>(project.id, SCHEDULE_KIND, id))?.body;
  if (!options.replace && previous)
    throw new WaymarkError('conflict', `report schedule "${id}" exists already; update it or choose another id`, {
      field: 'id',
    });
  if (options.replace && !previous)
    throw new WaymarkError('not_found', `no report schedule "${id}"`, { field: 'schedule' });
  const schedule = parseReportSchedule(raw, { id, timeZone: project.timeZone, ...(previous ? { previous } : {}) }, now);
  await store.put(project.id, SCHEDULE_KIND, id, schedule, now);
  return schedule;
}

export async function deleteSchedule(store: ScheduleStore, projectId: string, id: string): Promise<void> {
  if (!(await store.delete(projectId, SCHEDULE_KIND, id)))
    throw new WaymarkError('not_found', `no report schedule "${id}"`, { field: 'schedule' });
}
