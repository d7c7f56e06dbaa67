// Events to the tab-separated lines the warehouse ingests fastest. A line is built once per event, when it is
// accepted; the durable log stores it as is, and the person id is prefixed when the batch is stored. Tab-separated
// rather than JSON because properties and context are JSON text already: JSON would escape every quote in them,
// which cost more than everything else in ingest; here only backslashes, tabs and newlines need escaping.
// Times travel as epoch milliseconds, which DateTime64(3) reads exactly.

import type { CallType, EventRow, IncomingEvent } from '../core/event.js';
import { EVENT_COLUMNS } from './schema.js';
import type { IdentityRow } from './warehouse.js';

/** Column order of event lines: `person_id` first, so it can be prefixed to a line built before it was known. */
export const INSERT_COLUMNS: readonly (keyof EventRow)[] = [
  'person_id',
  ...EVENT_COLUMNS.filter((c) => c !== 'person_id'),
];

/** A string as a tab-separated field. */
export function tsv(value: string): string {
  // indexOf scans several times faster than a character-class regex, and most fields need no escaping.
  if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
    return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const UNESCAPES: Record<string, string> = {
  '\\': '\\',
  t: '\t',
  n: '\n',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  "'": "'",
};

function untsv(field: string): string {
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c) : field;
}

/** The event as a line without its person: every INSERT_COLUMNS column but the first. */
export function eventLine(e: IncomingEvent): string {
  return (
    `${tsv(e.project_id)}\t${tsv(e.message_id)}\t${e.type}\t${tsv(e.event)}\t${tsv(e.distinct_id)}\t${tsv(e.anonymous_id)}\t` +
    `${tsv(e.user_id)}\t${e.timestamp}\t${e.original_timestamp}\t${e.sent_at === null ? '\\N' : e.sent_at}\t${e.received_at}\t` +
    `${tsv(e.properties)}\t${tsv(e.traits)}\t${tsv(e.context)}\t${tsv(e.group_id)}\t${tsv(e.previous_id)}\t${tsv(e.channel)}\t` +
    `${tsv(e.source)}\t${tsv(e.medium)}\t${tsv(e.campaign)}\t${tsv(e.term)}\t${tsv(e.content)}\t${tsv(e.referrer_domain)}\t` +
    `${tsv(e.url)}\t${tsv(e.path)}\t${tsv(e.device_type)}\t${tsv(e.os)}\t${tsv(e.browser)}\t${tsv(e.country)}\t` +
    `${tsv(e.locale)}\t${e.revenue}\t${tsv(e.currency)}`
  );
}

/** Completes a line from `eventLine` with the event's person. */
export function withPerson(line: string, personId: string): string {
  return `${tsv(personId)}\t${line}`;
}

/** Reads a line from `eventLine` back into an event (after a restart, when only the log's bytes remain). */
export function eventFromLine(line: string): IncomingEvent {
  const v = line.split('\t');
  const str = (i: number): string => untsv(v[i] ?? '');
  const num = (i: number): number => Number(v[i]);
  return {
    project_id: str(0),
    message_id: str(1),
    type: str(2) as CallType,
    event: str(3),
    distinct_id: str(4),
    anonymous_id: str(5),
    user_id: str(6),
    timestamp: num(7),
    original_timestamp: num(8),
    sent_at: v[9] === '\\N' ? null : num(9),
    received_at: num(10),
    properties: str(11),
    traits: str(12),
    context: str(13),
    group_id: str(14),
    previous_id: str(15),
    channel: str(16),
    source: str(17),
    medium: str(18),
    campaign: str(19),
    term: str(20),
    content: str(21),
    referrer_domain: str(22),
    url: str(23),
    path: str(24),
    device_type: str(25),
    os: str(26),
    browser: str(27),
    country: str(28),
    locale: str(29),
    revenue: num(30),
    currency: str(31),
  };
}

export function identitiesToJsonLines(rows: readonly IdentityRow[]): string {
  return rows.map((r) => JSON.stringify([r.project_id, r.distinct_id, r.person_id, r.version])).join('\n');
}
