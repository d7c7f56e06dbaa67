import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../core/time.js';
import { parseExperiment, parseSlot } from '../decisions/check.js';
import { demoExperiment, demoSlot } from './personalization.js';

describe("the demo's personalization", () => {
  it.each([
    ['a December end', Date.parse('2026-12-15T00:00:00.000Z')],
    ['a midsummer end', Date.parse('2025-07-01T00:00:00.000Z')],
    ['an end in the middle of a day', Date.parse('2024-02-29T13:37:00.000Z')],
  ])('defines a running experiment and a slot that pass the API checks, for %s', (_, end) => {
    const experiment = demoExperiment(end);
    expect(parseExperiment(structuredClone(experiment))).toEqual(experiment);
    expect(experiment).toMatchObject({ status: 'running', start: new Date(end - 21 * DAY_MS).toISOString() });
    expect(experiment.stop).toBeUndefined();
    expect(experiment.metrics.primary).toEqual({
      id: 'purchase',
      name: 'Purchase',
      type: 'conversion',
      event: 'Order Completed',
      withinDays: 7,
    });
    const slot = demoSlot();
    expect(parseSlot(structuredClone(slot))).toEqual(slot);
  });

  it("gives the slot a variant for each of the experiment's, and runs the experiment below the returning rule", () => {
    const slot = demoSlot();
    const experiment = demoExperiment(Date.parse('2026-12-15T00:00:00.000Z'));
    const variants = slot.variants.map((v) => v.id);
    for (const v of experiment.variants) expect(variants).toContain(v.id);
    expect(slot.rules.map((r) => [r.id, r.priority ?? 0, r.strategy])).toEqual([
      ['returning-customers', 10, { type: 'variant', variant: 'returning' }],
      ['reassurance-test', 0, { type: 'experiment', experiment: experiment.id }],
    ]);
    expect(slot.variants.find((v) => v.id === 'returning')?.offer).toBe('THANKYOU10');
  });
});
