import { describe, expect, it } from 'vitest';
import { compilePaths } from './paths-sql.js';
import { parsePathsSpec } from './paths-spec.js';

const range = { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-08T00:00:00Z') };
const compile = (spec: object) => compilePaths('wh', 'shop', parsePathsSpec(spec), range);
const values = (params: object): unknown[] => Object.values(params);

describe('paths SQL compiler', () => {
  it('binds every value: event names, filters, regexes, steps, the session gap, the project', () => {
    const { sql, params } = compile({
      start: { event: 'Product Viewed', where: [{ property: 'category', op: 'eq', value: "Tents' OR 1=1" }] },
      exclude: ['Support Ticket Opened'],
      groupBy: { property: '$path', events: ['$page'] },
      cleanup: [{ regex: '^/p/[^/]+$', replacement: '/p/:slug' }],
      steps: 7,
      topN: 4,
      sessionGapMinutes: 45,
    });
    for (const text of ['Tents', 'Product Viewed', 'Support Ticket', '/p/', ':slug']) expect(sql).not.toContain(text);
    expect(values(params)).toEqual(
      expect.arrayContaining([
        "Tents' OR 1=1",
        'Product Viewed',
        ['Support Ticket Opened'],
        ['$page'],
        '^/p/[^/]+$',
        '/p/:slug',
        7,
        4,
        45 * 60_000,
        range.from,
        range.to,
        ['$identify', '$alias', '$group', 'Segment Entered', 'Segment Exited', 'Experiment Viewed', 'Slot Viewed'],
      ]),
    );
    expect(params['project']).toBe('shop');
  });

  it('sorts each person once, splits sessions on the gap, cuts at the first start and collapses repeats', () => {
    const { sql } = compile({ start: { event: 'A' } });
    expect(sql).toContain('arraySort(groupArray((t, name, is_start, is_end, keep))) AS evs');
    expect(sql).toMatch(/ARRAY JOIN arraySplit\(\(e, gap\) -> gap > \{p\d+:Int64\}, evs, arrayDifference/);
    expect(sql).toContain('HAVING max(is_start) = 1');
    expect(sql).toContain('arrayFirstIndex(e -> e.3 = 1, seq) AS s');
    expect(sql).toContain(
      'arrayFilter((v, i) -> i = 1 OR v != names[i - 1], names, arrayEnumerate(names)) AS collapsed',
    );
    expect(sql).toMatch(/arraySlice\(collapsed, 1, \{p\d+:Int64\}\) AS path/);
  });

  it('across sessions reads only the events that can become nodes', () => {
    const { sql, params } = compile({ start: { event: 'A' }, include: ['B'], sessionized: false });
    expect(sql).not.toContain('arraySplit');
    expect(sql).toContain('evs AS seq');
    expect(values(params)).toContainEqual(['B', 'A']);
    // Sessionized, every behavioural event is read: excluded ones still keep a session alive.
    expect(values(compile({ start: { event: 'A' }, include: ['B'] }).params)).not.toContainEqual(['B', 'A']);
  });

  it('to an end keeps the last steps; between shortens long paths around "…" and keeps started persons', () => {
    expect(compile({ end: { event: 'Z' } }).sql).toMatch(
      /arraySlice\(collapsed, greatest\(1, length\(collapsed\) - \{p\d+:Int64\} \+ 1\)\) AS path/,
    );
    const between = compile({ start: { event: 'A' }, end: { event: 'Z' }, steps: 6 });
    expect(between.sql).toContain('arrayFirstIndex(e -> e.4 = 1, arraySlice(seq, s + 1)) AS f');
    expect(between.sql).toMatch(/arrayConcat\(arraySlice\(collapsed, 1, \{p\d+:Int64\}\), \[\{p\d+:String\}\]/);
    // 6 steps: 3 from the start, "…", 2 up to the end.
    expect(values(between.params)).toEqual(expect.arrayContaining([3, '…', 2]));
    expect(between.sql).toContain("[('started', toInt64(0), '', '')]");
  });

  it('applies clean-up rules in order, the first innermost, to grouped values only', () => {
    const { sql, params } = compile({
      groupBy: { property: '$path' },
      cleanup: [
        { regex: 'first', replacement: '1' },
        { regex: 'second', replacement: '2' },
      ],
    });
    const first = Object.keys(params).find((k) => params[k] === 'first');
    const second = Object.keys(params).find((k) => params[k] === 'second');
    expect(sql).toContain(`replaceRegexpAll(replaceRegexpAll(ev.path, {${first}:String}`);
    expect(sql).toContain(`{${second}:String}`);
    expect(sql).toContain("if(grouped != '', grouped, toString(ev.event)) AS name");
  });

  it('ranks transitions per step with window functions and renames the rest', () => {
    const forward = compile({ start: { event: 'A' } }).sql;
    expect(forward).toContain('uniqExactState(person) AS who');
    expect(forward).toContain('WINDOW w AS (PARTITION BY k, p, x)');
    expect(forward).toContain('dense_rank() OVER (PARTITION BY k ORDER BY link_persons DESC, link_paths DESC, p, x)');
    expect(forward).toContain("i - 1 AS k, if(i > 1, path[i - 1], '') AS p");
    // Paths to an end rank away from it: backwards.
    expect(compile({ end: { event: 'Z' } }).sql).toContain(
      "length(path) - i AS k, if(i < length(path), path[i + 1], '') AS p",
    );
  });
});
