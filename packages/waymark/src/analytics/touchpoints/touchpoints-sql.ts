// Compiles a touchpoints spec to one ClickHouse query. Per person: converted or not, the reference moment (first
// conversion in range, else last activity in range), the touches in the lookback window before it as a collapsed
// channel path, and the conversion's revenue. Then, in the same pass, sums per path and per channel with the
// first-touch, last-touch, linear and assisted credit of each conversion. Pure: asserted in unit tests.

import type { PersonRestriction } from '../segment-filter.js';
import type { TimeRange } from '../date-range.js';
import { EventQuery } from '../event-query.js';
import { filterSql } from '../property.js';
import { ParamBinder, type CompiledQuery } from '../sql-params.js';
import { addDuration, approximateMs, type Duration } from '../time-units.js';
import { behaviouralSql } from '../behaviour.js';
import { collapseRepeatsSql } from '../paths/sequence-sql.js';
import { TOUCHPOINT_DEFAULTS, type TouchpointsSpec } from './touchpoints-spec.js';

/** One output row. `kind` `total` has an empty key, `path` the touches in order, `channel` the one channel. */
export interface TouchpointRow {
  kind: 'total' | 'path' | 'channel';
  key: string[];
  converting: number;
  non_converting: number;
  revenue: number;
  first_conversions: number;
  first_revenue: number;
  last_conversions: number;
  last_revenue: number;
  linear_conversions: number;
  linear_revenue: number;
  assisted_conversions: number;
  assisted_revenue: number;
}

/** The touch an event is, '' when it is none: any event with a channel, named by channel or by source / medium. */
function touchSql(by: 'channel' | 'source_medium'): string {
  const name = by === 'channel' ? 'toString(ev.channel)' : "concat(ev.source, ' / ', ev.medium)";
  return `if(ev.channel != '', ${name}, '')`;
}

/** Epoch ms `lookback` before the epoch-ms expression `ref`; calendar months as the rest of Waymark counts them. */
function windowStartSql(ref: string, lookback: Duration, binder: ParamBinder): string {
  if (lookback.unit === 'month') {
    return `toUnixTimestamp64Milli(subtractMonths(fromUnixTimestamp64Milli(${ref}, 'UTC'), ${binder.bind(lookback.value, 'Int64')}))`;
  }
  return `${ref} - ${binder.bind(approximateMs(lookback), 'Int64')}`;
}

function personsSql(q: EventQuery, spec: TouchpointsSpec, range: TimeRange, lookback: Duration): string {
  const conversion = [
    `ev.event = ${q.binder.string(spec.conversion.event)}`,
    ...(spec.conversion.where ?? []).map((f) => filterSql(f, q.binder, q)),
  ].join(' AND ');
  const from = q.binder.bind(range.from, 'Int64');
  const events = q.sql({
    select: [
      'ev.person_id AS person',
      'toUnixTimestamp64Milli(ev.timestamp) AS t',
      `${touchSql(spec.by ?? TOUCHPOINT_DEFAULTS.by)} AS touch`,
      `toUInt8(t >= ${from}) AS active`,
      `toUInt8(active AND ${conversion}) AS converts`,
      'ev.revenue AS amount',
    ],
    where: [
      q.timeRange(addDuration(range.from, { value: -lookback.value, unit: lookback.unit }), range.to),
      behaviouralSql(q.binder),
      // Before the range only touches matter.
      `ev.channel != '' OR ev.timestamp >= fromUnixTimestamp64Milli(${from}, 'UTC')`,
    ],
  });
  // Ties of the same millisecond: the tuple order decides, so results never depend on insertion order.
  return `SELECT person, toUInt8(countIf(converts = 1) > 0) AS converted,
      if(converted = 1, minIf(t, converts = 1), maxIf(t, active = 1)) AS ref,
      if(converted = 1, argMinIf(amount, (t, amount), converts = 1), 0) AS conversion_revenue,
      arraySort(groupArrayIf((t, touch), touch != '')) AS touches
    FROM (${events}) GROUP BY person HAVING countIf(active = 1) > 0`;
}

export function compileTouchpoints(
  database: string,
  projectId: string,
  spec: TouchpointsSpec,
  range: TimeRange,
  only?: PersonRestriction,
): CompiledQuery {
  const binder = new ParamBinder(projectId);
  const q = new EventQuery(database, binder);
  if (only) q.restrict(only(database, binder));
  const lookback = spec.lookback ?? TOUCHPOINT_DEFAULTS.lookback;
  const persons = personsSql(q, spec, range, lookback);
  const journeys = `SELECT converted, conversion_revenue,
      arrayMap(x -> x.2, arrayFilter(x -> x.1 >= ${windowStartSql('ref', lookback, binder)} AND x.1 <= ref, touches)) AS raw,
      ${collapseRepeatsSql('raw')} AS path
    FROM (${persons})`;
  // Each person adds to the total, to their path, and to each channel in it with its share of the credit.
  const outputs = `arrayConcat(
      [('total', CAST([], 'Array(String)'), toUInt8(0), toUInt8(0), toFloat64(0), toUInt8(0)), ('path', path, 0, 0, 0, 0)],
      arrayMap(c -> ('channel', [c], toUInt8(path[1] = c), toUInt8(path[-1] = c), countEqual(path, c) / length(path),
        toUInt8(has(arrayPopBack(path), c))), arrayDistinct(path)))`;
  const won = 'converted = 1';
  const sums = `SELECT out.1 AS kind, out.2 AS key,
      countIf(${won}) AS converting, countIf(converted = 0) AS non_converting, sumIf(conversion_revenue, ${won}) AS revenue,
      countIf(${won} AND out.3 = 1) AS first_conversions, sumIf(conversion_revenue, ${won} AND out.3 = 1) AS first_revenue,
      countIf(${won} AND out.4 = 1) AS last_conversions, sumIf(conversion_revenue, ${won} AND out.4 = 1) AS last_revenue,
      sumIf(out.5, ${won}) AS linear_conversions, sumIf(out.5 * conversion_revenue, ${won}) AS linear_revenue,
      countIf(${won} AND out.6 = 1) AS assisted_conversions, sumIf(conversion_revenue, ${won} AND out.6 = 1) AS assisted_revenue
    FROM (${journeys}) ARRAY JOIN ${outputs} AS out
    GROUP BY kind, key`;
  const byRate = (spec.sort ?? TOUCHPOINT_DEFAULTS.sort) === 'conversion_rate';
  const order = byRate
    ? 'converting / (converting + non_converting) DESC, converting DESC, key'
    : 'converting DESC, non_converting DESC, key';
  const minPersons = binder.bind(spec.minPersons ?? TOUCHPOINT_DEFAULTS.minPersons, 'Int64');
  const topPaths = binder.bind(spec.topPaths ?? TOUCHPOINT_DEFAULTS.topPaths, 'Int64');
  // Only the listed paths leave ClickHouse: a long tail of rare paths stays behind, summed up by the caller.
  const sql = `SELECT * EXCEPT (listed_rank) FROM (
      SELECT *, row_number() OVER (PARTITION BY kind ORDER BY ${order}) AS listed_rank
      FROM (${sums}) WHERE kind != 'path' OR converting + non_converting >= ${minPersons}
    ) WHERE kind != 'path' OR listed_rank <= ${topPaths}`;
  return { sql, params: binder.params };
}
