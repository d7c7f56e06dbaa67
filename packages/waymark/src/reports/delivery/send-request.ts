// What "send now" takes (the API's query and body, the CLI's flags): the week, and whom to send to.

import { fail, id as checkId, list, object, only, text } from '../../core/field-check.js';
import { formatIsoWeek, parseIsoWeek } from '../iso-week.js';
import { checkEmail, checkWebhookUrl } from './schedule.js';

export interface SendRequest {
  /** ISO week; default the last complete week in the project's time zone. */
  week?: string;
  /** Send to this schedule's recipients and webhooks. */
  schedule?: string;
  /** Send to these addresses instead of a schedule's. */
  recipients?: string[];
  /** Send to these webhooks instead of a schedule's; each needs its secret. */
  webhooks?: { url: string; secret: string }[];
}

/** Checks a send-now request; errors name the field (`week`, `recipients[1]`, `webhooks[0].secret`). */
export function parseSendRequest(raw: unknown): SendRequest {
  const v = object(raw ?? {}, 'body');
  only(v, 'body', ['week', 'schedule', 'recipients', 'webhooks']);
  const request: SendRequest = {};
  if (v['week'] !== undefined && v['week'] !== '')
    request.week = formatIsoWeek(parseIsoWeek(text(v['week'], 'week', 10), 'week'));
  if (v['schedule'] !== undefined) request.schedule = checkId(v['schedule'], 'schedule');
  if (v['recipients'] !== undefined) request.recipients = list(v['recipients'], 'recipients', 100, checkEmail);
  if (v['webhooks'] !== undefined)
    request.webhooks = list(v['webhooks'], 'webhooks', 20, (w, field) => {
      const o = object(w, field);
      only(o, field, ['url', 'secret']);
      return { url: checkWebhookUrl(o['url'], `${field}.url`), secret: text(o['secret'], `${field}.secret`, 200) };
    });
  if (request.schedule !== undefined && (request.recipients !== undefined || request.webhooks !== undefined))
    fail('schedule', 'cannot be given together with recipients or webhooks');
  return request;
}
