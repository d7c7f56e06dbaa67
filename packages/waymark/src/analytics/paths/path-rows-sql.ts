// Compiles the first half of a paths query: one row per path (person, node names in order, whether it reached the
// end). Each person's events are sorted once in ClickHouse, split into sessions, cut at the start or end event,
// and their consecutive repeats collapsed, all with array functions.

import type { TimeRange } from '../date-range.js';
import type { EventQuery } from '../event-query.js';
import { asStringSql, filterSql, propertyValueSql } from '../property.js';
import type { PathEvent, PathsPlan, PathsSpec } from './paths-spec.js';
import { behaviouralSql } from '../behaviour.js';
import { collapseRepeatsSql, sessionsSql } from './sequence-sql.js';

/** The node standing for the middle of a between-path too long to show whole. */
export const MORE_STEPS = '…';

function matchSql(e: PathEvent | undefined, q: EventQuery): string {
  if (!e) return '0';
  const conditions = [
    `ev.event = ${q.binder.string(e.event)}`,
    ...(e.where ?? []).map((f) => filterSql(f, q.binder, q)),
  ];
  return `toUInt8(${conditions.join(' AND ')})`;
}

/** The node an event becomes: its grouped value after clean-up when it has one, else its event name. */
function nodeSelect(spec: PathsSpec, q: EventQuery): string[] {
  const g = spec.groupBy;
  if (!g) return ['toString(ev.event) AS name'];
  let value = asStringSql(propertyValueSql(g, q.binder, q));
  for (const rule of spec.cleanup ?? []) {
    value = `replaceRegexpAll(${value}, ${q.binder.string(rule.regex)}, ${q.binder.string(rule.replacement)})`;
  }
  const applies = g.events ? `ev.event IN ${q.binder.bind(g.events, 'Array(String)')} AND ` : '';
  return [`${value} AS grouped`, `if(${applies}grouped != '', grouped, toString(ev.event)) AS name`];
}

/** Whether an event may be a node: start and end events always, others unless include/exclude leave them out. */
function keepSql(spec: PathsSpec, q: EventQuery): string {
  const rules = [
    ...(spec.include ? [`ev.event IN ${q.binder.bind(spec.include, 'Array(String)')}`] : []),
    ...(spec.exclude?.length ? [`ev.event NOT IN ${q.binder.bind(spec.exclude, 'Array(String)')}`] : []),
  ];
  return rules.length === 0 ? '1' : `toUInt8(is_start OR is_end OR (${rules.join(' AND ')}))`;
}

/**
 * Events outside include/exclude matter only to find session boundaries; across sessions they can stay unread.
 * Start and end events are always read (their filters are checked per event).
 */
function unsessionedScanSql(spec: PathsSpec, q: EventQuery): string[] {
  const anchors = [spec.start?.event, spec.end?.event].filter((e): e is string => e !== undefined);
  const out: string[] = [];
  if (spec.include) out.push(q.eventIn([...spec.include, ...anchors]));
  const excluded = (spec.exclude ?? []).filter((e) => !anchors.includes(e));
  if (excluded.length > 0) out.push(`ev.event NOT IN ${q.binder.bind(excluded, 'Array(String)')}`);
  return out;
}

/**
 * Per sequence (`seq`: tuples of (t, name, is_start, is_end, keep) in time order): the path and whether it counts.
 * The sequence is cut at its anchors before anything else is copied; start and end events are always kept, so
 * finding them before dropping the other events finds the same ones.
 */
function cutSql(spec: PathsSpec, plan: PathsPlan, q: EventQuery): { select: string[]; where: string } {
  const steps = q.binder.bind(plan.steps, 'Int64');
  const filtering = spec.include !== undefined || (spec.exclude?.length ?? 0) > 0;
  const names = (slice: string): string =>
    `arrayMap(e -> e.2, ${filtering ? `arrayFilter(e -> e.5 = 1, ${slice})` : slice}) AS names`;
  const collapsed = `${collapseRepeatsSql('names')} AS collapsed`;
  switch (plan.mode) {
    case 'from':
      return {
        select: [
          'arrayFirstIndex(e -> e.3 = 1, seq) AS s',
          names('arraySlice(seq, s)'),
          collapsed,
          `arraySlice(collapsed, 1, ${steps}) AS path`,
          'toUInt8(1) AS reached',
        ],
        where: 's > 0',
      };
    case 'to':
      return {
        select: [
          'arrayFirstIndex(e -> e.4 = 1, seq) AS s',
          names('arraySlice(seq, 1, s)'),
          collapsed,
          `arraySlice(collapsed, greatest(1, length(collapsed) - ${steps} + 1)) AS path`,
          'toUInt8(1) AS reached',
        ],
        where: 's > 0',
      };
    case 'between': {
      // Too long a path keeps its beginning and its end around a "…" node, so that every path still ends at the end.
      const tail = Math.floor((plan.steps - 1) / 2);
      const head = plan.steps - 1 - tail;
      return {
        select: [
          'arrayFirstIndex(e -> e.3 = 1, seq) AS s',
          // The first end after the start, counted from the event after the start (0: none).
          'arrayFirstIndex(e -> e.4 = 1, arraySlice(seq, s + 1)) AS f',
          'toUInt8(f > 0) AS reached',
          names('arraySlice(seq, s, f + 1)'),
          collapsed,
          `if(reached, if(length(collapsed) > ${steps}, arrayConcat(arraySlice(collapsed, 1, ${q.binder.bind(head, 'Int64')}), [${q.binder.string(MORE_STEPS)}], arraySlice(collapsed, -${q.binder.bind(tail, 'Int64')})), collapsed), []) AS path`,
        ],
        where: 's > 0',
      };
    }
    case 'all':
      return {
        select: [names('seq'), collapsed, `arraySlice(collapsed, 1, ${steps}) AS path`, 'toUInt8(1) AS reached'],
        where: 'length(names) > 0',
      };
  }
}

/** Rows `(person, path Array(String), reached UInt8)`: one per session (or per person across sessions). */
export function pathRowsSql(q: EventQuery, spec: PathsSpec, plan: PathsPlan, range: TimeRange): string {
  const events = q.sql({
    select: [
      'ev.person_id AS person',
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      ...nodeSelect(spec, q),
      `${matchSql(spec.start, q)} AS is_start`,
      `${matchSql(spec.end, q)} AS is_end`,
      `${keepSql(spec, q)} AS keep`,
    ],
    where: [
      q.timeRange(range.from, range.to),
      behaviouralSql(q.binder, [
        ...(spec.start ? [spec.start.event] : []),
        ...(spec.end ? [spec.end.event] : []),
        ...(spec.include ?? []),
      ]),
      ...(plan.sessionGapMs === null ? unsessionedScanSql(spec, q) : []),
    ],
  });
  // Only persons who did the anchor event can have a path; the others go no further than the grouping.
  const having = {
    from: 'max(is_start) = 1',
    to: 'max(is_end) = 1',
    between: 'max(is_start) = 1',
    all: 'max(keep) = 1',
  }[plan.mode];
  // Sorting whole tuples breaks ties of the same millisecond by name: results never depend on insertion order.
  const persons = `SELECT person, arraySort(groupArray((t, name, is_start, is_end, keep))) AS evs
    FROM (${events}) GROUP BY person HAVING ${having}`;
  const sequences =
    plan.sessionGapMs === null
      ? `SELECT person, evs AS seq FROM (${persons})`
      : `SELECT person, seq FROM (${persons}) ARRAY JOIN ${sessionsSql('evs', plan.sessionGapMs, q.binder)} AS seq`;
  const cut = cutSql(spec, plan, q);
  return `SELECT person, path, reached FROM (SELECT person, ${cut.select.join(', ')} FROM (${sequences})) WHERE ${cut.where}`;
}
