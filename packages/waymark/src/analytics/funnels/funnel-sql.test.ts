import { describe, expect, it } from 'vitest';
import { compileFunnel } from './funnel-sql.js';
import { parseFunnelSpec } from './funnel-spec.js';

const range = { from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-08T00:00:00Z') };
const now = Date.parse('2026-11-23T00:00:00Z');
const compile = (spec: object) => compileFunnel('wh', 'shop', parseFunnelSpec(spec), range, now);
const steps = [
  { event: 'Product Viewed', where: [{ property: 'category', op: 'eq', value: "Tents' OR 1=1" }] },
  { event: 'Order Completed' },
];

describe('funnel SQL compiler', () => {
  it('binds every value: event names, filter values, times and the project', () => {
    const { sql, params } = compile({ steps });
    expect(sql).not.toContain('Tents');
    expect(sql).not.toContain('Order Completed');
    expect(Object.values(params)).toContain("Tents' OR 1=1");
    expect(Object.values(params)).toContain('Order Completed');
    expect(params['project']).toBe('shop');
    // Attempts starting by the range's end may finish within the default 14-day window after it.
    expect(Object.values(params)).toContain(range.to + 14 * 86_400_000);
  });

  it('one bit per step and per exclusion, events sorted per person, persons who did step 0', () => {
    const { sql } = compile({ steps, exclusions: [{ event: 'Refund', fromStep: 0, toStep: 1 }] });
    expect(sql).toMatch(/toUInt32\(if\(.+, 1, 0\) \+ if\(.+, 2, 0\)\) AS steps/s);
    expect(sql).toMatch(/toUInt32\(if\(.+, 1, 0\)\) AS exclusions/s);
    expect(sql).toContain('arraySort(groupArray((t, steps, exclusions))) AS events');
    expect(sql).toContain('HAVING bitAnd(groupBitOr(steps), 1) = 1');
    expect(sql).toContain('WHERE steps != 0 OR exclusions != 0');
  });

  it('returns exclusions and breakdown values only when the funnel has them', () => {
    const plain = compile({ steps });
    expect(plain.columns).toEqual({ exclusions: false, values: false });
    expect(plain.sql).toContain('arraySort(groupArray((t, steps))) AS events');
    expect(plain.sql).not.toContain('events) AS value');
    const split = compile({ steps, breakdown: { property: 'category' } });
    expect(split.columns).toEqual({ exclusions: false, values: true });
    expect(split.sql).toContain('arraySort(groupArray((t, steps, value))) AS events');
    expect(split.sql).toContain('arrayMap(e -> e.3, events) AS value');
  });

  it('strict funnels keep every behavioural event; unordered ones start at any step', () => {
    const strict = compile({ steps, order: 'strict' });
    expect(strict.sql).toContain('ev.event NOT IN');
    expect(strict.sql).not.toContain('WHERE steps != 0');
    expect(Object.values(strict.params)).toContainEqual([
      '$identify',
      '$alias',
      '$group',
      'Segment Entered',
      'Segment Exited',
      'Experiment Viewed',
      'Slot Viewed',
    ]);
    expect(compile({ steps, order: 'unordered' }).sql).toContain('HAVING groupBitOr(steps) != 0');
  });

  it('a touch breakdown looks back for the touch and carries it forward; a person breakdown joins traits', () => {
    const touch = compile({ steps, breakdown: { property: '$channel' } });
    expect(touch.carryTouch).toBe(true);
    expect(touch.sql).toContain("OR ev.channel != ''");
    const person = compile({ steps, breakdown: { on: 'person', property: 'plan' } });
    expect(person.carryTouch).toBe(false);
    expect(person.sql).toContain('argMaxIf(JSONExtractRaw(t.traits');
  });

  it('turns per-step windows and time between steps into constraints of the plan', () => {
    const { plan } = compile({
      steps: [steps[0], { event: 'Order Completed', window: { value: 2, unit: 'hour' } }],
      timeBetween: [{ fromStep: 0, toStep: 1, min: { value: 5, unit: 'minute' } }],
    });
    expect(plan.constraints).toEqual([
      { fromStep: 0, toStep: 1, max: { value: 2, unit: 'hour' } },
      { fromStep: 0, toStep: 1, minMs: 300_000 },
    ]);
  });
});
