// The schedule editor's draft: what the form holds (recipients as typed text, webhook rows), the JSON the API takes,
// and which control an error the API names belongs to. Pure.

import type { ReportSchedule, ScheduleInput } from '../../api/reports.js';

export interface WebhookDraft {
  url: string;
  /** Empty: keep the saved secret (same URL), or let the server generate one. */
  secret: string;
  /** The saved secret's last characters, for a webhook already saved. */
  secretHint?: string;
}

export interface ScheduleDraft {
  id: string;
  cron: string;
  timeZone: string;
  recipients: string;
  webhooks: WebhookDraft[];
  enabled: boolean;
}

/** Common cron times, offered beside the expression. */
export const CRON_PRESETS: { cron: string; label: string }[] = [
  { cron: '0 8 * * 1', label: 'Mondays 08:00' },
  { cron: '0 7 * * 1', label: 'Mondays 07:00' },
  { cron: '0 9 * * 1', label: 'Mondays 09:00' },
  { cron: '0 18 * * 0', label: 'Sundays 18:00' },
];

export function newScheduleDraft(timeZone: string): ScheduleDraft {
  return { id: 'weekly', cron: '0 8 * * 1', timeZone, recipients: '', webhooks: [], enabled: true };
}

export function draftOf(schedule: ReportSchedule): ScheduleDraft {
  return {
    id: schedule.id,
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    recipients: schedule.recipients.join('\n'),
    webhooks: schedule.webhooks.map((w) => ({ url: w.url, secret: '', secretHint: w.secretHint })),
    enabled: schedule.enabled,
  };
}

/** Addresses typed one a line, or separated by commas or semicolons; blanks dropped, the server checks each. */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** The JSON to save: the id only for a new schedule (a saved one keeps its own), secrets only when typed. */
export function scheduleInputOf(draft: ScheduleDraft, isNew: boolean): ScheduleInput {
  return {
    ...(isNew ? { id: draft.id.trim() } : {}),
    cron: draft.cron.trim(),
    timeZone: draft.timeZone.trim(),
    recipients: parseRecipients(draft.recipients),
    webhooks: draft.webhooks
      .filter((w) => w.url.trim() !== '' || w.secret.trim() !== '')
      .map((w) => ({ url: w.url.trim(), ...(w.secret.trim() !== '' ? { secret: w.secret.trim() } : {}) })),
    enabled: draft.enabled,
  };
}

/**
 * The control an API error belongs to: `cron`, `timeZone`, `id`, `enabled`, `recipients` (any `recipients[i]`: the
 * message says which), `webhooks.<row>.url` or `.secret` (the API counts the rows sent, blank rows were left out),
 * `webhooks`; anything else is the form's.
 */
export function scheduleErrorKey(field: string | undefined, draft: ScheduleDraft): string {
  if (field === undefined) return 'form';
  if (['id', 'cron', 'timeZone', 'enabled', 'webhooks'].includes(field)) return field;
  if (field === 'recipients' || /^recipients\[\d+\]$/.test(field)) return 'recipients';
  const webhook = /^webhooks\[(\d+)\](?:\.(url|secret))?$/.exec(field);
  if (!webhook) return 'form';
  const sent = draft.webhooks.flatMap((w, row) => (w.url.trim() !== '' || w.secret.trim() !== '' ? [row] : []));
  const row = sent[Number(webhook[1])];
  return row === undefined ? 'webhooks' : `webhooks.${row}.${webhook[2] ?? 'url'}`;
}

/** The time zones the browser knows, for the zone field's suggestions. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}
