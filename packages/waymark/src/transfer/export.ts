// Streams events or profiles out as CSV, JSON lines or Parquet, for other tools. Events come straight from the
// warehouse in the requested format; their JSON lines are Segment-spec calls, so an export can be imported again.
// Nothing buffers a whole table: the warehouse streams (Parquet: writes a file that is streamed, see
// parquet-file.ts), and profiles are read from the state store page by page.

import { WaymarkError } from '../core/errors.js';
import type { StateStore } from '../state/state-store.js';
import { resolvedEventsSql } from '../warehouse/identity-sql.js';
import type { QueryParams, Warehouse } from '../warehouse/warehouse.js';
import { parquetBytes } from './parquet-file.js';
import { scratchTable } from './scratch-tables.js';
import { ProfileReader, type ProfileView } from '../profiles/profile-reader.js';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A point in the order events arrived in: received time, then message id to break ties. */
export interface ReceivedMark {
  /** `received_at`, epoch ms. */
  at: number;
  messageId: string;
}

export interface EventExportOptions {
  projectId: string;
  format: ExportFormat;
  /** Inclusive lower bound on event time (epoch ms). */
  from?: number;
  /** Exclusive upper bound on event time (epoch ms). */
  to?: number;
  /** Only events received after `after` and up to `through` (both by received time, then message id), in the
   * order they were received: what an incremental export takes. */
  received?: { after: ReceivedMark; through: ReceivedMark };
}

export function parseExportFormat(value: string | undefined): ExportFormat {
  const v = value ?? 'jsonl';
  if ((EXPORT_FORMATS as readonly string[]).includes(v)) return v as ExportFormat;
  throw new WaymarkError('invalid_request', `format must be one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' });
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
};

const FLAT_COLUMNS = `message_id, type, event, person_id, distinct_id, anonymous_id, user_id,
  timestamp, received_at, channel, source, medium, campaign, term, content, referrer_domain, url, path,
  device_type, os, browser, country, locale, revenue, currency, group_id, previous_id, properties, traits, context`;

/** One Segment-spec call per row, built in the engine so rows never pass through JavaScript objects. */
const SEGMENT_JSON = `concat('{"type":', toJSONString(type),
  ',"messageId":', toJSONString(message_id),
  if(user_id != '', concat(',"userId":', toJSONString(user_id)), ''),
  if(anonymous_id != '', concat(',"anonymousId":', toJSONString(anonymous_id)), ''),
  if(type = 'track', concat(',"event":', toJSONString(event)), ''),
  if(type = 'group', concat(',"traits":', properties), concat(',"properties":', properties)),
  if(type = 'identify', concat(',"traits":', traits), ''),
  ',"context":', context,
  if(group_id != '', concat(',"groupId":', toJSONString(group_id)), ''),
  if(previous_id != '', concat(',"previousId":', toJSONString(previous_id)), ''),
  ',"timestamp":"', replaceOne(toString(timestamp), ' ', 'T'), 'Z"',
  ',"receivedAt":"', replaceOne(toString(received_at), ' ', 'T'), 'Z"',
  ',"waymark":{"personId":', toJSONString(person_id),
  ',"channel":', toJSONString(channel), ',"source":', toJSONString(source), ',"medium":', toJSONString(medium),
  ',"campaign":', toJSONString(campaign), ',"deviceType":', toJSONString(device_type), ',"path":', toJSONString(path),
  ',"revenue":', toString(revenue), '}}') AS line`;

/** The SELECT an events export runs: Segment calls as JSON text for `jsonl`, flat columns otherwise. */
export function eventsExportSql(database: string, options: EventExportOptions): { sql: string; params: QueryParams } {
  const params: QueryParams = { project: options.projectId };
  let where = '';
  if (options.from !== undefined) {
    where += ` AND e.timestamp >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')`;
    params['from'] = options.from;
  }
  if (options.to !== undefined) {
    where += ` AND e.timestamp < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;
    params['to'] = options.to;
  }
  if (options.received) {
    where += ` AND ${receivedBetweenSql('e', params, options.received.after, options.received.through)}`;
  }
  const source = `${resolvedEventsSql(database)}${where}`;
  const select = options.format === 'jsonl' ? SEGMENT_JSON : FLAT_COLUMNS;
  const order = options.received ? 'received_at, message_id' : 'timestamp, message_id';
  return { sql: `SELECT ${select} FROM (${source}) ORDER BY ${order}`, params };
}

export function exportEvents(warehouse: Warehouse, options: EventExportOptions): AsyncIterable<Uint8Array> {
  const { sql, params } = eventsExportSql(warehouse.database, options);
  if (options.format === 'parquet') return parquetBytes(warehouse, sql, params);
  if (options.format === 'jsonl') return warehouse.stream(sql, params, 'TSVRaw');
  return withOneHeader(warehouse.stream(sql, params, 'CSVWithNames'));
}

/**
 * chDB formats each chunk of a result stream on its own, so every chunk of `CSVWithNames` starts with the header
 * line again: keep the first, drop the repeats.
 */
export async function* withOneHeader(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let header: Buffer | undefined;
  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk);
    if (header === undefined) {
      const end = bytes.indexOf(0x0a);
      header = bytes.subarray(0, end + 1);
      yield bytes;
    } else if (header.length > 0 && bytes.subarray(0, header.length).equals(header)) {
      yield bytes.subarray(header.length);
    } else {
      yield bytes;
    }
  }
}

/** `(received_at, message_id)` after `after` and at or before `through` (omitted: no upper bound), bound in `params`. */
export function receivedBetweenSql(
  alias: string,
  params: QueryParams,
  after: ReceivedMark,
  through?: ReceivedMark,
): string {
  params['after_at'] = after.at;
  params['after_id'] = after.messageId;
  let sql = `(${alias}.received_at, ${alias}.message_id) > (fromUnixTimestamp64Milli({after_at:Int64}, 'UTC'), {after_id:String})`;
  if (through) {
    params['through_at'] = through.at;
    params['through_id'] = through.messageId;
    sql += ` AND (${alias}.received_at, ${alias}.message_id) <= (fromUnixTimestamp64Milli({through_at:Int64}, 'UTC'), {through_id:String})`;
  }
  return sql;
}

const PROFILE_CSV_HEADER = [
  'person_id',
  'distinct_ids',
  'identified',
  'first_seen',
  'last_seen',
  'sessions',
  'event_count',
  'revenue',
  'channels',
  'devices',
  'traits',
];

function profileRecord(v: ProfileView): (string | number)[] {
  return [
    v.personId,
    v.distinctIds.join('|'),
    v.identified ? 1 : 0,
    v.firstSeen,
    v.lastSeen,
    v.sessions,
    v.eventCount,
    v.revenue,
    v.channels.join('|'),
    v.devices.map((d) => [d.type, d.os, d.browser].filter(Boolean).join('/')).join('|'),
    JSON.stringify(v.traits),
  ];
}

function csvLine(values: readonly (string | number)[]): string {
  return `${values.map((v) => (typeof v === 'number' ? String(v) : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')}\n`;
}

export async function* exportProfiles(
  state: StateStore,
  warehouse: Warehouse,
  options: {
    projectId: string;
    format: ExportFormat;
    /** Which profiles, in order (default: all of the project's, by person id). */
    profiles?: AsyncIterable<{ personId: string }>;
  },
): AsyncIterable<Uint8Array> {
  const reader = new ProfileReader(state, warehouse);
  const views = async function* (): AsyncIterable<ProfileView> {
    for await (const p of options.profiles ?? state.profiles.scan(options.projectId)) {
      const view = await reader.get(options.projectId, p.personId);
      if (view) yield view;
    }
  };
  if (options.format === 'csv') {
    yield Buffer.from(csvLine(PROFILE_CSV_HEADER));
    let out = '';
    for await (const v of views()) {
      out += csvLine(profileRecord(v));
      if (out.length > 256 * 1024) {
        yield Buffer.from(out);
        out = '';
      }
    }
    if (out !== '') yield Buffer.from(out);
    return;
  }
  if (options.format === 'jsonl') {
    let out = '';
    for await (const v of views()) {
      out += `${JSON.stringify(v)}\n`;
      if (out.length > 256 * 1024) {
        yield Buffer.from(out);
        out = '';
      }
    }
    if (out !== '') yield Buffer.from(out);
    return;
  }
  // Parquet: stage the profiles in a scratch warehouse table and let the engine write the file.
  const table = scratchTable(warehouse, 'profiles');
  await warehouse.command(
    `CREATE TABLE ${table} (person_id String, distinct_ids Array(String), identified UInt8,
      first_seen DateTime64(3, 'UTC'), last_seen DateTime64(3, 'UTC'), sessions UInt32, event_count UInt32,
      revenue Float64, channels Array(String), devices Array(String), traits String)
     ENGINE = MergeTree ORDER BY person_id`,
  );
  try {
    let rows: string[] = [];
    const flush = async (): Promise<void> => {
      if (rows.length === 0) return;
      await warehouse.insertRaw(table, rows.join('\n'));
      rows = [];
    };
    for await (const v of views()) {
      const r = profileRecord(v);
      rows.push(
        JSON.stringify({
          person_id: v.personId,
          distinct_ids: v.distinctIds,
          identified: v.identified ? 1 : 0,
          first_seen: v.firstSeen.replace('T', ' ').replace('Z', ''),
          last_seen: v.lastSeen.replace('T', ' ').replace('Z', ''),
          sessions: v.sessions,
          event_count: v.eventCount,
          revenue: v.revenue,
          channels: v.channels,
          devices: String(r[9]).split('|').filter(Boolean),
          traits: JSON.stringify(v.traits),
        }),
      );
      if (rows.length >= 5_000) await flush();
    }
    await flush();
    yield* parquetBytes(warehouse, `SELECT * FROM ${table} ORDER BY person_id`, {});
  } finally {
    await warehouse.command(`DROP TABLE IF EXISTS ${table}`);
  }
}
