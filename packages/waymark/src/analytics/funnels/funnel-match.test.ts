import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventColumns, matchPerson as matchColumns, type FunnelPlan, type PersonEvent } from './funnel-match.js';

// Events are written as tuples here; the matcher reads them as columns.
const matchPerson = (events: readonly PersonEvent[], p: FunnelPlan) => matchColumns(eventColumns(events), p);

const MIN = 60_000;
const DAY = 86_400_000;
const plan = (over: Partial<FunnelPlan> = {}): FunnelPlan => ({
  steps: 3,
  order: 'ordered',
  attempt: 'best',
  window: { value: 1, unit: 'day' },
  exclusions: [],
  constraints: [],
  rangeFrom: 0,
  rangeTo: 10 * DAY,
  now: 100 * DAY,
  ...over,
});
/** `[minute, step]` pairs; step -1 is an event matching no step, 'x' an exclusion event. */
const evs = (...list: [number, number | 'x'][]): PersonEvent[] =>
  list.map(([m, s]) => [m * MIN, typeof s === 'number' && s >= 0 ? 1 << s : 0, s === 'x' ? 1 : 0, `v${m}`]);

describe('funnel matching, scenario table', () => {
  const cases: {
    name: string;
    events: PersonEvent[];
    plan: Partial<FunnelPlan>;
    reached: number | undefined;
    times?: number[];
  }[] = [
    { name: 'all steps in order', events: evs([0, 0], [5, 1], [9, 2]), plan: {}, reached: 3, times: [0, 5, 9] },
    {
      name: 'other events in between are fine when ordered',
      events: evs([0, 0], [1, -1], [5, 1], [9, 2]),
      plan: {},
      reached: 3,
    },
    {
      name: 'strict: an event in between ends the attempt',
      events: evs([0, 0], [1, -1], [5, 1], [9, 2]),
      plan: { order: 'strict' },
      reached: 1,
    },
    {
      name: 'strict: immediate sequence converts',
      events: evs([0, 0], [5, 1], [9, 2]),
      plan: { order: 'strict' },
      reached: 3,
    },
    { name: 'steps out of order do not count when ordered', events: evs([0, 0], [5, 2], [9, 1]), plan: {}, reached: 2 },
    {
      name: 'unordered counts any order',
      events: evs([0, 0], [5, 2], [9, 1]),
      plan: { order: 'unordered' },
      reached: 3,
      times: [0, 5, 9],
    },
    {
      name: 'unordered can start at any step',
      events: evs([0, 2], [5, 1], [9, 0]),
      plan: { order: 'unordered' },
      reached: 3,
    },
    { name: 'never did step 0', events: evs([0, 1], [5, 2]), plan: {}, reached: undefined },
    {
      name: 'window closes: step 2 a day and a minute after step 0',
      events: evs([0, 0], [5, 1], [24 * 60 + 1, 2]),
      plan: {},
      reached: 2,
    },
    {
      name: 'best attempt: a later attempt gets further',
      events: evs([0, 0], [5, 1], [3 * 24 * 60, 0], [3 * 24 * 60 + 1, 1], [3 * 24 * 60 + 2, 2]),
      plan: {},
      reached: 3,
      times: [3 * 24 * 60, 3 * 24 * 60 + 1, 3 * 24 * 60 + 2],
    },
    {
      name: 'first attempt: only the first entry counts',
      events: evs([0, 0], [5, 1], [3 * 24 * 60, 0], [3 * 24 * 60 + 1, 1], [3 * 24 * 60 + 2, 2]),
      plan: { attempt: 'first' },
      reached: 2,
    },
    {
      name: 'step 0 before the range does not start an attempt',
      events: evs([0, 0], [5, 1]),
      plan: { rangeFrom: MIN },
      reached: undefined,
    },
    {
      name: 'later steps may fall after the range',
      events: evs([0, 0], [5, 1], [9, 2]),
      plan: { rangeTo: MIN },
      reached: 3,
    },
    {
      name: 'per-step window: step 1 must follow within 3 minutes',
      events: evs([0, 0], [5, 1], [9, 2]),
      plan: { constraints: [{ fromStep: 0, toStep: 1, max: { value: 3, unit: 'minute' } }] },
      reached: 1,
    },
    {
      name: 'minimum time between steps skips a too-early event and takes a later one',
      events: evs([0, 0], [2, 1], [6, 1], [9, 2]),
      plan: { constraints: [{ fromStep: 0, toStep: 1, minMs: 5 * MIN }] },
      reached: 3,
      times: [0, 6, 9],
    },
    {
      name: 'exclusion between steps 0 and 1 removes the person',
      events: evs([0, 0], [2, 'x'], [5, 1], [9, 2]),
      plan: { exclusions: [{ fromStep: 0, toStep: 1 }] },
      reached: undefined,
    },
    {
      name: 'exclusion outside its steps is ignored',
      events: evs([0, 0], [5, 1], [7, 'x'], [9, 2]),
      plan: { exclusions: [{ fromStep: 0, toStep: 1 }] },
      reached: 3,
    },
    {
      name: 'an excluded attempt leaves a clean later attempt to count',
      events: evs([0, 0], [2, 'x'], [5, 1], [30, 0], [35, 1]),
      plan: { exclusions: [{ fromStep: 0, toStep: 1 }] },
      reached: 2,
      times: [30, 35],
    },
    {
      name: 'repeated step event: one event fills one step',
      events: (
        [
          [0, 0b011, 0, ''],
          [5, 0b011, 0, ''],
          [9, 0b100, 0, ''],
        ] as PersonEvent[]
      ).map(([t, s, x, v]) => [t * MIN, s, x, v] as PersonEvent),
      plan: {},
      reached: 3,
      times: [0, 5, 9],
    },
  ];
  it.each(cases)('$name', ({ events, plan: over, reached, times }) => {
    const result = matchPerson(events, plan(over));
    expect(result?.reached).toBe(reached);
    if (times) expect(result?.times.map((t) => t / MIN)).toEqual(times);
  });

  it('an incomplete attempt is in progress while its window is open, dropped after', () => {
    const events = evs([0, 0], [5, 1]);
    expect(matchPerson(events, plan({ now: 10 * MIN }))?.open).toBe(true);
    expect(matchPerson(events, plan({ now: DAY + MIN }))?.open).toBe(false);
    // A per-step window closes it sooner.
    const tight = plan({
      now: 20 * MIN,
      constraints: [{ fromStep: 1, toStep: 2, max: { value: 10, unit: 'minute' } }],
    });
    expect(matchPerson(events, tight)?.open).toBe(false);
  });
});

const eventArb = fc.tuple(fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: -1, max: 3 }));
const sorted = (list: [number, number][]): PersonEvent[] =>
  list.map(([m, s]): PersonEvent => [m * MIN, s >= 0 ? 1 << s : 0, 0, '']).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('funnel matching, properties', () => {
  const four = { steps: 4, window: { value: 1, unit: 'day' as const } };
  it('unordered >= ordered >= strict, for best attempts', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (list) => {
        const events = sorted(list);
        const r = (order: FunnelPlan['order']): number => matchPerson(events, plan({ ...four, order }))?.reached ?? 0;
        expect(r('unordered')).toBeGreaterThanOrEqual(r('ordered'));
        expect(r('ordered')).toBeGreaterThanOrEqual(r('strict'));
      }),
    );
  });

  it('best attempts reach at least as far as first attempts', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (list) => {
        const events = sorted(list);
        const best = matchPerson(events, plan(four))?.reached ?? 0;
        expect(best).toBeGreaterThanOrEqual(matchPerson(events, plan({ ...four, attempt: 'first' }))?.reached ?? 0);
      }),
    );
  });

  it('a longer window never loses steps', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.integer({ min: 1, max: 48 }), (list, hours) => {
        const events = sorted(list);
        const short = matchPerson(events, plan({ ...four, window: { value: hours, unit: 'hour' } }))?.reached ?? 0;
        const long = matchPerson(events, plan({ ...four, window: { value: hours + 24, unit: 'hour' } }))?.reached ?? 0;
        expect(long).toBeGreaterThanOrEqual(short);
      }),
    );
  });

  it('splitting the date range never loses persons: entering the whole means entering a half', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.integer({ min: 1, max: 3 * 24 * 60 }), (list, cut) => {
        const events = sorted(list);
        const whole = plan({ ...four, rangeFrom: 0, rangeTo: 3 * DAY });
        const entered = (p: FunnelPlan): boolean => matchPerson(events, p) !== undefined;
        const halves = entered({ ...whole, rangeTo: cut * MIN }) || entered({ ...whole, rangeFrom: cut * MIN });
        expect(entered(whole)).toBe(halves);
      }),
    );
  });

  it('step times never go backwards', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 40 }),
        fc.constantFrom('ordered', 'strict', 'unordered'),
        (list, order) => {
          const times = matchPerson(sorted(list), plan({ ...four, order: order as FunnelPlan['order'] }))?.times ?? [];
          for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
        },
      ),
    );
  });
});
