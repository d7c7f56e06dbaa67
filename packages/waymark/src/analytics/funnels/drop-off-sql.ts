// SQL of the drop-off analysis, over a cohort of persons bound as arrays (person, group, entry time, last step time,
// window end): what dropped persons did next, and how the two groups' channels, devices and traits differ. Pure.

import { behaviouralSql } from '../behaviour.js';
import { EventQuery } from '../event-query.js';
import type { ParamBinder } from '../sql-params.js';

export interface CohortMember {
  personId: string;
  /** 1: dropped off at the step; 0: reached it. */
  dropped: 0 | 1;
  entry: number;
  lastStep: number;
  windowEnd: number;
}

/** Event columns compared between the groups: each person's last non-empty value at or before entering. */
export const EVENT_DIMENSIONS: readonly [name: string, column: string][] = [
  ['$channel', 'channel'],
  ['$utm_source', 'source'],
  ['$utm_campaign', 'campaign'],
  ['$device_type', 'device_type'],
  ['$browser', 'browser'],
  ['$country', 'country'],
];

function cohortSql(members: readonly CohortMember[], binder: ParamBinder): string {
  const ids = binder.bind(
    members.map((m) => m.personId),
    'Array(String)',
  );
  const groups = binder.bind(
    members.map((m) => m.dropped),
    'Array(Float64)',
  );
  const entries = binder.bind(
    members.map((m) => m.entry),
    'Array(Float64)',
  );
  const last = binder.bind(
    members.map((m) => m.lastStep),
    'Array(Float64)',
  );
  const ends = binder.bind(
    members.map((m) => m.windowEnd),
    'Array(Float64)',
  );
  return `SELECT c.1 AS person_id, toUInt8(c.2) AS dropped, toInt64(c.3) AS entry, toInt64(c.4) AS last_step, toInt64(c.5) AS window_end
    FROM (SELECT arrayJoin(arrayZip(${ids}, ${groups}, ${entries}, ${last}, ${ends})) AS c)`;
}

/** Top events dropped persons did first after their last step, within their window; '' = nothing. */
export function nextEventsSql(
  database: string,
  binder: ParamBinder,
  members: readonly CohortMember[],
  from: number,
  to: number,
  limit: number,
): string {
  const q = new EventQuery(database, binder);
  const events = q.sql({
    select: ['ev.person_id AS person_id', 'toUnixTimestamp64Milli(ev.timestamp) AS t', 'ev.event AS event'],
    where: [q.timeRange(from, to), behaviouralSql(binder)],
  });
  const dropped = members.filter((m) => m.dropped === 1);
  return `SELECT next, count() AS persons FROM (
    SELECT c.person_id AS person_id, argMinIf(e.event, e.t, e.t > c.last_step AND e.t <= c.window_end) AS next
    FROM (${cohortSql(dropped, binder)}) AS c
    LEFT JOIN (${events}) AS e ON e.person_id = c.person_id
    GROUP BY c.person_id)
  GROUP BY next ORDER BY persons DESC, next LIMIT ${binder.bind(limit, 'Int64')}`;
}

/** Persons per (dimension, value) in each group: event dimensions at entry, and traits with few distinct values. */
export function dimensionsSql(
  database: string,
  binder: ParamBinder,
  members: readonly CohortMember[],
  from: number,
  to: number,
  maxTraitValues: number,
): string {
  const q = new EventQuery(database, binder);
  const events = q.sql({
    select: [
      'ev.person_id AS person_id',
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      'ev.traits AS traits',
      ...EVENT_DIMENSIONS.map(([, column]) => `ev.${column} AS ${column}`),
    ],
    where: [q.timeRange(from, to)],
  });
  const cohort = cohortSql(members, binder);
  const atEntry = EVENT_DIMENSIONS.map(
    ([, column]) => `argMaxIf(e.${column}, e.t, e.${column} != '' AND e.t <= c.entry) AS ${column}`,
  ).join(', ');
  const pairs = EVENT_DIMENSIONS.map(([name, column]) => `('${name}', ${column})`).join(', ');
  const eventDims = `SELECT d.1 AS dimension, d.2 AS value, countIf(dropped = 1) AS n_dropped, countIf(dropped = 0) AS n_reached
    FROM (SELECT c.person_id AS person_id, any(c.dropped) AS dropped, ${atEntry}
      FROM (${cohort}) AS c INNER JOIN (${events}) AS e ON e.person_id = c.person_id
      GROUP BY c.person_id)
    ARRAY JOIN [${pairs}] AS d
    WHERE d.2 != ''
    GROUP BY dimension, value`;
  const traits = `SELECT key, value, dropped FROM (
      SELECT c.person_id AS person_id, any(c.dropped) AS dropped, kv.1 AS key, argMax(kv.2, e.t) AS raw,
        if(startsWith(raw, '"'), JSONExtractString(raw), raw) AS value
      FROM (${cohort}) AS c INNER JOIN (${events}) AS e ON e.person_id = c.person_id
      ARRAY JOIN JSONExtractKeysAndValuesRaw(e.traits) AS kv
      WHERE e.traits != '{}'
      GROUP BY c.person_id, key)
    WHERE NOT startsWith(raw, '[') AND NOT startsWith(raw, '{') AND value != ''`;
  const traitDims = `SELECT key AS dimension, value, countIf(dropped = 1) AS n_dropped, countIf(dropped = 0) AS n_reached
    FROM (${traits})
    WHERE key IN (SELECT key FROM (${traits}) GROUP BY key HAVING uniqExact(value) <= ${binder.bind(maxTraitValues, 'Int64')})
    GROUP BY dimension, value`;
  return `${eventDims} UNION ALL ${traitDims}`;
}
