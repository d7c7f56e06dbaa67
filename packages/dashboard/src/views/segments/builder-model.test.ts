import { describe, expect, it } from 'vitest';
import {
  builderOf,
  builderProblem,
  conditionOf,
  errorPlace,
  newRule,
  parseConditionJson,
  type BuilderState,
  type Rule,
} from './builder-model.js';

const added: Rule = { ...newRule('performed', 'Product Added'), days: 7 };
const notOrdered: Rule = { ...newRule('didNotPerform', 'Order Completed'), days: 7 };

describe('segment builder', () => {
  it('makes the cart abandoners of docs/segments.md', () => {
    expect(conditionOf({ match: 'and', rules: [added, notOrdered] })).toEqual({
      and: [
        { performed: { event: 'Product Added', window: { last: { value: 7, unit: 'day' } } } },
        { didNotPerform: { event: 'Order Completed', window: { last: { value: 7, unit: 'day' } } } },
      ],
    });
  });

  it('makes a single condition without and / or, counts other than "at least once", and all-time windows', () => {
    const twice: Rule = { ...newRule('performed', 'Order Completed'), count: 2, days: null };
    expect(conditionOf({ match: 'or', rules: [twice] })).toEqual({
      performed: { event: 'Order Completed', count: { op: 'at_least', value: 2 } },
    });
  });

  it.each([
    [
      { op: 'eq', value: ' gold ' },
      { property: 'plan', op: 'eq', value: 'gold' },
    ],
    [
      { op: 'gte', value: '30' },
      { property: 'plan', op: 'gte', value: 30 },
    ],
    [
      { op: 'in', value: 'gold, silver,,' },
      { property: 'plan', op: 'in', value: ['gold', 'silver'] },
    ],
    [
      { op: 'is_set', value: 'ignored' },
      { property: 'plan', op: 'is_set' },
    ],
  ] as const)('writes the trait filter %j as %j', (change, filter) => {
    const rule: Rule = { ...newRule('trait'), property: 'plan', ...change };
    expect(conditionOf({ match: 'and', rules: [rule] })).toEqual({ trait: filter });
  });

  it.each([
    [[], 'Add a condition.'],
    [[newRule('performed')], 'Choose an event for condition 1.'],
    [[added, { ...added, count: -1 }], 'The count of condition 2 must be a whole number, 0 or more.'],
    [[{ ...added, days: 0 }], 'The window of condition 1 must be a whole number of days, 1 or more.'],
    [[newRule('trait')], 'Name the trait of condition 1.'],
    [[{ ...newRule('trait'), property: 'age', op: 'gt', value: 'old' }], 'The value of condition 1 must be a number.'],
    [[{ ...newRule('trait'), property: 'age', op: 'is_not_set' }], null],
    [[added, notOrdered], null],
  ] as const)('with rules %j says %j', (rules, problem) => {
    expect(builderProblem({ match: 'and', rules: [...rules] })).toBe(problem);
  });

  it('opens what it made, and leaves the rest of the language to the JSON editor', () => {
    const states: BuilderState[] = [
      { match: 'and', rules: [added, notOrdered] },
      { match: 'or', rules: [{ ...newRule('trait'), property: 'plan', op: 'in', value: 'gold, silver' }] },
    ];
    for (const state of states) {
      const condition = conditionOf(state);
      expect(conditionOf(builderOf(condition)!)).toEqual(condition);
    }
    expect(builderOf({ performed: { event: 'x', window: { last: { value: 2, unit: 'week' } } } })?.rules[0]?.days).toBe(
      14,
    );
    expect(builderOf({ rfm: { group: 'champions' } })).toBeNull();
    expect(builderOf({ and: [{ or: [] }] })).toBeNull();
    expect(builderOf({ performed: { event: 'x', where: [{ property: 'a', op: 'is_set' }] } })).toBeNull();
    expect(builderOf({ performed: { event: 'x', window: { from: 'a', to: 'b' } } })).toBeNull();
    expect(builderOf({ and: [] })).toBeNull();
  });

  it('reads a condition or a whole definition typed as JSON', () => {
    expect(parseConditionJson('{ "segment": "vip" }')).toEqual({ condition: { segment: 'vip' } });
    expect(parseConditionJson('{ "name": "VIP", "condition": { "segment": "vip" } }')).toEqual({
      condition: { segment: 'vip' },
    });
    expect(parseConditionJson('[1]')).toEqual({ problem: expect.stringContaining('JSON object') });
    expect(parseConditionJson('{ "a": ')).toEqual({ problem: expect.stringContaining('not JSON yet') });
  });

  it('places a field the server names by the control it comes from', () => {
    const two: BuilderState = { match: 'or', rules: [added, notOrdered] };
    const one: BuilderState = { match: 'and', rules: [added] };
    expect(errorPlace('name', two)).toEqual({ at: 'name' });
    expect(errorPlace('id', null)).toEqual({ at: 'name' });
    expect(errorPlace('description', two)).toEqual({ at: 'description' });
    expect(errorPlace('condition.or[1].didNotPerform.event', two)).toEqual({ at: 'rule', index: 1 });
    // The rules say "or": a path under "and", or past the last rule, is the condition's as a whole.
    expect(errorPlace('condition.and[1].performed', two)).toEqual({ at: 'condition' });
    expect(errorPlace('condition.or[5].performed', two)).toEqual({ at: 'condition' });
    expect(errorPlace('condition.performed.window.last.value', one)).toEqual({ at: 'rule', index: 0 });
    expect(errorPlace('condition', one)).toEqual({ at: 'condition' });
    // Edited as JSON: the condition's editor.
    expect(errorPlace('condition.or[1].didNotPerform.event', null)).toEqual({ at: 'condition' });
    expect(errorPlace('segment', two)).toEqual({ at: 'form' });
    expect(errorPlace(undefined, two)).toEqual({ at: 'form' });
  });
});
