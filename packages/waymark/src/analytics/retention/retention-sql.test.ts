import { describe, expect, it } from 'vitest';
import { compileRetention, periodNumberSql } from './retention-sql.js';
import { parseRetentionSpec, retentionPlan } from './retention-spec.js';

const NOW = Date.parse('2026-11-06T12:00:00Z');
const FROM = Date.parse('2026-11-02T00:00:00Z');
const TO = Date.parse('2026-11-06T00:00:00Z');
const base = {
  start: { event: 'Signed Up' },
  period: 'day',
  periods: 4,
  range: { from: '2026-11-02T00:00:00Z', to: '2026-11-06T00:00:00Z' },
};
const compile = (raw: object) => {
  const spec = parseRetentionSpec({ ...base, ...raw }, NOW);
  return compileRetention('db', 'shop', retentionPlan(spec, NOW), spec.breakdown);
};
const squash = (sql: string): string => sql.replace(/\s+/g, ' ');
const paramOf = (params: object, value: unknown): string | undefined =>
  Object.entries(params).find(([, v]) => JSON.stringify(v) === JSON.stringify(value))?.[0];

describe('compiled retention SQL', () => {
  it('numbers calendar periods so that consecutive ones differ by one (weeks from Monday)', () => {
    expect(periodNumberSql('day', 't')).toBe('toInt64(toRelativeDayNum(t))');
    expect(periodNumberSql('week', 't')).toBe('toInt64(toRelativeWeekNum(t))');
    expect(periodNumberSql('month', 't')).toBe('toInt64(toRelativeMonthNum(t))');
  });

  it('scans start and return events once, flagging each', () => {
    const { sql } = compile({ return: { event: 'Order Completed' } });
    expect(sql.match(/FROM db\.events/g)).toHaveLength(1);
    expect(sql).toMatch(/toUInt8\(.*\) AS is_start/);
    expect(sql).toMatch(/toUInt8\(.*\) AS is_return/);
    expect(squash(sql)).toContain('GROUP BY person_id, pn');
    expect(sql).toContain('groupArrayIf((pn, last_return), returns > 0) AS returns');
  });

  it('first time: start events from all history before the range end; the first entry counts if in the range', () => {
    const { sql, params } = compile({});
    const to = paramOf(params, TO);
    expect(sql).toContain(`(ev.timestamp < fromUnixTimestamp64Milli({${to}:Int64}, 'UTC'))`);
    const from =
      /ARRAY JOIN arrayFilter\(x -> x\.2 >= fromUnixTimestamp64Milli\(\{(p\d+):Int64\}, 'UTC'\), arraySlice\(entries, 1, 1\)\) AS e/.exec(
        squash(sql),
      );
    expect(params[from?.[1] ?? '']).toBe(FROM);
  });

  it('recurring: every period with a start event in the range is an entry', () => {
    const { sql, params } = compile({ type: 'recurring' });
    expect(squash(sql)).toContain('ARRAY JOIN entries AS e');
    const from = paramOf(params, FROM);
    expect(sql).toContain(`ev.timestamp >= fromUnixTimestamp64Milli({${from}:Int64}, 'UTC')`);
  });

  it('"on": returns scanned up to the end of the last period shown, counted in their own period', () => {
    const { sql, params } = compile({});
    expect(squash(sql)).toContain('arrayFilter(k -> k < {');
    expect(squash(sql)).toContain('arrayMap(x -> x.1 - e.1, arrayFilter(x -> x.2 >= e.2, returns))');
    // The last cohort (5 November) plus 4 periods.
    expect(Object.values(params)).toContain(Date.parse('2026-11-09T00:00:00Z'));
  });

  it('"on or after": the latest return counts for its period and every one before, with no upper bound', () => {
    const { sql, params } = compile({ mode: 'on_or_after' });
    expect(squash(sql)).toContain('range(toUInt64(least(arrayMax(');
    expect(Object.values(params)).not.toContain(Date.parse('2026-11-09T00:00:00Z'));
  });

  it("the breakdown value is the first start event's, ties going to the smallest value", () => {
    expect(compile({}).sql).not.toContain('start_value');
    const { sql } = compile({ breakdown: { property: 'utm_source' } });
    expect(sql).toContain('ev.source AS start_value');
    expect(sql).toContain('argMinIf(start_value, (ts, start_value), is_start = 1) AS value');
  });

  it('binds every value, and filters person properties after resolving persons', () => {
    const { sql, params } = compile({
      start: { event: "Signed'Up", where: [{ on: 'person', property: 'plan', op: 'eq', value: 'pro"' }] },
      return: { event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 10 }] },
      breakdown: { property: 'utm_source' },
    });
    expect(sql).not.toContain("Signed'Up");
    expect(sql).not.toContain('pro"');
    expect(Object.values(params)).toEqual(expect.arrayContaining(["Signed'Up", 'pro"', 'Order Completed', 10, 4]));
    const beforeJoin = sql.slice(sql.indexOf('WHERE ev.project_id'), sql.indexOf('LEFT JOIN (SELECT person_id'));
    expect(beforeJoin).toContain('ev.event = {');
    expect(beforeJoin).not.toContain('pp.');
    expect(sql).toMatch(/toUInt8\(.*pp\.p0.*\) AS is_start/);
    expect(sql).toContain('WHERE (is_start = 1 OR is_return = 1)');
  });

  it('counts cohort sizes as period -1 beside the retained periods', () => {
    const { sql } = compile({});
    expect(squash(sql)).toContain('arrayJoin(arrayConcat([toInt64(-1)], arrayFilter(k -> k < {');
    expect(squash(sql)).toMatch(/GROUP BY cohort, value, k$/);
  });
});
