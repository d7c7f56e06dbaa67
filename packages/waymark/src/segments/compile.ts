// Compiles a segment's condition tree to ClickHouse SQL that selects the `person_id`s of its members at a given
// time. Pure: one scan of the person's events (identity merges applied) folds every leaf into a per-person fact
// (a count, a first or last time, an aggregate, a trait's latest value); the tree is then a boolean expression over
// those facts. Every value is bound.
//
//   SELECT person_id FROM (
//     SELECT ev.person_id AS person_id, countIf(ev.event = {p1:String} AND ...) AS f0, ... FROM (...) GROUP BY person_id
//   ) WHERE (f0 >= {p2:Int64}) AND NOT (...)

import { MEMBERSHIP_EVENTS, RECORDED_EVENTS } from '../core/event.js';
import { EventQuery } from '../analytics/event-query.js';
import {
  DERIVED_COLUMNS,
  asNumberSql,
  asStringSql,
  filterSql,
  filterValueSql,
  jsonKeysSql,
  propertyValueSql,
  type PersonProperties,
} from '../analytics/property.js';
import { ParamBinder, type CompiledQuery } from '../analytics/sql-params.js';
import { DEFAULT_STAGE_MAP } from '../analytics/stages/stage-map.js';
import { personStagesSql } from '../analytics/stages/person-stages-sql.js';
import { addDuration, approximateMs, type Duration } from '../analytics/time-units.js';
import { parseTime } from '../core/time.js';
import type { Condition, DateCondition, EventMatch, RfmCondition, TraitCondition, Window } from './definition.js';
import { DEFAULT_PURCHASE_EVENT, rfmCells } from './rfm.js';

/** The events membership changes are recorded as (segments/membership.ts). */
export { MEMBERSHIP_EVENTS };

interface RfmScores {
  r: string;
  f: string;
  m: string;
  fm: string;
}

const COMPARE_SQL = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const isDateCondition = (t: TraitCondition): t is { property: string } & DateCondition =>
  t.op === 'before' || t.op === 'after' || t.op === 'within_last' || t.op === 'more_than_ago';

/** The per-person facts a tree needs, as aggregate columns `f0, f1...` of the grouped scan. */
class Facts implements PersonProperties {
  readonly columns: string[] = [];
  private readonly traits = new Map<string, string>();

  constructor(private readonly binder: ParamBinder) {}

  /** Columns computed over all persons' facts (window functions: RFM quintiles), as `w0, w1...`. */
  readonly windows: string[] = [];
  private readonly cache = new Map<string, string>();

  add(aggregate: string): string {
    const name = `f${this.columns.length}`;
    this.columns.push(`${aggregate} AS ${name}`);
    return name;
  }

  /** The same fact once, however many leaves need it (keyed by a description of it). */
  shared(key: string, make: () => string): string {
    let name = this.cache.get(key);
    if (name === undefined) {
      name = make();
      this.cache.set(key, name);
    }
    return name;
  }

  addWindow(expression: string): string {
    const name = `w${this.windows.length}`;
    this.windows.push(`${expression} AS ${name}`);
    return name;
  }

  /** A trait's latest non-empty raw JSON value (traits arrive with identify calls and in `context.traits`). */
  column(path: readonly string[]): string {
    const key = JSON.stringify(path);
    let name = this.traits.get(key);
    if (name === undefined) {
      const raw = `JSONExtractRaw(ev.traits, ${jsonKeysSql(path, this.binder)})`;
      name = this.add(`argMaxIf(${raw}, ev.timestamp, ${raw} NOT IN ('', 'null'))`);
      this.traits.set(key, name);
    }
    return name;
  }
}

class SegmentCompiler {
  readonly facts: Facts;
  /**
   * Per person, the epoch-ms times at which a time-relative leaf may change its value with no new event (the oldest
   * event of a sliding window ages out; a last purchase becomes "more than 30 days ago"); 0 for none.
   */
  readonly changes: string[] = [];

  constructor(
    private readonly database: string,
    readonly binder: ParamBinder,
    private readonly now: number,
  ) {
    this.facts = new Facts(binder);
  }

  private time(ms: number): string {
    return `fromUnixTimestamp64Milli(${this.binder.bind(ms, 'Int64')}, 'UTC')`;
  }

  private window(w: Window | undefined): string {
    if (w === undefined) return '1';
    const [from, to] =
      'last' in w
        ? [addDuration(this.now, { value: -w.last.value, unit: w.last.unit }), this.now]
        : [parseTime(w.from) as number, parseTime(w.to) as number];
    return `ev.timestamp >= ${this.time(from)} AND ev.timestamp < ${this.time(to)}`;
  }

  /**
   * Epoch ms just after the window `last: d` stops covering a time `ms` (a ClickHouse Int64 expression). Calendar
   * months follow ClickHouse's addMonths, which can differ by a day from the window's own arithmetic at month ends.
   */
  private leaves(ms: string, d: Duration): string {
    if (d.unit === 'month')
      return `(toUnixTimestamp64Milli(addMonths(fromUnixTimestamp64Milli(${ms}, 'UTC'), ${Math.trunc(d.value)})) + 1)`;
    return `(${ms} + ${Math.round(approximateMs(d))} + 1)`;
  }

  /** Records when the oldest event a sliding window counts leaves it. */
  private windowChange(matchSql: string, w: Window | undefined): void {
    if (w === undefined || !('last' in w)) return;
    const oldest = this.facts.add(`minIf(toUnixTimestamp64Milli(ev.timestamp), ${matchSql} AND ${this.window(w)})`);
    this.changes.push(`if(${oldest} > 0, ${this.leaves(oldest, w.last)}, 0)`);
  }

  /** Records when a date relative to now (`within_last`, `more_than_ago`) flips, for a DateTime64 expression. */
  private dateChange(expr: string, c: DateCondition): void {
    if (c.op !== 'within_last' && c.op !== 'more_than_ago') return;
    this.changes.push(`ifNull(${this.leaves(`toUnixTimestamp64Milli(${expr})`, c.value)}, 0)`);
  }

  /** The events Waymark records itself (membership, exposures) are not activity: "any event" never counts them. */
  private notRecorded(): string {
    return `ev.event NOT IN ${this.binder.bind(RECORDED_EVENTS, 'Array(String)')}`;
  }

  private match(m: Partial<EventMatch>): string {
    const parts = m.event === undefined ? [this.notRecorded()] : [`ev.event = ${this.binder.string(m.event)}`];
    for (const f of m.where ?? []) parts.push(filterSql({ ...f, on: 'event' }, this.binder, this.facts));
    return parts.length === 0 ? '1' : parts.join(' AND ');
  }

  /** A date condition on a DateTime64 expression (NULL-safe: a missing date never matches). */
  private date(expr: string, c: DateCondition): string {
    switch (c.op) {
      case 'before':
        return `ifNull(${expr} < ${this.time(parseTime(c.value) as number)}, 0)`;
      case 'after':
        return `ifNull(${expr} > ${this.time(parseTime(c.value) as number)}, 0)`;
      case 'within_last':
        return `ifNull(${expr} >= ${this.time(addDuration(this.now, { value: -c.value.value, unit: c.value.unit }))}, 0)`;
      case 'more_than_ago':
        return `ifNull(${expr} < ${this.time(addDuration(this.now, { value: -c.value.value, unit: c.value.unit }))}, 0)`;
    }
  }

  /**
   * Engagement, 0 to 100: each track, page or screen event of the last 90 days adds e^(-age / 14 days) to `s`
   * (recent activity weighs most, a day-old event almost 1, a month-old one 0.12), and the score is
   * 100 * (1 - e^(-s / 10)): 10 events today score 63, 30 score 95.
   */
  private engagement(): string {
    const now = this.binder.bind(this.now, 'Int64');
    const since = this.time(this.now - 90 * 86_400_000);
    const weight = `exp(-(${now} - toUnixTimestamp64Milli(ev.timestamp)) / ${14 * 86_400_000})`;
    const s = this.facts.add(
      `sumIf(${weight}, ev.type IN ('track', 'page', 'screen') AND ${this.notRecorded()} AND ev.timestamp >= ${since})`,
    );
    return this.facts.addWindow(`100 * (1 - exp(-${s} / 10))`);
  }

  private readonly rfmByEvent = new Map<string, RfmScores>();

  /** R, F, M and FM scores of the purchase event, as window columns (0 for persons who never bought); once each. */
  private rfmScores(event: string): RfmScores {
    const known = this.rfmByEvent.get(event);
    if (known) return known;
    const bought = `ev.event = ${this.binder.string(event)}`;
    const n = this.facts.add(`countIf(${bought})`);
    const last = this.facts.add(`maxIf(ev.timestamp, ${bought})`);
    const money = this.facts.add(`sumIf(ev.revenue, ${bought})`);
    // Quintile by rank among buyers: ties share a score, so the result never depends on the order of rows.
    const quintile = (by: string): string =>
      `if(${n} > 0, least(5, 1 + intDiv(5 * (rank() OVER (PARTITION BY ${n} > 0 ORDER BY ${by}) - 1), count() OVER (PARTITION BY ${n} > 0))), 0)`;
    const r = this.facts.addWindow(quintile(last));
    const f = this.facts.addWindow(quintile(n));
    const m = this.facts.addWindow(quintile(money));
    const scores = { r, f, m, fm: `intDiv(${f} + ${m} + 1, 2)` };
    this.rfmByEvent.set(event, scores);
    return scores;
  }

  private rfm(c: RfmCondition): string {
    const scores = this.rfmScores(c.event ?? DEFAULT_PURCHASE_EVENT);
    const parts = [`${scores.r} > 0`];
    if (c.group) {
      const cells = rfmCells(c.group).map(([r, fm]) => `(${r}, ${fm})`);
      parts.push(`(${scores.r}, ${scores.fm}) IN (${cells.join(', ')})`);
    }
    const scoreOf = { recency: scores.r, frequency: scores.f, monetary: scores.m };
    for (const key of ['recency', 'frequency', 'monetary'] as const) {
      const sc = c[key];
      if (sc) parts.push(`${scoreOf[key]} ${COMPARE_SQL[sc.op]} ${sc.value}`);
    }
    return `(${parts.join(' AND ')})`;
  }

  condition(c: Condition): string {
    if ('and' in c) return `(${c.and.map((x) => this.condition(x)).join(' AND ')})`;
    if ('or' in c) return `(${c.or.map((x) => this.condition(x)).join(' OR ')})`;
    if ('not' in c) return `NOT ${this.condition(c.not)}`;
    if ('trait' in c) {
      const t = c.trait;
      if (isDateCondition(t)) {
        const raw = { sql: this.facts.column(t.property.split('.')), kind: 'raw' as const };
        const date = `parseDateTime64BestEffortOrNull(${asStringSql(raw)}, 3, 'UTC')`;
        this.dateChange(date, t);
        return this.date(date, t);
      }
      return `(${filterSql({ ...t, on: 'person' }, this.binder, this.facts)})`;
    }
    if ('performed' in c) {
      const p = c.performed;
      const n = this.facts.add(`countIf(${this.match(p)} AND ${this.window(p.window)})`);
      this.windowChange(this.match(p), p.window);
      const count = p.count ?? { op: 'at_least', value: 1 };
      const op = { at_least: '>=', at_most: '<=', exactly: '=' }[count.op];
      return `(${n} ${op} ${this.binder.bind(count.value, 'Int64')})`;
    }
    if ('didNotPerform' in c) {
      const p = c.didNotPerform;
      this.windowChange(this.match(p), p.window);
      return `(${this.facts.add(`countIf(${this.match(p)} AND ${this.window(p.window)})`)} = 0)`;
    }
    if ('firstTime' in c || 'lastTime' in c) {
      const leaf = 'firstTime' in c ? c.firstTime : c.lastTime;
      const m = this.match(leaf);
      const done = this.facts.add(`countIf(${m})`);
      const at = this.facts.add(`${'firstTime' in c ? 'minIf' : 'maxIf'}(ev.timestamp, ${m})`);
      this.dateChange(`if(${done} > 0, ${at}, NULL)`, leaf);
      return `(${done} > 0 AND ${this.date(at, leaf)})`;
    }
    if ('segment' in c)
      throw new Error(`segment "${c.segment}" must be expanded (resolveSegmentRefs) before compiling`);
    if ('list' in c) {
      const n = this.facts.add(`countIf(ev.distinct_id IN ${this.binder.bind(c.list, 'Array(String)')})`);
      return `(${n} > 0)`;
    }
    if ('firstTouch' in c) {
      const column = DERIVED_COLUMNS[c.firstTouch.property]?.column as string;
      const first = this.facts.shared(`touch:${column}`, () =>
        this.facts.add(`argMinIf(ev.${column}, ev.timestamp, ev.${column} != '')`),
      );
      return `(${filterValueSql(c.firstTouch, { sql: first, kind: 'string' }, this.binder)})`;
    }
    if ('rfm' in c) return this.rfm(c.rfm);
    if ('stage' in c) {
      // The person's current stage by the project's stage map, as of the evaluation time.
      const stages = personStagesSql(this.database, this.binder, c.stage.map ?? DEFAULT_STAGE_MAP, { asOf: this.now });
      const entered = c.stage.entered ? ` AND ${this.date('entered_at', c.stage.entered)}` : '';
      return `(person_id IN (SELECT person_id FROM (${stages}) WHERE stage IN ${this.binder.bind(c.stage.in, 'Array(String)')}${entered}))`;
    }
    if ('funnel' in c) {
      const f = c.funnel;
      const ms = approximateMs(f.window);
      const level = this.facts.add(
        `windowFunnel(${Math.round(ms)})(toUInt64(toUnixTimestamp64Milli(ev.timestamp)), ${f.steps.map((s) => this.match(s)).join(', ')})`,
      );
      return `(${level} >= ${this.binder.bind(f.reached, 'Int64')})`;
    }
    if ('engagement' in c) {
      const score = this.facts.shared('engagement', () => this.engagement());
      const op = COMPARE_SQL[c.engagement.op];
      return `(${score} ${op} ${this.binder.bind(c.engagement.value, 'Float64')})`;
    }
    const a = c.aggregate;
    const m = `${this.match(a)} AND ${this.window(a.window)}`;
    this.windowChange(this.match(a), a.window);
    let fact: string;
    if (a.measure === 'count') {
      fact = this.facts.add(`countIf(${m})`);
    } else {
      const value = asNumberSql(propertyValueSql({ property: a.property as string }, this.binder, this.facts));
      const fn = { sum: 'sumIf', average: 'avgIf', min: 'minIf', max: 'maxIf' }[a.measure];
      fact = this.facts.add(`${fn}(${value}, ${m} AND isNotNull(${value}))`);
    }
    const op = COMPARE_SQL[a.op];
    // A person with nothing to average (or no min / max) has no value: the comparison is false, never NULL.
    return `ifNull(isFinite(${fact}) AND ${fact} ${op} ${this.binder.bind(a.value, 'Float64')}, 0)`;
  }
}

/**
 * Every person seen before `now`, one row each with the facts the tree needs, and the tree as a boolean expression
 * over them: the shared half of membership, preview and size queries. Values are bound in `binder`.
 */
export function segmentFactsSql(
  database: string,
  binder: ParamBinder,
  condition: Condition,
  now: number,
  options: { distinctId?: boolean; distinctIds?: readonly string[] } = {},
): { facts: string; member: string } {
  const { facts, members } = segmentsFactsSql(database, binder, [condition], now, options);
  return { facts, member: members[0] as string };
}

/**
 * The same for several trees at once: one scan computes the facts of all of them, with one boolean expression per
 * tree (the real-time path evaluates every segment of a project for a batch's persons in a single query).
 */
export function segmentsFactsSql(
  database: string,
  binder: ParamBinder,
  conditions: readonly Condition[],
  now: number,
  options: { distinctId?: boolean; distinctIds?: readonly string[]; nextChange?: boolean } = {},
): { facts: string; members: string[] } {
  const compiler = new SegmentCompiler(database, binder, now);
  const members = conditions.map((c) => compiler.condition(c));
  const q = new EventQuery(database, binder);
  // `distinct_id`: the id the person was last seen with, to address events written for them (membership events).
  const extra = options.distinctId ? ['argMax(ev.distinct_id, ev.timestamp) AS distinct_id'] : [];
  const scan = q.sql({
    select: ['ev.person_id AS person_id', ...extra, ...compiler.facts.columns],
    where: [
      `ev.timestamp < fromUnixTimestamp64Milli(${binder.bind(now, 'Int64')}, 'UTC')`,
      // Some persons only (real-time updates): all of their distinct ids, which the table's order finds fast.
      ...(options.distinctIds ? [`ev.distinct_id IN ${binder.bind(options.distinctIds, 'Array(String)')}`] : []),
    ],
  });
  const grouped = `${scan} GROUP BY person_id`;
  const outer = [...compiler.facts.windows];
  // `next_change`: the earliest time after `now` at which a member may change with no new event (0: none).
  if (options.nextChange) {
    const after = `x -> x > ${binder.bind(now, 'Int64')}`;
    outer.push(
      `arrayMin(arrayFilter(${after}, [${['0', ...compiler.changes].map((c) => `toInt64(${c})`).join(', ')}])) AS next_change`,
    );
  }
  return { facts: outer.length === 0 ? grouped : `SELECT *, ${outer.join(', ')} FROM (${grouped})`, members };
}

/**
 * SQL selecting the members' `person_id`s at `now`, with its values bound in `binder` (so that an analysis can use
 * it as a subquery: `person_id IN (...)`). The project is the binder's `{project:String}`.
 */
export function segmentPersonsSql(database: string, binder: ParamBinder, condition: Condition, now: number): string {
  const { facts, member } = segmentFactsSql(database, binder, condition, now);
  return `SELECT person_id FROM (${facts}) WHERE ${member}`;
}

/** The members of a condition tree at `now`, as a standalone query. */
export function compileSegment(database: string, projectId: string, condition: Condition, now: number): CompiledQuery {
  const binder = new ParamBinder(projectId);
  const sql = segmentPersonsSql(database, binder, condition, now);
  return { sql, params: binder.params };
}

/** True when membership of one person depends on other persons (RFM quintiles): such trees are evaluated whole. */
export function comparesPersons(c: Condition): boolean {
  if ('and' in c) return c.and.some(comparesPersons);
  if ('or' in c) return c.or.some(comparesPersons);
  if ('not' in c) return comparesPersons(c.not);
  // A stage condition's subquery places every person (a scan of all events): too slow to run for each batch, so
  // such segments are evaluated whole as well.
  return 'rfm' in c || 'stage' in c;
}
