import { describe, expect, it } from 'vitest';
import { ParamBinder } from '../analytics/sql-params.js';
import { WaymarkError } from '../core/errors.js';
import { compileSegment, segmentPersonsSql } from './compile.js';
import { parseCondition, parseSegmentDefinition } from './definition-check.js';
import { idsFromCsv } from './segments.js';

function fieldOf(raw: unknown): string | undefined {
  try {
    parseCondition(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(WaymarkError);
    return (error as WaymarkError).field;
  }
  return undefined;
}

describe('segment definitions', () => {
  it('accept every kind of condition, nested', () => {
    const condition = {
      and: [
        { trait: { property: 'age', op: 'gte', value: 30 } },
        { trait: { property: 'signup', op: 'within_last', value: { value: 7, unit: 'day' } } },
        { or: [{ performed: { event: 'A', count: { op: 'at_least', value: 3 } } }, { didNotPerform: { event: 'B' } }] },
        { not: { lastTime: { event: 'C', op: 'after', value: '2026-01-01' } } },
        { firstTime: { event: 'D', op: 'more_than_ago', value: { value: 1, unit: 'month' } } },
        { rfm: { group: 'champions', monetary: { op: 'gte', value: 4 } } },
        { engagement: { op: 'gte', value: 50 } },
        { firstTouch: { property: '$channel', op: 'in', value: ['Email', 'Paid Search'] } },
        { or: [{ segment: 'vip' }, { list: ['user-1', 'anon-2'] }] },
        {
          aggregate: {
            event: 'E',
            measure: 'sum',
            property: '$revenue',
            op: 'gt',
            value: 1,
            window: { from: '2026-01-01', to: '2026-02-01' },
          },
        },
      ],
    };
    expect(parseCondition(condition)).toEqual(condition);
    expect(parseSegmentDefinition({ name: 'N', condition }).name).toBe('N');
  });

  it('point at the node at fault', () => {
    expect(fieldOf({ and: [{ trait: { property: 'a', op: 'eq', value: 1 } }, { performed: { evnt: 'x' } }] })).toBe(
      'condition.and[1].performed.evnt',
    );
    expect(fieldOf({ or: [{ performed: { event: 'A', count: { op: 'more', value: 1 } } }] })).toBe(
      'condition.or[0].performed.count.op',
    );
    expect(fieldOf({ not: { both: 1 } })).toBe('condition.not');
    expect(fieldOf({ and: [] })).toBe('condition.and');
    expect(fieldOf({ performed: { event: 'A', where: [{ on: 'person', property: 'p', op: 'eq', value: 1 }] } })).toBe(
      'condition.performed.where[0].on',
    );
    expect(fieldOf({ performed: { event: 'A', window: { from: '2026-02-01', to: '2026-01-01' } } })).toBe(
      'condition.performed.window',
    );
    expect(fieldOf({ aggregate: { measure: 'sum', op: 'gt', value: 1 } })).toBe('condition.aggregate.property');
    expect(fieldOf({ trait: { property: 'a', op: 'within_last', value: 3 } })).toBe('condition.trait.value');
    expect(fieldOf({ trait: { property: 'a', op: 'gt', value: 'x' } })).toBe('condition.trait');
    expect(fieldOf({ trait: { property: 'a', op: 'regex', value: '(' } })).toBe('condition.trait');
    expect(fieldOf({ rfm: { recency: { op: 'gte', value: 6 } } })).toBe('condition.rfm.recency.value');
    expect(fieldOf({ rfm: { group: 'vips' } })).toBe('condition.rfm.group');
    expect(fieldOf({ rfm: {} })).toBe('condition.rfm');
    expect(fieldOf({ firstTouch: { property: 'category', op: 'eq', value: 'x' } })).toBe(
      'condition.firstTouch.property',
    );
    expect(fieldOf({ list: [] })).toBe('condition.list');
    expect(fieldOf({ or: [{ list: ['a', ''] }] })).toBe('condition.or[0].list[1]');
    expect(fieldOf({ segment: 'Not An Id' })).toBe('condition.segment');
    expect(fieldOf({ engagement: { op: 'gte' } })).toBe('condition.engagement.value');
    expect(fieldOf({ stage: { in: [] } })).toBe('condition.stage.in');
    expect(fieldOf({ stage: { in: ['x'], entered: { op: 'soon', value: 1 } } })).toBe('condition.stage.entered.op');
    expect(fieldOf({ funnel: { steps: [{ event: 'A' }], window: { value: 1, unit: 'day' }, reached: 2 } })).toBe(
      'condition.funnel.reached',
    );
    expect(fieldOf({ funnel: { steps: [{ evnt: 'A' }], window: { value: 1, unit: 'day' }, reached: 1 } })).toBe(
      'condition.funnel.steps[0].evnt',
    );
    let deep: unknown = { performed: { event: 'A' } };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(fieldOf(deep)).toMatch(/^condition(\.not)+$/);
    expect(() => parseSegmentDefinition({ condition: { performed: { event: 'A' } } })).toThrow(/name/);
  });
});

describe('segment SQL', () => {
  it('binds every value and folds each leaf into one per-person fact', () => {
    const { sql, params } = compileSegment(
      'wh',
      'shop',
      parseCondition({
        and: [
          { performed: { event: "x' OR 1=1 --", where: [{ property: 'coupon', op: 'eq', value: 'SAVE10' }] } },
          { trait: { property: 'plan', op: 'eq', value: 'gold' } },
        ],
      }),
      Date.parse('2026-11-01T00:00:00Z'),
    );
    expect(sql).not.toContain('OR 1=1');
    expect(sql).not.toContain('SAVE10');
    expect(sql).not.toContain('gold');
    expect(Object.values(params)).toEqual(expect.arrayContaining(["x' OR 1=1 --", 'SAVE10', 'gold', 'shop']));
    expect(sql).toMatch(/countIf\(.+\) AS f0/);
    expect(sql).toMatch(/argMaxIf\(JSONExtractRaw\(ev\.traits, .+\) AS f1/);
    expect(sql).toContain('GROUP BY person_id) WHERE');
  });

  it('shares a binder with the query it is embedded in', () => {
    const binder = new ParamBinder('shop');
    binder.string('taken');
    const sql = segmentPersonsSql('wh', binder, parseCondition({ performed: { event: 'A' } }), 0);
    expect(sql).not.toContain('{p0:');
    expect(Object.keys(binder.params)).toContain('p1');
  });
});

describe('static segments from CSV', () => {
  it('take the ids of a column, trimmed and once each, and say what is wrong with a bad file', () => {
    const csv = 'email,user_id\na@x, u1 \nb@x,"u2"\nc@x,\n,u1\n';
    expect(idsFromCsv(csv, 'user_id')).toEqual(['u1', 'u2']);
    expect(idsFromCsv(csv)).toEqual(['a@x', 'b@x', 'c@x']);
    expect(() => idsFromCsv(csv, 'id')).toThrow(/no column "id"; its columns are email, user_id/);
    expect(() => idsFromCsv('')).toThrow(/empty/);
    expect(() => idsFromCsv('user_id\n')).toThrow(/no ids/);
  });
});
