import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from './event.js';
import {
  DEFAULT_SESSION_GAP_MS,
  applyEvent,
  applyTraits,
  emptyProfile,
  mergeProfiles,
  traitValues,
  type Profile,
  type ProfileEvent,
  type TraitValue,
} from './profile.js';

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MINUTE = 60_000;
const at = (minutes: number): number => T0 + minutes * MINUTE;

/** One event of a scenario: when (minutes after T0) and what it says; everything else is empty. */
interface Step {
  at: number;
  event?: string;
  revenue?: number;
  channel?: string;
  device?: [type: string, os: string, browser: string];
  traits?: Record<string, JsonValue>;
}

function eventOf(step: Step): ProfileEvent {
  const [deviceType, os, browser] = step.device ?? ['', '', ''];
  return {
    timestamp: at(step.at),
    event: step.event ?? 'Product Viewed',
    traits: JSON.stringify(step.traits ?? {}),
    revenue: step.revenue ?? 0,
    channel: step.channel ?? '',
    device_type: deviceType,
    os,
    browser,
  };
}

function fold(steps: readonly Step[], personId = 'p-1'): Profile {
  const profile = emptyProfile('shop', personId);
  for (const step of steps) applyEvent(profile, eventOf(step));
  return profile;
}

describe('applyEvent: sessions and first/last seen', () => {
  it.each([
    { name: 'one event', minutes: [0], sessions: 1 },
    { name: 'events less than 30 minutes apart', minutes: [0, 10, 39, 68], sessions: 1 },
    { name: 'a gap of exactly 30 minutes', minutes: [0, 30], sessions: 1 },
    { name: 'a gap just over 30 minutes', minutes: [0, 30.001], sessions: 2 },
    { name: 'a morning, a lunch and a next-day visit', minutes: [0, 5, 12, 180, 185, 24 * 60], sessions: 3 },
    { name: 'events at the same time', minutes: [0, 0, 0], sessions: 1 },
    { name: 'an older visit arriving late', minutes: [120, 125, 0], sessions: 2 },
    { name: 'an event between known ones', minutes: [0, 120, 60], sessions: 2 },
  ])('$name: $sessions session(s)', ({ minutes, sessions }) => {
    const profile = fold(minutes.map((m) => ({ at: m })));
    expect(profile).toMatchObject({
      sessions,
      eventCount: minutes.length,
      firstSeen: at(Math.min(...minutes)),
      lastSeen: at(Math.max(...minutes)),
    });
  });

  it('counts sessions with the gap it is given', () => {
    const profile = emptyProfile('shop', 'p-1');
    for (const m of [0, 6, 12]) applyEvent(profile, eventOf({ at: m }), 5 * MINUTE);
    expect(profile.sessions).toBe(3);
  });

  it('starts empty', () => {
    expect(emptyProfile('shop', 'p-1')).toEqual({
      projectId: 'shop',
      personId: 'p-1',
      traits: {},
      firstSeen: 0,
      lastSeen: 0,
      sessions: 0,
      eventCount: 0,
      eventCounts: {},
      revenue: 0,
      channels: [],
      devices: [],
    });
    expect(DEFAULT_SESSION_GAP_MS).toBe(30 * MINUTE);
  });
});

describe('applyEvent: segment membership events', () => {
  it('are not activity: seen times, sessions and counts stay as the customer left them', () => {
    const before = fold([{ at: 0 }, { at: 5 }]);
    const after = fold([
      { at: 0 },
      { at: 5 },
      { at: 600, event: 'Segment Entered' },
      { at: 900, event: 'Segment Exited' },
    ]);
    expect(after).toEqual(before);
  });
});

describe('applyEvent: counts, revenue, channels, devices', () => {
  const journey: Step[] = [
    { at: 0, event: '$page', channel: 'Paid Search', device: ['mobile', 'iOS', 'Safari'] },
    { at: 1, event: 'Product Viewed', device: ['mobile', 'iOS', 'Safari'] },
    { at: 2, event: 'Product Added' },
    { at: 3 * 24 * 60, event: '$page', channel: 'Email', device: ['desktop', 'Windows', 'Chrome'] },
    { at: 3 * 24 * 60 + 4, event: 'Order Completed', revenue: 0.1 },
    { at: 3 * 24 * 60 + 5, event: 'Order Completed', revenue: 0.2 },
    { at: 9 * 24 * 60, event: '$page', channel: 'Paid Search', device: ['desktop', 'Windows', 'Edge'] },
    { at: 9 * 24 * 60 + 1, event: 'Order Refunded', revenue: -0.1 },
    { at: 12 * 24 * 60, event: '$page', channel: 'Direct', device: ['mobile', 'iOS', 'Safari'] },
  ];

  it('counts each event name', () => {
    expect(fold(journey).eventCounts).toEqual({
      $page: 4,
      'Product Viewed': 1,
      'Product Added': 1,
      'Order Completed': 2,
      'Order Refunded': 1,
    });
  });

  it('sums revenue, refunds included, without floating-point dust', () => {
    expect(fold(journey).revenue).toBe(0.2);
  });

  it('lists channels in the order first seen, once each, the acquisition channel first', () => {
    expect(fold(journey).channels).toEqual(['Paid Search', 'Email', 'Direct']);
  });

  it('lists each device, OS and browser combination once', () => {
    expect(fold(journey).devices).toEqual([
      { type: 'mobile', os: 'iOS', browser: 'Safari' },
      { type: 'desktop', os: 'Windows', browser: 'Chrome' },
      { type: 'desktop', os: 'Windows', browser: 'Edge' },
    ]);
  });

  it('keeps at most 50 channels and 50 devices', () => {
    const many = Array.from(
      { length: 60 },
      (_, i) => ({ at: i, channel: `c${i}`, device: ['desktop', 'Linux', `b${i}`] }) satisfies Step,
    );
    const profile = fold(many);
    expect(profile.channels).toHaveLength(50);
    expect(profile.devices).toHaveLength(50);
    expect(profile.eventCount).toBe(60);
  });
});

describe('applyEvent: traits', () => {
  const scenarios: { name: string; steps: Step[]; plan: TraitValue }[] = [
    {
      name: 'a first value',
      steps: [{ at: 0, traits: { plan: 'free' } }],
      plan: { value: 'free', changedAt: at(0), seenAt: at(0) },
    },
    {
      name: 'a change',
      steps: [
        { at: 0, traits: { plan: 'free' } },
        { at: 10, traits: { plan: 'pro' } },
      ],
      plan: { value: 'pro', changedAt: at(10), seenAt: at(10) },
    },
    {
      name: 'the same value stated again',
      steps: [
        { at: 0, traits: { plan: 'free' } },
        { at: 10, traits: { plan: 'pro' } },
        { at: 20, traits: { plan: 'pro' } },
      ],
      plan: { value: 'pro', changedAt: at(10), seenAt: at(20) },
    },
    {
      name: 'an older event arriving late',
      steps: [
        { at: 10, traits: { plan: 'pro' } },
        { at: 0, traits: { plan: 'free' } },
      ],
      plan: { value: 'pro', changedAt: at(10), seenAt: at(10) },
    },
    {
      name: 'the same object in a new key order',
      steps: [
        { at: 0, traits: { plan: { tier: 'pro', seats: 5 } } },
        { at: 10, traits: { plan: { tier: 'pro', seats: 5 } } },
      ],
      plan: { value: { tier: 'pro', seats: 5 }, changedAt: at(0), seenAt: at(10) },
    },
    {
      name: 'a value cleared with null',
      steps: [
        { at: 0, traits: { plan: 'free' } },
        { at: 10, traits: { plan: null } },
      ],
      plan: { value: null, changedAt: at(10), seenAt: at(10) },
    },
    {
      name: 'events without traits between',
      steps: [{ at: 0, traits: { plan: 'free' } }, { at: 5 }, { at: 10, traits: { email: 'ada@example.com' } }],
      plan: { value: 'free', changedAt: at(0), seenAt: at(0) },
    },
  ];
  it.each(scenarios)('$name', ({ steps, plan }) => {
    expect(fold(steps).traits['plan']).toEqual(plan);
  });

  it('keeps each trait on its own clock', () => {
    const profile = fold([
      { at: 0, traits: { plan: 'free', email: 'old@example.com' } },
      { at: 10, traits: { email: 'new@example.com' } },
      { at: 5, traits: { plan: 'pro', email: 'stale@example.com' } },
    ]);
    expect(traitValues(profile)).toEqual({ plan: 'pro', email: 'new@example.com' });
    expect(profile.traits['plan']).toMatchObject({ changedAt: at(5), seenAt: at(5) });
  });

  it('applies traits given directly, as the identify path of the API does', () => {
    const profile = emptyProfile('shop', 'p-1');
    applyTraits(profile, { vip: true }, at(3));
    applyTraits(profile, { vip: false }, at(1));
    expect(profile.traits).toEqual({ vip: { value: true, changedAt: at(3), seenAt: at(3) } });
  });
});

describe('mergeProfiles', () => {
  const laptop = fold(
    [
      {
        at: 0,
        event: '$page',
        channel: 'Email',
        device: ['desktop', 'macOS', 'Safari'],
        traits: { plan: 'free', email: 'ada@example.com' },
      },
      { at: 3, event: 'Order Completed', revenue: 30 },
      { at: 200, event: '$page', traits: { plan: 'pro' } },
    ],
    'person-laptop',
  );
  const phone = fold(
    [
      {
        at: 100,
        event: '$page',
        channel: 'Paid Social',
        device: ['mobile', 'iOS', 'Safari'],
        traits: { plan: 'trial' },
      },
      { at: 101, event: 'Order Completed', revenue: 12.5 },
      {
        at: 300,
        event: '$screen',
        channel: 'Email',
        device: ['desktop', 'macOS', 'Safari'],
        traits: { city: 'Berlin' },
      },
    ],
    'person-phone',
  );

  it('combines counts, revenue and time span under the surviving person', () => {
    expect(mergeProfiles(laptop, phone)).toMatchObject({
      projectId: 'shop',
      personId: 'person-laptop',
      firstSeen: at(0),
      lastSeen: at(300),
      sessions: laptop.sessions + phone.sessions,
      eventCount: 6,
      eventCounts: { $page: 3, 'Order Completed': 2, $screen: 1 },
      revenue: 42.5,
    });
  });

  it('keeps the most recently stated value of each trait', () => {
    expect(traitValues(mergeProfiles(laptop, phone))).toEqual({
      plan: 'pro',
      email: 'ada@example.com',
      city: 'Berlin',
    });
    expect(traitValues(mergeProfiles(phone, laptop))).toEqual({
      plan: 'pro',
      email: 'ada@example.com',
      city: 'Berlin',
    });
  });

  it('keeps the trait of the surviving person on a tie', () => {
    const a = emptyProfile('shop', 'a');
    const b = emptyProfile('shop', 'b');
    applyEvent(a, eventOf({ at: 0, traits: { plan: 'a' } }));
    applyEvent(b, eventOf({ at: 0, traits: { plan: 'b' } }));
    expect(traitValues(mergeProfiles(a, b))).toEqual({ plan: 'a' });
  });

  it('lists channels and devices from the earlier profile first, once each', () => {
    const expected = {
      channels: ['Email', 'Paid Social'],
      devices: [
        { type: 'desktop', os: 'macOS', browser: 'Safari' },
        { type: 'mobile', os: 'iOS', browser: 'Safari' },
      ],
    };
    expect(mergeProfiles(laptop, phone)).toMatchObject(expected);
    // The surviving person may be the one seen later: the acquisition channel still comes first.
    expect(mergeProfiles(phone, laptop)).toMatchObject({ ...expected, personId: 'person-phone' });
  });

  it('keeps at most 50 devices', () => {
    const many = (prefix: string) =>
      fold(
        Array.from({ length: 40 }, (_, i) => ({ at: i, device: ['desktop', 'Linux', `${prefix}${i}`] }) satisfies Step),
      );
    expect(mergeProfiles(many('a'), many('b')).devices).toHaveLength(50);
  });

  it('returns the other profile, renamed, when one side has no events', () => {
    const empty = emptyProfile('shop', 'person-new');
    expect(mergeProfiles(laptop, empty)).toBe(laptop);
    expect(mergeProfiles(empty, phone)).toEqual({ ...phone, personId: 'person-new' });
  });

  it('changes neither input', () => {
    const before = [structuredClone(laptop), structuredClone(phone)];
    mergeProfiles(laptop, phone);
    expect([laptop, phone]).toEqual(before);
  });
});

describe('profile invariants (property tests)', () => {
  const stepArb: fc.Arbitrary<Step> = fc.record({
    at: fc.integer({ min: 0, max: 14 * 24 * 60 }),
    event: fc.constantFrom('$page', 'Product Viewed', 'Order Completed'),
    revenue: fc.integer({ min: -5_000, max: 50_000 }).map((cents) => cents / 100),
    channel: fc.constantFrom('', 'Direct', 'Email', 'Paid Search'),
    traits: fc.dictionary(
      fc.constantFrom('plan', 'city', 'vip'),
      fc.oneof(fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
      {
        maxKeys: 2,
      },
    ),
  });
  // Distinct times: two events stating different values at the same instant have no single latest value.
  const journeyArb = fc.uniqueArray(stepArb, { minLength: 1, maxLength: 40, selector: (s) => s.at });
  const byTime = (steps: readonly Step[]): Step[] => [...steps].sort((a, b) => a.at - b.at);
  const sumOf = (steps: readonly Step[]): number =>
    steps.reduce((cents, s) => cents + Math.round((s.revenue ?? 0) * 100), 0) / 100;
  const traitsSeen = (p: Profile) =>
    Object.fromEntries(Object.entries(p.traits).map(([k, t]) => [k, { value: t.value, seenAt: t.seenAt }]));

  it('folded in time order: n events, summed revenue, sessions between 1 and n, one per gap over 30 minutes', () => {
    fc.assert(
      fc.property(journeyArb, (steps) => {
        const ordered = byTime(steps);
        const profile = fold(ordered);
        const gaps = ordered
          .slice(1)
          .filter((s, i) => at(s.at) - at((ordered[i] as Step).at) > DEFAULT_SESSION_GAP_MS).length;
        expect(profile.eventCount).toBe(steps.length);
        expect(profile.revenue).toBe(sumOf(steps));
        expect(profile.sessions).toBeGreaterThanOrEqual(1);
        expect(profile.sessions).toBeLessThanOrEqual(steps.length);
        expect(profile.sessions).toBe(1 + gaps);
        expect(profile.firstSeen).toBeLessThanOrEqual(profile.lastSeen);
        expect(profile.firstSeen).toBe(at((ordered[0] as Step).at));
        expect(profile.lastSeen).toBe(at((ordered[ordered.length - 1] as Step).at));
      }),
    );
  });

  it('folded in any order: the same counts, revenue, first/last seen and latest traits as in time order', () => {
    const shuffled = journeyArb.chain((steps) =>
      fc.tuple(fc.constant(steps), fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length })),
    );
    fc.assert(
      fc.property(shuffled, ([steps, arrival]) => {
        const expected = fold(byTime(steps));
        const actual = fold(arrival);
        expect(actual.eventCount).toBe(expected.eventCount);
        expect(actual.eventCounts).toEqual(expected.eventCounts);
        expect(actual.revenue).toBe(expected.revenue);
        expect(actual.firstSeen).toBe(expected.firstSeen);
        expect(actual.lastSeen).toBe(expected.lastSeen);
        expect(traitsSeen(actual)).toEqual(traitsSeen(expected));
        expect(new Set(actual.channels)).toEqual(new Set(expected.channels));
        expect(actual.sessions).toBeGreaterThanOrEqual(1);
        expect(actual.sessions).toBeLessThanOrEqual(steps.length);
      }),
    );
  });

  it('merged: what one fold of both histories gives, with sessions at most the sum', () => {
    const split = journeyArb.chain((steps) =>
      fc.tuple(fc.constant(steps), fc.array(fc.boolean(), { minLength: steps.length, maxLength: steps.length })),
    );
    fc.assert(
      fc.property(split, ([steps, onPhone]) => {
        const ordered = byTime(steps);
        const whole = fold(ordered, 'p-1');
        const laptop = fold(
          ordered.filter((_, i) => !onPhone[i]),
          'p-1',
        );
        const phone = fold(
          ordered.filter((_, i) => onPhone[i]),
          'p-2',
        );
        const merged = mergeProfiles(laptop, phone);
        expect(merged).toMatchObject({
          personId: 'p-1',
          eventCount: whole.eventCount,
          eventCounts: whole.eventCounts,
          revenue: whole.revenue,
          firstSeen: whole.firstSeen,
          lastSeen: whole.lastSeen,
        });
        expect(traitsSeen(merged)).toEqual(traitsSeen(whole));
        expect(new Set(merged.channels)).toEqual(new Set(whole.channels));
        expect(merged.sessions).toBeGreaterThanOrEqual(whole.sessions);
      }),
    );
  });
});
