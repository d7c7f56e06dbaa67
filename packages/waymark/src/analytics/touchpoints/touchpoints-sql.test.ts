import { describe, expect, it } from 'vitest';
import { compileTouchpoints } from './touchpoints-sql.js';
import { parseTouchpointsSpec } from './touchpoints-spec.js';

const range = { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-08T00:00:00Z') };
const DAY = 86_400_000;
const compile = (spec: object) =>
  compileTouchpoints('wh', 'shop', parseTouchpointsSpec({ conversion: { event: 'Order Completed' }, ...spec }), range);

describe('touchpoints SQL compiler', () => {
  it('binds every value and reads touches from the lookback before the range', () => {
    const { sql, params } = compile({
      conversion: { event: 'Order Completed', where: [{ property: 'coupon', op: 'eq', value: "x' OR 1=1" }] },
      topPaths: 7,
      minPersons: 3,
    });
    expect(sql).not.toContain('Order Completed');
    expect(sql).not.toContain("x' OR");
    const values = Object.values(params);
    expect(values).toEqual(expect.arrayContaining(['Order Completed', "x' OR 1=1", 7, 3, range.from - 30 * DAY]));
    expect(params['project']).toBe('shop');
    // Before the range only touches are read; in it, every behavioural event shows who was active.
    expect(sql).toMatch(/ev\.channel != '' OR ev\.timestamp >= fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\)/);
  });

  it('per person: the first conversion in range (or last activity), its revenue, the collapsed touches before it', () => {
    const { sql } = compile({});
    expect(sql).toContain('if(converted = 1, minIf(t, converts = 1), maxIf(t, active = 1)) AS ref');
    expect(sql).toContain('argMinIf(amount, (t, amount), converts = 1)');
    expect(sql).toContain("arraySort(groupArrayIf((t, touch), touch != '')) AS touches");
    expect(sql).toMatch(/arrayFilter\(x -> x\.1 >= ref - \{p\d+:Int64\} AND x\.1 <= ref, touches\)/);
    expect(sql).toContain('arrayFilter((v, i) -> i = 1 OR v != raw[i - 1], raw, arrayEnumerate(raw)) AS path');
    expect(sql).toContain('HAVING countIf(active = 1) > 0');
  });

  it('a touch is an event with a channel, named by channel or by source / medium', () => {
    expect(compile({}).sql).toContain("if(ev.channel != '', toString(ev.channel), '') AS touch");
    expect(compile({ by: 'source_medium' }).sql).toContain(
      "if(ev.channel != '', concat(ev.source, ' / ', ev.medium), '') AS touch",
    );
  });

  it('counts months back on the calendar', () => {
    const { sql, params } = compile({ lookback: { value: 2, unit: 'month' } });
    expect(sql).toMatch(/subtractMonths\(fromUnixTimestamp64Milli\(ref, 'UTC'\), \{p\d+:Int64\}\)/);
    // 2 calendar months before 1 November is 1 September.
    expect(Object.values(params)).toContain(Date.parse('2026-09-01T00:00:00Z'));
  });

  it('credits each channel of a path in one pass and ranks paths by the chosen order', () => {
    const { sql } = compile({});
    expect(sql).toContain('toUInt8(path[1] = c), toUInt8(path[-1] = c), countEqual(path, c) / length(path)');
    expect(sql).toContain('toUInt8(has(arrayPopBack(path), c))), arrayDistinct(path)');
    expect(sql).toContain('ORDER BY converting DESC, non_converting DESC, key');
    expect(compile({ sort: 'conversion_rate' }).sql).toContain(
      'ORDER BY converting / (converting + non_converting) DESC, converting DESC, key',
    );
  });
});
