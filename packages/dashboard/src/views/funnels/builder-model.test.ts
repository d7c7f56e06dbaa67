import { describe, expect, it } from 'vitest';
import { exclusionsProblem, filterOf, filterProblem, moveStep, removeStep, stepSpecs } from './builder-model.js';
import { funnelSpecOf } from './funnel-model.js';

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
});
