import { describe, expect, it } from 'vitest';
import {
  breakdownOfValue,
  breakdownValue,
  exclusionsProblem,
  filterOf,
  filterProblem,
  limitsProblem,
  moveStep,
  removeStep,
  stepSpecs,
  timeBetweenOf,
  timeBetweenProblem,
  type TimeBetweenChoice,
} from './builder-model.js';
import { choicesProblem, funnelSpecOf, type FunnelChoices } from './funnel-model.js';

const lists = {
  steps: ['View', 'Add', 'Checkout', 'Buy'],
  where: [[{ property: 'category', op: 'eq' as const, value: 'Tents' }], [], [], []],
  exclusions: [{ event: 'Support', fromStep: 1, toStep: 3 }],
};

describe('funnel builder filters', () => {
  it.each([
    [
      { property: 'price', op: 'gt', value: '20' },
      { property: 'price', op: 'gt', value: 20 },
    ],
    [
      { property: 'c', op: 'in', value: 'a, b,' },
      { property: 'c', op: 'in', value: ['a', 'b'] },
    ],
    [
      { property: 'c', op: 'is_set', value: 'x' },
      { property: 'c', op: 'is_set' },
    ],
    [
      { property: 'c', op: 'eq', value: 'Tents' },
      { property: 'c', op: 'eq', value: 'Tents' },
    ],
  ] as const)('turns %j into %j', (choice, filter) => {
    expect(filterOf(choice)).toEqual(filter);
  });

  it('names what is missing', () => {
    expect(filterProblem({ property: '', op: 'eq', value: 'a' })).toBe('Choose a property for every filter.');
    expect(filterProblem({ property: 'p', op: 'lt', value: 'x' })).toMatch(/give a number/);
    expect(filterProblem({ property: 'p', op: 'is_not_set', value: '' })).toBeNull();
    expect(exclusionsProblem([{ event: 'a', fromStep: 0, toStep: 1 }], 2, 'unordered')).toMatch(/any order/);
    expect(exclusionsProblem([{ event: 'a', fromStep: 1, toStep: 1 }], 3, 'ordered')).toMatch(/later step/);
  });

  it('puts filters on their steps only', () => {
    expect(stepSpecs(lists.steps, lists.where)[0]).toEqual({
      event: 'View',
      where: [{ property: 'category', op: 'eq', value: 'Tents' }],
    });
    expect(stepSpecs(['a', 'b'])).toEqual([{ event: 'a' }, { event: 'b' }]);
  });

  it('moves a step with its filters, and exclusions keep their steps', () => {
    const moved = moveStep(lists, 0, 1);
    expect(moved.steps).toEqual(['Add', 'View', 'Checkout', 'Buy']);
    expect(moved.where[1]).toEqual(lists.where[0]);
    expect(moved.exclusions).toEqual([{ event: 'Support', fromStep: 0, toStep: 3 }]);
    expect(moveStep(lists, 0, -1)).toBe(lists);
  });

  it('removes a step; exclusions shift, widen over the gap, or go when nothing is left between', () => {
    expect(removeStep(lists, 0).exclusions).toEqual([{ event: 'Support', fromStep: 0, toStep: 2 }]);
    expect(removeStep(lists, 3).exclusions).toEqual([{ event: 'Support', fromStep: 1, toStep: 2 }]);
    const short = { steps: ['a', 'b', 'c'], exclusions: [{ event: 'x', fromStep: 1, toStep: 2 }] };
    expect(removeStep(short, 2).exclusions).toEqual([]);
  });

  it('adds exclusions, breakdown and segment to the spec only when chosen', () => {
    const base = {
      steps: ['a', 'b'],
      order: 'ordered' as const,
      windowValue: 1,
      windowUnit: 'day' as const,
      range: 'last7' as const,
      from: '',
      to: '',
    };
    expect(Object.keys(funnelSpecOf({ ...base, breakdown: '', segment: '' }))).toEqual([
      'steps',
      'order',
      'window',
      'range',
    ]);
    expect(
      funnelSpecOf({
        ...base,
        exclusions: [{ event: 'x', fromStep: 0, toStep: 1 }],
        breakdown: '$channel',
        segment: 'vip',
      }),
    ).toMatchObject({
      exclusions: [{ event: 'x', fromStep: 0, toStep: 1 }],
      breakdown: { property: '$channel', limit: 5 },
      segment: 'vip',
    });
  });

  it('puts a time limit on its step, never on the first', () => {
    const hour = { value: 1, unit: 'hour' as const };
    expect(stepSpecs(['a', 'b', 'c'], [], [hour, null, hour])).toEqual([
      { event: 'a' },
      { event: 'b' },
      { event: 'c', window: { value: 1, unit: 'hour' } },
    ]);
    expect(limitsProblem([null, hour], 'unordered')).toMatch(/any order/);
    expect(limitsProblem([null, { value: 0, unit: 'day' }], 'ordered')).toMatch(/whole number/);
    expect(limitsProblem([null, { value: Number.NaN, unit: 'day' }], 'ordered')).toMatch(/whole number/);
    expect(limitsProblem([null, hour, null], 'strict')).toBeNull();
    // A limit left on the first step (it cannot have one) is no problem: it is never sent.
    expect(limitsProblem([hour], 'unordered')).toBeNull();
  });

  it('moves and removes time limits with their steps; a step moved to the front loses its limit', () => {
    const hour = { value: 1, unit: 'hour' as const };
    const day = { value: 2, unit: 'day' as const };
    const timed = { steps: ['View', 'Add', 'Buy'], limits: [null, hour, day] };
    expect(moveStep(timed, 1, 1).limits).toEqual([null, day, hour]);
    expect(moveStep(timed, 1, -1).limits).toEqual([null, null, day]);
    expect(removeStep(timed, 0).limits).toEqual([null, day]);
    expect(removeStep(timed, 1).limits).toEqual([null, day]);
    expect(moveStep({ steps: ['a', 'b'] }, 0, 1).limits).toEqual([null, null]);
  });

  const open = { value: Number.NaN, unit: 'minute' as const };
  const rule = (fromStep: number, toStep: number, patch: Partial<TimeBetweenChoice> = {}): TimeBetweenChoice => ({
    fromStep,
    toStep,
    min: { value: 30, unit: 'second' },
    max: { value: 1, unit: 'hour' },
    ...patch,
  });

  it('sends time between steps with the bounds that are set, and names what is wrong with one', () => {
    expect(timeBetweenOf([rule(0, 2), rule(1, 2, { min: open }), rule(0, 1, { max: open })])).toEqual([
      { fromStep: 0, toStep: 2, min: { value: 30, unit: 'second' }, max: { value: 1, unit: 'hour' } },
      { fromStep: 1, toStep: 2, max: { value: 1, unit: 'hour' } },
      { fromStep: 0, toStep: 1, min: { value: 30, unit: 'second' } },
    ]);
    expect(timeBetweenProblem([], 3, 'unordered')).toBeNull();
    expect(timeBetweenProblem([rule(0, 1)], 3, 'strict')).toBeNull();
    expect(timeBetweenProblem([rule(0, 1)], 3, 'unordered')).toMatch(/any order/);
    expect(timeBetweenProblem([rule(1, 1)], 3, 'ordered')).toMatch(/later step/);
    expect(timeBetweenProblem([rule(1, 3)], 3, 'ordered')).toMatch(/later step/);
    expect(timeBetweenProblem([rule(0, 1, { min: open, max: open })], 3, 'ordered')).toMatch(
      /“at least”, an “at most”/,
    );
    expect(timeBetweenProblem([rule(0, 1, { max: { value: 1.5, unit: 'hour' } })], 3, 'ordered')).toMatch(
      /whole number/,
    );
    expect(timeBetweenProblem([rule(0, 1, { min: { value: 0, unit: 'hour' } })], 3, 'ordered')).toMatch(/whole number/);
    // 60 minutes is not shorter than an hour; 59 is.
    expect(timeBetweenProblem([rule(0, 1, { min: { value: 60, unit: 'minute' } })], 3, 'ordered')).toMatch(
      /shorter than/,
    );
    expect(timeBetweenProblem([rule(0, 1, { min: { value: 59, unit: 'minute' } })], 3, 'ordered')).toBeNull();
  });

  it('moves time between steps with their steps and drops one whose step is removed', () => {
    const timed = { steps: ['View', 'Add', 'Checkout', 'Buy'], timeBetween: [rule(0, 1), rule(1, 3), rule(2, 3)] };
    // Add moves below Checkout: the rules still join the same events, the earlier step first.
    expect(moveStep(timed, 1, 1).timeBetween.map((r) => [r.fromStep, r.toStep])).toEqual([
      [0, 2],
      [2, 3],
      [1, 3],
    ]);
    // Checkout goes: its rule goes with it, Buy's rules shift up a step.
    expect(removeStep(timed, 2).timeBetween).toEqual([rule(0, 1), rule(1, 2)]);
    expect(removeStep(timed, 0).timeBetween).toEqual([rule(0, 2), rule(1, 2)]);
    expect(removeStep({ steps: ['a', 'b', 'c'] }, 1).timeBetween).toEqual([]);
  });

  it('filters persons on traits with `on: person`', () => {
    expect(filterOf({ property: 'plan', op: 'eq', value: 'gold' }, 'person')).toEqual({
      on: 'person',
      property: 'plan',
      op: 'eq',
      value: 'gold',
    });
    expect(filterOf({ property: 'age', op: 'gt', value: '40' }, 'person')).toEqual({
      on: 'person',
      property: 'age',
      op: 'gt',
      value: 40,
    });
    expect(filterProblem({ property: '', op: 'eq', value: 'a' }, 'trait')).toBe('Choose a trait for every filter.');
    expect(filterProblem({ property: 'age', op: 'gt', value: ' ' }, 'trait')).toMatch(/Give a value/);
  });

  it('tells event properties and traits apart in the breakdown choice', () => {
    expect(breakdownValue({ breakdown: '$channel' })).toBe('event:$channel');
    expect(breakdownValue({ breakdown: 'plan', breakdownOn: 'person' })).toBe('trait:plan');
    expect(breakdownValue({ breakdown: '' })).toBe('');
    expect(breakdownOfValue('trait:plan')).toEqual({ breakdown: 'plan', breakdownOn: 'person' });
    expect(breakdownOfValue('event:trait:x')).toEqual({ breakdown: 'trait:x', breakdownOn: 'event' });
  });
});

describe('funnel spec of the finer choices', () => {
  const base: FunnelChoices = {
    steps: ['Product Viewed', 'Checkout Started', 'Order Completed'],
    order: 'ordered',
    windowValue: 7,
    windowUnit: 'day',
    range: 'last30',
    from: '',
    to: '',
  };

  it('sends the attempt, person filters, step limits and a breakdown by trait as the spec names them', () => {
    const spec = funnelSpecOf({
      ...base,
      attempt: 'first',
      persons: [{ property: 'plan', op: 'in', value: 'gold, silver' }],
      limits: [null, null, { value: 2, unit: 'hour' }],
      breakdown: 'loyalty_tier',
      breakdownOn: 'person',
    });
    expect(spec).toEqual({
      steps: [
        { event: 'Product Viewed' },
        { event: 'Checkout Started' },
        { event: 'Order Completed', window: { value: 2, unit: 'hour' } },
      ],
      order: 'ordered',
      attempt: 'first',
      window: { value: 7, unit: 'day' },
      range: { last: { value: 30, unit: 'day' } },
      persons: [{ on: 'person', property: 'plan', op: 'in', value: ['gold', 'silver'] }],
      breakdown: { on: 'person', property: 'loyalty_tier', limit: 5 },
    });
  });

  it('names what is wrong with a trait filter or a time limit', () => {
    expect(choicesProblem({ ...base, persons: [{ property: '', op: 'eq', value: '' }] })).toBe(
      'Choose a trait for every filter.',
    );
    expect(choicesProblem({ ...base, order: 'unordered', limits: [null, { value: 1, unit: 'day' }, null] })).toMatch(
      /no time limits/,
    );
    expect(choicesProblem({ ...base, persons: [{ property: 'plan', op: 'is_set', value: '' }] })).toBeNull();
  });

  it('sends time between steps, and refuses them in a funnel in any order', () => {
    const timeBetween = [
      {
        fromStep: 0,
        toStep: 2,
        min: { value: 1, unit: 'minute' as const },
        max: { value: Number.NaN, unit: 'hour' as const },
      },
    ];
    expect(funnelSpecOf({ ...base, timeBetween }).timeBetween).toEqual([
      { fromStep: 0, toStep: 2, min: { value: 1, unit: 'minute' } },
    ]);
    expect(funnelSpecOf({ ...base, timeBetween: [] })).not.toHaveProperty('timeBetween');
    expect(choicesProblem({ ...base, timeBetween })).toBeNull();
    expect(choicesProblem({ ...base, order: 'unordered', timeBetween })).toMatch(/no time between steps/);
  });
});
