// Stored membership: a segment's members change over time, and every change is an event of the person,
// `Segment Entered` or `Segment Exited` with the segment's id, stored like any other event (so it shows in the
// profile timeline and can be a funnel step or an automation trigger). The stored members of a segment are the
// persons whose latest such event for it is `Segment Entered`; a refresh compares them with the definition's
// members now and records the differences.

import { ParamBinder } from '../analytics/sql-params.js';
import { EventQuery } from '../analytics/event-query.js';
import type { IncomingEvent } from '../core/event.js';
import { normalizeCall } from '../core/normalize.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { MEMBERSHIP_EVENTS, segmentFactsSql, segmentsFactsSql } from './compile.js';
import type { Condition } from './definition.js';

export const SEGMENT_ENTERED = MEMBERSHIP_EVENTS[0];
export const SEGMENT_EXITED = MEMBERSHIP_EVENTS[1];

/** Where membership events go: the ingest path (durable log, then warehouse and profiles). */
export interface MembershipSink {
  accept(projectId: string, events: IncomingEvent[]): Promise<void>;
  /** Resolves once everything accepted so far is stored. */
  drain(): Promise<void>;
}

export interface RefreshResult {
  segment: string;
  entered: number;
  exited: number;
  size: number;
  at: string;
}

interface Person {
  person_id: string;
  distinct_id: string;
}

/** SQL of the stored members of `segmentId` (bound as a parameter) with a distinct id of each. */
function storedMembersSql(database: string, binder: ParamBinder, segmentId: string): string {
  const q = new EventQuery(database, binder);
  const scan = q.sql({
    select: [
      'ev.person_id AS person_id',
      'argMax(ev.event, ev.timestamp) AS last_change',
      'argMax(ev.distinct_id, ev.timestamp) AS distinct_id',
    ],
    where: [
      `ev.event IN ${binder.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `JSONExtractString(ev.properties, 'segment_id') = ${binder.string(segmentId)}`,
    ],
  });
  return `SELECT person_id, distinct_id FROM (${scan} GROUP BY person_id) WHERE last_change = ${binder.string(SEGMENT_ENTERED)}`;
}

/** The persons the stored membership of a segment holds now. */
export async function storedMembers(warehouse: Warehouse, projectId: string, segmentId: string): Promise<string[]> {
  const binder = new ParamBinder(projectId);
  const rows = await warehouse.query<Person>(storedMembersSql(warehouse.database, binder, segmentId), binder.params);
  return rows.map((r) => r.person_id).sort();
}

/** A membership event for one person, as the ingest path takes it. */
function membershipEvent(
  projectId: string,
  kind: typeof SEGMENT_ENTERED | typeof SEGMENT_EXITED,
  segment: { id: string; name: string },
  person: Person,
  now: number,
): IncomingEvent {
  const result = normalizeCall(
    {
      type: 'track',
      event: kind,
      anonymousId: person.distinct_id,
      properties: { segment_id: segment.id, segment_name: segment.name },
      timestamp: new Date(now).toISOString(),
      // One change per person, segment and moment: a retried refresh stores it once.
      messageId: `segment:${segment.id}:${person.person_id}:${kind === SEGMENT_ENTERED ? 'in' : 'out'}:${now}`,
    },
    { projectId, receivedAt: now, correctSkew: false, newMessageId: () => '' },
  );
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Evaluates the segment at `now`, compares with its stored members and records who entered and who exited as
 * events. Waits until they are stored, so that the next refresh starts from them.
 */
export async function refreshSegment(
  warehouse: Warehouse,
  sink: MembershipSink,
  projectId: string,
  segment: { id: string; name: string; condition: Condition },
  now: number,
): Promise<RefreshResult> {
  const binder = new ParamBinder(projectId);
  const { facts, member } = segmentFactsSql(warehouse.database, binder, segment.condition, now, { distinctId: true });
  const [current, stored] = await Promise.all([
    warehouse.query<Person>(`SELECT person_id, distinct_id FROM (${facts}) WHERE ${member}`, binder.params),
    warehouse.query<Person>(storedMembersSql(warehouse.database, binder, segment.id), binder.params),
  ]);
  const currentIds = new Set(current.map((p) => p.person_id));
  const storedIds = new Set(stored.map((p) => p.person_id));
  const entered = current.filter((p) => !storedIds.has(p.person_id));
  const exited = stored.filter((p) => !currentIds.has(p.person_id));
  const events = [
    ...entered.map((p) => membershipEvent(projectId, SEGMENT_ENTERED, segment, p, now)),
    ...exited.map((p) => membershipEvent(projectId, SEGMENT_EXITED, segment, p, now)),
  ];
  for (let i = 0; i < events.length; i += 5_000) await sink.accept(projectId, events.slice(i, i + 5_000));
  if (events.length > 0) await sink.drain();
  return {
    segment: segment.id,
    entered: entered.length,
    exited: exited.length,
    size: current.length,
    at: new Date(now).toISOString(),
  };
}

/**
 * Real-time refresh of several segments for a few persons (all distinct ids of each): one query evaluates every
 * segment for them, one reads their stored membership of every segment, and the differences are recorded.
 * Segments whose members depend on other persons (RFM) must not be passed here: see `comparesPersons`.
 */
export async function refreshPersons(
  warehouse: Warehouse,
  sink: MembershipSink,
  projectId: string,
  segments: readonly { id: string; name: string; condition: Condition }[],
  now: number,
  distinctIds: readonly string[],
): Promise<{ entered: number; exited: number }> {
  if (segments.length === 0 || distinctIds.length === 0) return { entered: 0, exited: 0 };
  const binder = new ParamBinder(projectId);
  const { facts, members } = segmentsFactsSql(
    warehouse.database,
    binder,
    segments.map((s) => s.condition),
    now,
    { distinctId: true, distinctIds },
  );
  const ids = binder.bind(
    segments.map((s) => s.id),
    'Array(String)',
  );
  const q = new EventQuery(warehouse.database, binder);
  const storedScan = q.sql({
    select: [
      'ev.person_id AS person_id',
      "JSONExtractString(ev.properties, 'segment_id') AS segment_id",
      'argMax(ev.event, ev.timestamp) AS last_change',
    ],
    where: [
      `ev.event IN ${binder.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `ev.distinct_id IN ${binder.bind(distinctIds, 'Array(String)')}`,
      `JSONExtractString(ev.properties, 'segment_id') IN ${ids}`,
    ],
  });
  const [current, stored] = await Promise.all([
    warehouse.query<Person & { flags: number[] }>(
      `SELECT person_id, distinct_id, [${members.map((m) => `toUInt8(${m})`).join(', ')}] AS flags FROM (${facts})`,
      binder.params,
    ),
    warehouse.query<{ person_id: string; segment_id: string }>(
      `SELECT person_id, segment_id FROM (${storedScan} GROUP BY person_id, segment_id)
       WHERE last_change = ${binder.string(SEGMENT_ENTERED)}`,
      binder.params,
    ),
  ]);
  const storedKeys = new Set(stored.map((r) => `${r.person_id}\u0000${r.segment_id}`));
  const events: IncomingEvent[] = [];
  let entered = 0;
  let exited = 0;
  for (const person of current) {
    segments.forEach((segment, i) => {
      const isMember = person.flags[i] === 1;
      const key = `${person.person_id}\u0000${segment.id}`;
      const was = storedKeys.has(key);
      storedKeys.delete(key);
      if (isMember && !was) {
        entered += 1;
        events.push(membershipEvent(projectId, SEGMENT_ENTERED, segment, person, now));
      } else if (!isMember && was) {
        exited += 1;
        events.push(membershipEvent(projectId, SEGMENT_EXITED, segment, person, now));
      }
    });
  }
  for (let i = 0; i < events.length; i += 5_000) await sink.accept(projectId, events.slice(i, i + 5_000));
  if (events.length > 0) await sink.drain();
  return { entered, exited };
}
