import { describe, expect, it } from 'vitest';
import { bucket } from './hash.js';
import { decide, type DecisionEnv } from './decide.js';
import type { Experiment, Slot } from './model.js';
import { matches } from './targeting.js';

const NOW = Date.parse('2026-11-30T10:00:00Z'); // a Monday

const experiment: Experiment = {
  id: 'hero-test',
  name: 'Hero test',
  variants: [
    { id: 'control', weight: 1 },
    { id: 'bold', weight: 1 },
  ],
  metrics: { primary: { id: 'buy', type: 'conversion', event: 'Order Completed' } },
  status: 'running',
  start: '2026-11-01T00:00:00Z',
};

const slot: Slot = {
  id: 'home-hero',
  name: 'Home hero',
  default: 'control',
  variants: [
    { id: 'control', content: { type: 'text', value: 'Welcome' } },
    { id: 'bold', content: { type: 'html', value: '<b>Welcome</b>' } },
    { id: 'vip', content: { type: 'text', value: 'Welcome back' }, offer: 'VIP10' },
    { id: 'mobile', content: { type: 'json', value: { image: 'small.jpg' } } },
  ],
  rules: [
    { id: 'test', strategy: { type: 'experiment', experiment: 'hero-test' } },
    { id: 'vips', priority: 10, when: { segment: 'vip' }, strategy: { type: 'variant', variant: 'vip' } },
    {
      id: 'phones',
      priority: 5,
      when: { context: { property: 'device', op: 'eq', value: 'mobile' } },
      strategy: { type: 'variant', variant: 'mobile' },
    },
  ],
};
const env: DecisionEnv = { experiments: new Map([[experiment.id, experiment]]) };
const ask = (over: Partial<Parameters<typeof decide>[2]> = {}, s: Slot = slot, e: DecisionEnv = env) =>
  decide(s, s.id, { anonymousId: 'a-1', segments: new Set(), now: NOW, ...over }, e);

describe('decide', () => {
  it('takes the first matching rule by priority and says why', () => {
    expect(ask({ segments: new Set(['vip']), context: { device: 'mobile' } })).toEqual({
      slot: 'home-hero',
      variant: 'vip',
      content: { type: 'text', value: 'Welcome back' },
      offer: 'VIP10',
      source: 'rule',
      reason: 'rule "vips" matched',
      rule: 'vips',
    });
    expect(ask({ context: { device: 'mobile' } })).toMatchObject({ variant: 'mobile', rule: 'phones' });
  });

  it('assigns experiment variants deterministically, about evenly', () => {
    const counts = { control: 0, bold: 0 };
    for (let i = 0; i < 4000; i += 1) {
      const d = ask({ anonymousId: `visitor-${i}` });
      expect(d).toMatchObject({ source: 'experiment', experiment: 'hero-test' });
      counts[d.variant as 'control' | 'bold'] += 1;
      expect(ask({ anonymousId: `visitor-${i}` }).variant).toBe(d.variant);
    }
    expect(counts.control / 4000).toBeGreaterThan(0.46);
    expect(counts.control / 4000).toBeLessThan(0.54);
    // The anonymous id wins over the user id by default, so logging in keeps the variant.
    expect(ask({ anonymousId: 'visitor-1', userId: 'ann' }).variant).toBe(ask({ anonymousId: 'visitor-1' }).variant);
  });

  it('passes over an experiment that is stopped or leaves the person out, to the default', () => {
    const stopped = new Map([['hero-test', { ...experiment, status: 'stopped' as const }]]);
    expect(ask({}, slot, { experiments: stopped })).toMatchObject({
      variant: 'control',
      source: 'default',
      reason: 'no rule applied (experiment "hero-test" is not running)',
    });
    const tiny = new Map([['hero-test', { ...experiment, traffic: 0 }]]);
    expect(ask({}, slot, { experiments: tiny }).reason).toContain('outside experiment "hero-test"\'s traffic');
  });

  it('never throws: unknown slots, unknown variants and unevaluable rules give the default with a reason', () => {
    expect(decide(undefined, 'nope', { now: NOW }, env)).toEqual({
      slot: 'nope',
      variant: null,
      source: 'default',
      reason: 'no slot "nope"',
    });
    // Local evaluation without segment membership: the rule cannot be evaluated.
    expect(ask({ segments: undefined })).toMatchObject({
      variant: 'control',
      source: 'default',
      reason: 'rule "vips" could not be evaluated: membership of segment "vip" is not known here',
    });
    const broken: Slot = {
      ...slot,
      rules: [{ id: 'r', strategy: { type: 'variant', variant: 'gone' } }],
    };
    expect(ask({}, broken)).toMatchObject({
      variant: 'control',
      reason: 'variant "gone" is not a variant of this slot',
    });
    const badRegex: Slot = {
      ...slot,
      rules: [
        {
          id: 'r',
          when: { context: { property: 'url', op: 'regex', value: '(' } },
          strategy: { type: 'variant', variant: 'vip' },
        },
      ],
    };
    expect(ask({ context: { url: 'x' } }, badRegex).reason).toContain('is not a valid regular expression');
  });

  it('keeps a holdout on the default and splits by weight', () => {
    const split: Slot = {
      ...slot,
      holdout: 0.1,
      rules: [{ id: 'split', strategy: { type: 'split', weights: { bold: 3, vip: 1 } } }],
    };
    const seen = { holdout: 0, bold: 0, vip: 0 };
    for (let i = 0; i < 4000; i += 1) {
      const d = ask({ anonymousId: `v${i}` }, split);
      if (d.source === 'holdout') {
        expect(bucket('home-hero:holdout', `v${i}`)).toBeLessThan(0.1);
        seen.holdout += 1;
      } else seen[d.variant as 'bold' | 'vip'] += 1;
    }
    expect(seen.holdout / 4000).toBeCloseTo(0.1, 1);
    expect(seen.bold / (seen.bold + seen.vip)).toBeCloseTo(0.75, 1);
  });

  it('follows bandit weights', () => {
    const bandit: Slot = {
      ...slot,
      rules: [
        { id: 'b', strategy: { type: 'bandit', variants: ['bold', 'vip'], conversion: { event: 'Order Completed' } } },
      ],
    };
    const weighted = { ...env, banditWeights: new Map([['home-hero:b', { bold: 0.9, vip: 0.1 }]]) };
    let bold = 0;
    for (let i = 0; i < 2000; i += 1) if (ask({ anonymousId: `v${i}` }, bandit, weighted).variant === 'bold') bold += 1;
    expect(bold / 2000).toBeCloseTo(0.9, 1);
    expect(ask({}, bandit).reason).toContain('equal traffic');
  });
});

describe('targeting', () => {
  const facts = {
    segments: new Set(['buyers']),
    traits: { plan: 'gold', age: 34, interests: ['running', 'yoga'], address: { country: 'FR' } },
    context: { device: 'mobile', utm_source: 'newsletter', url: 'https://shop.example/sale?x=1' },
    now: NOW,
  };
  it.each([
    [{ trait: { property: 'plan', op: 'eq', value: 'gold' } }, true],
    [{ trait: { property: 'age', op: 'gte', value: 30 } }, true],
    [{ trait: { property: 'age', op: 'lt', value: '30' } }, false],
    [{ trait: { property: 'interests', op: 'contains', value: 'yoga' } }, true],
    [{ trait: { property: 'address.country', op: 'in', value: ['FR', 'DE'] } }, true],
    [{ trait: { property: 'email', op: 'is_not_set' } }, true],
    [{ context: { property: 'url', op: 'regex', value: '/sale' } }, true],
    [{ and: [{ segment: 'buyers' }, { not: { context: { property: 'device', op: 'eq', value: 'desktop' } } }] }, true],
    [{ or: [{ segment: 'vip' }, { context: { property: 'utm_source', op: 'neq', value: 'newsletter' } }] }, false],
    [{ time: { days: ['mon'], hours: [9, 12] } }, true],
    [{ time: { hours: [9, 12], timezone: 'America/New_York' } }, false],
    [{ time: { hours: [22, 6], timezone: 'Asia/Tokyo' } }, false],
  ] as const)('%j is %s', (t, expected) => {
    expect(matches(t as never, facts)).toBe(expected);
  });
});
