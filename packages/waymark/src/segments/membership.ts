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
import { MEMBERSHIP_EVENTS, segmentsFactsSql } from './compile.js';
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

interface StoredMember extends Person {
  segment_id: string;
}

/**
 * SQL of the stored members of these segments (the persons whose latest membership event for a segment is
 * `Segment Entered`), with a distinct id of each; only the persons with `distinctIds` when given.
 */
function storedMembersSql(
  database: string,
  binder: ParamBinder,
  segmentIds: readonly string[],
  distinctIds?: readonly string[],
): string {
  const q = new EventQuery(database, binder);
  const scan = q.sql({
    select: [
      'ev.person_id AS person_id',
      "JSONExtractString(ev.properties, 'segment_id') AS segment_id",
      'argMax(ev.event, ev.timestamp) AS last_change',
      'argMax(ev.distinct_id, ev.timestamp) AS distinct_id',
    ],
    where: [
      `ev.event IN ${binder.bind([...MEMBERSHIP_EVENTS], 'Array(String)')}`,
      `JSONExtractString(ev.properties, 'segment_id') IN ${binder.bind(segmentIds, 'Array(String)')}`,
      ...(distinctIds ? [`ev.distinct_id IN ${binder.bind(distinctIds, 'Array(String)')}`] : []),
    ],
  });
  return `SELECT person_id, segment_id, distinct_id FROM (${scan} GROUP BY person_id, segment_id)
    WHERE last_change = ${binder.string(SEGMENT_ENTERED)}`;
}

/** Every stored membership of a project's segments: pairs of person and segment. */
export async function allStoredMembers(
  warehouse: Warehouse,
  projectId: string,
  segmentIds: readonly string[],
): Promise<{ personId: string; segmentId: string }[]> {
  if (segmentIds.length === 0) return [];
  const binder = new ParamBinder(projectId);
  const rows = await warehouse.query<StoredMember>(
    storedMembersSql(warehouse.database, binder, segmentIds),
    binder.params,
  );
  return rows.map((r) => ({ personId: r.person_id, segmentId: r.segment_id }));
}

/** The persons the stored membership of a segment holds now. */
export async function storedMembers(warehouse: Warehouse, projectId: string, segmentId: string): Promise<string[]> {
  const binder = new ParamBinder(projectId);
  const rows = await warehouse.query<StoredMember>(
    storedMembersSql(warehouse.database, binder, [segmentId]),
    binder.params,
  );
  return rows.map((r) => r.person_id).sort();
}

let lastStamp = 0;

/**
 * The time membership changes evaluated at `now` are recorded at: `now`, or 1 ms after the previous record when the
 * clock has not moved on, so that a person's latest change for a segment is never tied with an earlier one (the
 * stored members are the latest change per person: a tie would make them depend on the order rows are read in).
 */
function membershipStamp(now: number): number {
  lastStamp = Math.max(now, lastStamp + 1);
  return lastStamp;
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

type Segment = { id: string; name: string; condition: Condition };

/** When a person's membership may next change with no new event (a sliding window's oldest event ages out). */
export interface NextChange {
  personId: string;
  at: number;
}

/** One recorded change: a person entered (or left) a segment. */
export interface MembershipChange {
  personId: string;
  segmentId: string;
  entered: boolean;
}

export interface MembershipUpdate {
  results: RefreshResult[];
  changes: MembershipChange[];
  /** The persons looked at whose membership may change by itself before `now + changesWithinMs`. */
  nextChanges: NextChange[];
}

/**
 * Evaluates segments at `now` (one query for all of them), compares with their stored members (one query) and
 * records who entered and who exited as events. With `distinctIds`, only those persons are looked at (the real-time
 * path: all distinct ids of each person). Segments whose members depend on other persons (RFM) must be refreshed
 * whole: see `comparesPersons`. Waits until the events are stored, so that the next refresh starts from them.
 * With `changesWithinMs`, also tells which persons may enter or leave by themselves within that time, and when.
 */
export async function recordMembership(
  warehouse: Warehouse,
  sink: MembershipSink,
  projectId: string,
  segments: readonly Segment[],
  now: number,
  options: { distinctIds?: readonly string[]; changesWithinMs?: number } = {},
): Promise<MembershipUpdate> {
  const { distinctIds, changesWithinMs } = options;
  const results = segments.map((s) => ({
    segment: s.id,
    entered: 0,
    exited: 0,
    size: 0,
    at: new Date(now).toISOString(),
  }));
  const nextChanges: NextChange[] = [];
  const changes: MembershipChange[] = [];
  if (segments.length === 0 || distinctIds?.length === 0) return { results, changes, nextChanges };
  const binder = new ParamBinder(projectId);
  const withChanges = changesWithinMs !== undefined && changesWithinMs > 0;
  const { facts, members } = segmentsFactsSql(
    warehouse.database,
    binder,
    segments.map((s) => s.condition),
    now,
    { distinctId: true, nextChange: withChanges, ...(distinctIds ? { distinctIds } : {}) },
  );
  const flags = `[${members.map((m) => `toUInt8(${m})`).join(', ')}]`;
  const until = withChanges ? binder.bind(now + (changesWithinMs as number), 'Int64') : '';
  const [current, stored] = await Promise.all([
    warehouse.query<Person & { flags: number[]; next_change?: number | string }>(
      withChanges
        ? `SELECT person_id, distinct_id, ${flags} AS flags, next_change FROM (${facts})
            WHERE has(flags, 1) OR (next_change > 0 AND next_change <= ${until})`
        : `SELECT person_id, distinct_id, ${flags} AS flags FROM (${facts}) WHERE has(flags, 1)`,
      binder.params,
    ),
    warehouse.query<StoredMember>(
      storedMembersSql(
        warehouse.database,
        binder,
        segments.map((s) => s.id),
        distinctIds,
      ),
      binder.params,
    ),
  ]);
  if (withChanges) {
    const limit = now + (changesWithinMs as number);
    for (const person of current) {
      const at = Number(person.next_change ?? 0);
      if (at > now && at <= limit) nextChanges.push({ personId: person.person_id, at });
    }
  }
  const stamp = membershipStamp(now);
  const storedKeys = new Map(stored.map((r) => [`${r.person_id}\u0000${r.segment_id}`, r]));
  const events: IncomingEvent[] = [];
  for (const person of current) {
    segments.forEach((segment, i) => {
      const key = `${person.person_id}\u0000${segment.id}`;
      const was = storedKeys.delete(key);
      if (person.flags[i] === 1) {
        (results[i] as RefreshResult).size += 1;
        if (!was) {
          (results[i] as RefreshResult).entered += 1;
          events.push(membershipEvent(projectId, SEGMENT_ENTERED, segment, person, stamp));
          changes.push({ personId: person.person_id, segmentId: segment.id, entered: true });
        }
      } else if (was) {
        (results[i] as RefreshResult).exited += 1;
        events.push(membershipEvent(projectId, SEGMENT_EXITED, segment, person, stamp));
        changes.push({ personId: person.person_id, segmentId: segment.id, entered: false });
      }
    });
  }
  // Stored members who are no member of anything now (so not among `current`) left.
  const index = new Map(segments.map((s, i) => [s.id, i]));
  for (const left of storedKeys.values()) {
    const i = index.get(left.segment_id) as number;
    (results[i] as RefreshResult).exited += 1;
    events.push(membershipEvent(projectId, SEGMENT_EXITED, segments[i] as Segment, left, stamp));
    changes.push({ personId: left.person_id, segmentId: left.segment_id, entered: false });
  }
  for (let i = 0; i < events.length; i += 5_000) await sink.accept(projectId, events.slice(i, i + 5_000));
  if (events.length > 0) await sink.drain();
  return { results, changes, nextChanges };
}

/** Refreshes one whole segment: `recordMembership` for all persons. */
export async function refreshSegment(
  warehouse: Warehouse,
  sink: MembershipSink,
  projectId: string,
  segment: Segment,
  now: number,
): Promise<RefreshResult> {
  const { results } = await recordMembership(warehouse, sink, projectId, [segment], now);
  return results[0] as RefreshResult;
}
