// Segments as a library: check a definition, count and list its members at a point in time, and keep saved
// segments per project (in the state store's definitions). Membership is computed from the events each time it is
// asked for, so it always agrees with the data; stored membership with entered/exited times comes next.

import { ParamBinder } from '../analytics/sql-params.js';
import { DEFAULT_STAGE_MAP, savedStageMap } from '../analytics/stages/stage-map.js';
import { WaymarkError } from '../core/errors.js';
import { CsvReader } from '../transfer/csv.js';
import type { Profile } from '../core/profile.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { segmentFactsSql } from './compile.js';
import { parseSegmentDefinition } from './definition-check.js';
import { MAX_LIST, type Condition, type SegmentDefinition } from './definition.js';

/** The kind saved segments are stored under in the state store's definitions. */
export const SEGMENT_KIND = 'segment';

/** Reads saved segments: the state store's definitions. */
export interface SegmentReader {
  get<T>(projectId: string, kind: string, id: string): Promise<{ body: T } | undefined>;
}

/**
 * Replaces every `{ "segment": id }` by that saved segment's own condition, recursively, so that membership of a
 * segment always follows its current definition. `inside` lists the segments being expanded (cycles are refused).
 */
export async function resolveSegmentRefs(
  reader: SegmentReader,
  projectId: string,
  c: Condition,
  inside: readonly string[] = [],
): Promise<Condition> {
  const walk = (c: Condition): Promise<Condition> => resolveSegmentRefs(reader, projectId, c, inside);
  if ('and' in c) return { and: await Promise.all(c.and.map(walk)) };
  if ('or' in c) return { or: await Promise.all(c.or.map(walk)) };
  if ('not' in c) return { not: await walk(c.not) };
  if ('stage' in c)
    return { stage: { ...c.stage, map: (await savedStageMap(reader, projectId)) ?? [...DEFAULT_STAGE_MAP] } };
  if (!('segment' in c)) return c;
  const id = c.segment;
  if (inside.includes(id))
    throw new WaymarkError('invalid_request', `segment "${id}" refers to itself (${[...inside, id].join(' > ')})`, {
      field: 'condition',
    });
  if (inside.length >= 10)
    throw new WaymarkError(
      'invalid_request',
      `segments refer to each other more than 10 deep (${inside.join(' > ')})`,
      {
        field: 'condition',
      },
    );
  const saved = await reader.get<SegmentDefinition>(projectId, SEGMENT_KIND, id);
  if (!saved) throw new WaymarkError('not_found', `no segment "${id}" in this project`, { field: 'condition' });
  return resolveSegmentRefs(reader, projectId, saved.body.condition, [...inside, id]);
}

export interface SegmentPreview {
  /** Members at `at`. */
  size: number;
  /** Persons seen before `at`, members or not. */
  persons: number;
  /** size / persons. */
  share: number;
  /** Up to `sample` member person ids. */
  sample: string[];
  at: string;
}

export async function previewSegment(
  warehouse: Warehouse,
  projectId: string,
  condition: Condition,
  now: number,
  sample = 10,
): Promise<SegmentPreview> {
  const binder = new ParamBinder(projectId);
  const { facts, member } = segmentFactsSql(warehouse.database, binder, condition, now);
  // An aggregate's parameter must be a literal: a whole number checked here, never text from outside.
  const n = Math.max(0, Math.min(1000, Math.trunc(sample)));
  const [row] = await warehouse.query<{ size: number; persons: number; sample: string[] }>(
    `SELECT countIf(${member}) AS size, count() AS persons, ${n > 0 ? `groupArrayIf(${n})(person_id, ${member})` : '[]'} AS sample
     FROM (${facts})`,
    binder.params,
  );
  const size = row?.size ?? 0;
  const persons = row?.persons ?? 0;
  return {
    size,
    persons,
    share: persons === 0 ? 0 : size / persons,
    sample: row?.sample ?? [],
    at: new Date(now).toISOString(),
  };
}

/** The most members one call returns (the CSV export asks for all of them up to this). */
export const MAX_MEMBERS = 10_000_000;

export interface SegmentMembers {
  size: number;
  offset: number;
  members: string[];
  at: string;
}

/** A page of members (person ids in a stable order) and the segment's size. */
export async function segmentMembers(
  warehouse: Warehouse,
  projectId: string,
  condition: Condition,
  now: number,
  page: { limit: number; offset: number },
): Promise<SegmentMembers> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_MEMBERS)
    throw new WaymarkError('invalid_request', `limit must be a whole number from 1 to ${MAX_MEMBERS}`, {
      field: 'limit',
    });
  if (!Number.isInteger(page.offset) || page.offset < 0)
    throw new WaymarkError('invalid_request', 'offset must be a whole number, 0 or more', { field: 'offset' });
  const binder = new ParamBinder(projectId);
  const { facts, member } = segmentFactsSql(warehouse.database, binder, condition, now);
  const members = `SELECT person_id FROM (${facts}) WHERE ${member}`;
  const [rows, sizes] = await Promise.all([
    warehouse.query<{ person_id: string }>(
      `${members} ORDER BY person_id LIMIT ${binder.bind(page.limit, 'Int64')} OFFSET ${binder.bind(page.offset, 'Int64')}`,
      binder.params,
    ),
    warehouse.query<{ n: number }>(`SELECT count() AS n FROM (${members})`, binder.params),
  ]);
  return {
    size: sizes[0]?.n ?? 0,
    offset: page.offset,
    members: rows.map((r) => r.person_id),
    at: new Date(now).toISOString(),
  };
}

/** A member as a list shows it: who (email, name from the latest traits), how recent and how valuable. */
export interface MemberRow {
  personId: string;
  email: string | null;
  name: string | null;
  lastSeen: string | null;
  revenue: number;
}

/** Adds profile facts to member ids, in their order (persons without a profile yet get nulls). */
export async function memberRows(
  profiles: { get(projectId: string, personIds: readonly string[]): Promise<Map<string, Profile>> },
  projectId: string,
  personIds: readonly string[],
): Promise<MemberRow[]> {
  const found = await profiles.get(projectId, personIds);
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return personIds.map((personId) => {
    const p = found.get(personId);
    const trait = (key: string): unknown => p?.traits[key]?.value;
    const name =
      text(trait('name')) ?? ([text(trait('first_name')), text(trait('last_name'))].filter(Boolean).join(' ') || null);
    return {
      personId,
      email: text(trait('email')),
      name,
      lastSeen: p && p.lastSeen > 0 ? new Date(p.lastSeen).toISOString() : null,
      revenue: p?.revenue ?? 0,
    };
  });
}

export interface SavedSegment extends SegmentDefinition {
  id: string;
  updatedAt: string;
}

/** Where saved segments live: the state store's definitions (kind `segment`). */
export interface SegmentStore {
  get<T>(projectId: string, kind: string, id: string): Promise<{ body: T; updatedAt: number } | undefined>;
  list<T>(projectId: string, kind: string): Promise<{ id: string; body: T; updatedAt: number }[]>;
  put(projectId: string, kind: string, id: string, body: unknown, now: number): Promise<void>;
  delete(projectId: string, kind: string, id: string): Promise<boolean>;
}

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Ids that would shadow routes under /api/segments/. */
const RESERVED_IDS = ['preview', 'templates', 'status'];

/** A segment id from its name: `Repeat buyers (EU)` -> `repeat-buyers-eu`. */
export function segmentIdFor(name: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return id === '' ? 'segment' : id;
}

export async function getSegment(store: SegmentStore, projectId: string, id: string): Promise<SavedSegment> {
  const found = await store.get<SegmentDefinition>(projectId, SEGMENT_KIND, id);
  if (!found) throw new WaymarkError('not_found', `no segment "${id}"`, { field: 'segment' });
  return { id, ...found.body, updatedAt: new Date(found.updatedAt).toISOString() };
}

export async function listSegments(store: SegmentStore, projectId: string): Promise<SavedSegment[]> {
  const rows = await store.list<SegmentDefinition>(projectId, SEGMENT_KIND);
  return rows.map((r) => ({ id: r.id, ...r.body, updatedAt: new Date(r.updatedAt).toISOString() }));
}

/**
 * Creates (`replace: false`, the id must be free) or replaces a saved segment after checking its definition.
 * The id is `raw.id` or derived from the name.
 */
export async function saveSegment(
  store: SegmentStore,
  projectId: string,
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean },
): Promise<SavedSegment> {
  const definition = parseSegmentDefinition(raw);
  const given = options.id ?? (raw as { id?: unknown }).id;
  if (given !== undefined && (typeof given !== 'string' || !ID.test(given)))
    throw new WaymarkError('invalid_request', 'id must be 1 to 64 of a-z, 0-9, "-" and "_"', { field: 'id' });
  const id = (given as string | undefined) ?? segmentIdFor(definition.name);
  if (RESERVED_IDS.includes(id))
    throw new WaymarkError('invalid_request', `"${id}" is a reserved word; choose another id`, { field: 'id' });
  const existing = await store.get(projectId, SEGMENT_KIND, id);
  if (!options.replace && existing)
    throw new WaymarkError('conflict', `a segment "${id}" exists already; choose another id or update it`, {
      field: 'id',
    });
  if (options.replace && !existing) throw new WaymarkError('not_found', `no segment "${id}"`, { field: 'segment' });
  // References to other segments must exist and must not lead back here.
  await resolveSegmentRefs(store, projectId, definition.condition, [id]);
  await store.put(projectId, SEGMENT_KIND, id, definition, now);
  return { id, ...definition, updatedAt: new Date(now).toISOString() };
}

/** Whether a condition tree mentions segment `id` directly. */
function mentions(c: Condition, id: string): boolean {
  if ('and' in c) return c.and.some((x) => mentions(x, id));
  if ('or' in c) return c.or.some((x) => mentions(x, id));
  if ('not' in c) return mentions(c.not, id);
  return 'segment' in c && c.segment === id;
}

/**
 * Deletes a saved segment; refused (409) while other segments are defined with it. Its recorded membership is the
 * caller's to close (RealtimeSegments.retire), so that a new segment with the same id starts with no members.
 */
export async function deleteSegment(store: SegmentStore, projectId: string, id: string): Promise<SavedSegment> {
  const segment = await getSegment(store, projectId, id);
  const users = (await listSegments(store, projectId))
    .filter((s) => s.id !== id && mentions(s.condition, id))
    .map((s) => `segment "${s.id}"`);
  // Slots and experiments target segments too (personalization/definitions.ts).
  const needle = JSON.stringify({ segment: id }).slice(1, -1);
  for (const kind of ['slot', 'experiment']) {
    for (const d of await store.list(projectId, kind))
      if (JSON.stringify(d.body).includes(needle)) users.push(`${kind} "${d.id}"`);
  }
  if (users.length > 0)
    throw new WaymarkError('conflict', `segment "${id}" is used by ${users.join(', ')}: change or delete those first`, {
      field: 'segment',
    });
  await store.delete(projectId, SEGMENT_KIND, id);
  return segment;
}

/**
 * The distinct ids of a static segment from CSV text with a header row: the values of `column` (default: the first
 * column), trimmed, empty ones skipped, each once.
 */
export function idsFromCsv(text: string, column?: string): string[] {
  const rows: string[][] = [];
  const reader = new CsvReader();
  reader.push(text, rows);
  reader.end(rows);
  const [header, ...records] = rows;
  if (!header)
    throw new WaymarkError('invalid_request', 'the CSV is empty: it needs a header row and ids', { field: 'csv' });
  const index = column === undefined ? 0 : header.findIndex((h) => h.trim() === column);
  if (index < 0)
    throw new WaymarkError(
      'invalid_request',
      `the CSV has no column "${column}"; its columns are ${header.join(', ')}`,
      {
        field: 'column',
      },
    );
  const ids = [...new Set(records.map((r) => (r[index] ?? '').trim()).filter((v) => v !== ''))];
  if (ids.length === 0)
    throw new WaymarkError('invalid_request', 'the CSV has no ids under its header', { field: 'csv' });
  if (ids.length > MAX_LIST)
    throw new WaymarkError(
      'invalid_request',
      `the CSV has ${ids.length} ids; a static segment holds at most ${MAX_LIST}`,
      {
        field: 'csv',
      },
    );
  return ids;
}
