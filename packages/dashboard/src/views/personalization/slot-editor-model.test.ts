import { describe, expect, it } from 'vitest';
import type { Slot } from '../../api/personalization.js';
import {
  draftOf,
  newCondition,
  newRule,
  newSlotDraft,
  newVariant,
  slotIdFor,
  slotOf,
  type SlotDraft,
} from './slot-editor-model.js';
import { slotErrorKey } from './slot-errors.js';

// A slot in the shape of docs/personalization.md's checkout banner, with every kind of strategy.
const banner: Slot = {
  id: 'checkout-banner',
  name: 'Checkout banner',
  description: 'Above the basket',
  variants: [
    { id: 'control', name: 'Free shipping', content: { type: 'text', value: 'Free shipping over €50' } },
    { id: 'returning', content: { type: 'html', value: '<b>Welcome back</b>' }, offer: 'THANKYOU10' },
    { id: 'bold', content: { type: 'json', value: { colour: 'red', size: 2 } } },
  ],
  default: 'control',
  rules: [
    {
      id: 'returning',
      name: 'Returning customers',
      priority: 10,
      when: { and: [{ segment: 'repeat-buyers' }, { trait: { property: 'orders_count', op: 'gte', value: 1 } }] },
      strategy: { type: 'variant', variant: 'returning' },
    },
    {
      id: 'mobile',
      when: { context: { property: 'device', op: 'in', value: ['mobile', 'tablet'] } },
      strategy: { type: 'split', weights: { control: 1, bold: 3 } },
    },
    { id: 'test', strategy: { type: 'experiment', experiment: 'banner-test' } },
    {
      id: 'learn',
      when: { not: { segment: 'repeat-buyers' } },
      strategy: {
        type: 'bandit',
        variants: ['control', 'bold'],
        conversion: { event: 'Order Completed', withinDays: 3 },
      },
    },
  ],
  holdout: 0.05,
  seed: 'banner-2026',
  status: 'active',
};

describe('slot editor', () => {
  it('opens a saved slot and saves it back unchanged', () => {
    const draft = draftOf(banner);
    expect(draft.rules.map((r) => r.match)).toEqual(['all', 'all', 'everyone', 'json']);
    expect(draft.holdoutPercent).toBe(5);
    expect(draft.variants[2]?.content).toBe('{\n  "colour": "red",\n  "size": 2\n}');
    expect(slotOf(draft)).toEqual({ slot: banner });
  });

  it('makes the targeting from the rows: one condition alone, several under and / or', () => {
    const draft: SlotDraft = { ...newSlotDraft(), id: 'hero', name: 'Hero' };
    const rule = newRule(0, 'control');
    rule.conditions = [
      { ...newCondition('trait'), property: 'plan', op: 'in', value: 'gold, silver, 3' },
      { ...newCondition('context'), property: 'utm_source', op: 'eq', value: 'newsletter' },
      { ...newCondition('trait'), property: 'zip', op: 'eq', value: '01234' },
      { ...newCondition('trait'), property: 'vip', op: 'eq', value: 'true' },
    ];
    rule.match = 'any';
    draft.rules = [rule];
    const made = slotOf(draft);
    expect('slot' in made && made.slot.rules[0]?.when).toEqual({
      or: [
        { trait: { property: 'plan', op: 'in', value: ['gold', 'silver', 3] } },
        { context: { property: 'utm_source', op: 'eq', value: 'newsletter' } },
        { trait: { property: 'zip', op: 'eq', value: '01234' } },
        { trait: { property: 'vip', op: 'eq', value: true } },
      ],
    });
    rule.conditions = [{ ...newCondition('segment'), segment: 'vips' }];
    const single = slotOf(draft);
    expect('slot' in single && single.slot.rules[0]).toEqual({
      id: 'rule-1',
      when: { segment: 'vips' },
      strategy: { type: 'variant', variant: 'control' },
    });
  });

  it('leaves zero weights out of a split and defaults left alone', () => {
    const draft: SlotDraft = {
      ...newSlotDraft(),
      id: 'hero',
      name: 'Hero',
      variants: [newVariant('a'), newVariant('b')],
    };
    const rule = { ...newRule(0), match: 'everyone' as const };
    rule.strategy = { ...rule.strategy, type: 'split', weights: { a: 2, b: 0 } };
    draft.rules = [rule];
    const made = slotOf(draft);
    expect('slot' in made && made.slot).toEqual({
      id: 'hero',
      name: 'Hero',
      variants: [
        { id: 'a', content: { type: 'text', value: '' } },
        { id: 'b', content: { type: 'text', value: '' } },
      ],
      default: 'control',
      rules: [{ id: 'rule-1', strategy: { type: 'split', weights: { a: 2 } } }],
      status: 'active',
    });
  });

  it('says which field cannot be read before asking the server', () => {
    const draft = draftOf(banner);
    draft.variants[2]!.content = '{ "colour": ';
    expect(slotOf(draft)).toEqual({
      problem: { field: 'variants[2].content.value', message: expect.stringContaining('is not JSON yet') },
    });
    const rules = draftOf(banner);
    rules.rules[3]!.whenJson = 'nope';
    expect(slotOf(rules)).toEqual({ problem: { field: 'rules[3].when', message: expect.any(String) } });
  });

  it('makes an id from the name', () => {
    expect(slotIdFor('Checkout banner (EU)')).toBe('checkout-banner-eu');
    expect(slotIdFor('  Été — Hero!  ')).toBe('ete-hero');
  });

  it.each([
    ['name', 'name'],
    ['id', 'id'],
    ['default', 'default'],
    ['variants[1].content.value', 'variants[1].content'],
    ['variants[0].offer', 'variants[0].offer'],
    ['variants[2]', 'variants[2].id'],
    ['variants[9].id', 'variants'],
    ['rules[0].when.and[1].trait.value', 'rules[0].when[1]'],
    ['rules[0].when.and[7].segment', 'rules[0].when'],
    ['rules[1].when.context.value', 'rules[1].when[0]'],
    ['rules[3].when.not.segment', 'rules[3].when'],
    ['rules[1].strategy.weights.bold', 'rules[1].strategy'],
    ['rules[2].strategy.experiment', 'rules[2].strategy'],
    ['rules[0].priority', 'rules[0].priority'],
    ['rules[8].id', 'rules'],
    ['slot', 'form'],
    [undefined, 'form'],
  ])('shows an error about %s by %s', (field, key) => {
    expect(slotErrorKey(field, draftOf(banner))).toBe(key);
  });
});
