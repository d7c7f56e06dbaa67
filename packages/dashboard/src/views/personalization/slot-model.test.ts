import { describe, expect, it } from 'vitest';
import type { Slot } from '../../api/personalization.js';
import {
  EMPTY_PREVIEW,
  contentSource,
  decisionSentence,
  describeHoldout,
  describeStrategy,
  describeTargeting,
  htmlPreviewDocument,
  previewProblem,
  previewRequestOf,
  rulesByPriority,
} from './slot-model.js';

/** The demo's checkout banner (docs/personalization.md). */
const slot: Slot = {
  id: 'checkout-banner',
  name: 'Checkout banner',
  variants: [
    { id: 'control', name: 'Secure checkout', content: { type: 'text', value: 'Secure checkout' } },
    { id: 'reassure', name: 'Free returns message', content: { type: 'html', value: '<strong>Free returns</strong>' } },
    { id: 'returning', name: 'Thank-you offer', content: { type: 'json', value: { code: 'X' } }, offer: 'THANKYOU10' },
  ],
  default: 'control',
  rules: [
    { id: 'reassurance-test', strategy: { type: 'experiment', experiment: 'checkout-reassurance' } },
    {
      id: 'returning-customers',
      name: 'Customers who ordered before',
      priority: 10,
      when: { trait: { property: 'orders_count', op: 'gte', value: 1 } },
      strategy: { type: 'variant', variant: 'returning' },
    },
    { id: 'also-zero', strategy: { type: 'variant', variant: 'control' } },
  ],
};

describe('a slot in words', () => {
  it('lists rules as they are tried: higher priority first, equal priorities in their order', () => {
    expect(rulesByPriority(slot.rules).map((r) => r.id)).toEqual([
      'returning-customers',
      'reassurance-test',
      'also-zero',
    ]);
  });

  it.each([
    [undefined, 'Everyone'],
    [{ trait: { property: 'orders_count', op: 'gte', value: 1 } }, 'trait orders_count is at least 1'],
    [{ context: { property: 'device', op: 'eq', value: 'mobile' } }, 'request device is “mobile”'],
    [{ trait: { property: 'email', op: 'is_set' } }, 'trait email is set'],
    [{ trait: { property: 'plan', op: 'in', value: ['gold', 'vip'] } }, 'trait plan is one of “gold”, “vip”'],
    [{ segment: 'repeat-buyers' }, 'in segment “repeat-buyers”'],
    [
      {
        and: [
          { segment: 'vips' },
          { or: [{ context: { property: 'utm_source', op: 'eq', value: 'mail' } }, { not: { segment: 'b' } }] },
        ],
      },
      'in segment “vips” and (request utm_source is “mail” or not in segment “b”)',
    ],
    [
      { time: { hours: [18, 23], days: ['sat', 'sun'], timezone: 'Europe/Paris' } },
      'local time from 18:00 to 23:00 on Sat, Sun (Europe/Paris)',
    ],
    [{ bogus: 1 }, 'an unknown condition (never matches)'],
  ] as const)('targeting %j reads %j', (when, text) => {
    expect(describeTargeting(when as never)).toBe(text);
  });

  it('says what each strategy does', () => {
    expect(describeStrategy({ type: 'variant', variant: 'returning' }, slot)).toBe('Show Thank-you offer (returning)');
    expect(describeStrategy({ type: 'split', weights: { control: 3, reassure: 1 } }, slot)).toBe(
      'Split, sticky per person: Secure checkout (control) 75% · Free returns message (reassure) 25%',
    );
    expect(describeStrategy({ type: 'experiment', experiment: 'x' }, slot)).toContain('experiment “x”');
    expect(
      describeStrategy(
        { type: 'bandit', variants: ['control', 'nope'], conversion: { event: 'Order Completed' } },
        slot,
      ),
    ).toBe('Bandit between Secure checkout (control), nope, learning from Order Completed within 7 days');
  });

  it('says the holdout', () => {
    expect(describeHoldout(slot)).toBe('No holdout: everyone goes through the rules.');
    expect(describeHoldout({ ...slot, holdout: 0.05 })).toBe(
      '5% of persons always see Secure checkout (control), to measure personalization against.',
    );
  });
});

describe('variant content', () => {
  it('is text to show, never markup to inject', () => {
    expect(contentSource(slot.variants[1]!.content)).toBe('<strong>Free returns</strong>');
    expect(contentSource(slot.variants[2]!.content)).toBe('{\n  "code": "X"\n}');
    expect(contentSource(undefined)).toBe('');
  });

  it('renders HTML only as a document of its own (for a sandboxed iframe)', () => {
    const doc = htmlPreviewDocument('<b>Hi</b>');
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    expect(doc).toContain('<body><b>Hi</b></body>');
  });
});

describe('the preview', () => {
  it('needs an id and a well-formed URL', () => {
    expect(previewProblem(EMPTY_PREVIEW)).toBe('Enter a customer’s user id or a visitor’s anonymous id.');
    expect(previewProblem({ ...EMPTY_PREVIEW, id: 'cus_1', url: 'shop.example' })).toBe(
      'The page URL must start with http(s)://.',
    );
    expect(previewProblem({ ...EMPTY_PREVIEW, id: 'cus_1' })).toBeNull();
  });

  it('sends the id and only the context fields given', () => {
    expect(previewRequestOf({ ...EMPTY_PREVIEW, id: ' cus_42_8487 ' })).toEqual({ userId: 'cus_42_8487' });
    expect(
      previewRequestOf({
        idKind: 'anonymousId',
        id: 'visitor-1',
        device: 'mobile',
        utmSource: 'newsletter',
        url: 'https://shop.example/checkout',
      }),
    ).toEqual({
      anonymousId: 'visitor-1',
      context: { device: 'mobile', utm_source: 'newsletter', url: 'https://shop.example/checkout' },
    });
  });

  it('explains a decision with the server’s reason and the rule’s name', () => {
    const sentence = decisionSentence(
      {
        slot: 'checkout-banner',
        variant: 'returning',
        source: 'rule',
        reason: 'rule "returning-customers" matched',
        rule: 'returning-customers',
        offer: 'THANKYOU10',
      },
      slot,
    );
    expect(sentence).toBe(
      'They would see Thank-you offer (returning): rule "returning-customers" matched (Customers who ordered before).',
    );
  });
});
