import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../core/time.js';
import { assignExperiment } from '../decisions/decide.js';
import { REASSURANCE_LIFT } from '../demo/checkout-banner.js';
import { DEMO_EXPERIMENT_ID, DEMO_SLOT_ID } from '../demo/personalization.js';
import type { Engine } from '../engine.js';
import { getExperiment, getSlot, listExperiments, listSlots } from '../personalization/definitions.js';
import { experimentResults, type ExperimentReport } from '../personalization/results.js';
import { openTestEngine } from '../test-support/engine.js';
import { importDemo, saveDemoPersonalization } from './demo-import.js';

// A demo of a busy December month, big enough for the checkout experiment's built-in effect to show.
const END = Date.parse('2025-12-15T00:00:00.000Z');
const DEMO = { seed: 42, customers: 3_000, days: 30, end: END };
const PROJECT = 'demo-experiment';
let engine: Engine;
let report: ExperimentReport;

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.state.projects.create({ id: PROJECT, name: 'Demo', now: Date.now() });
  await importDemo(engine, PROJECT, DEMO);
  await saveDemoPersonalization(engine, PROJECT, END);
  const experiment = await getExperiment(engine.state.definitions, PROJECT, DEMO_EXPERIMENT_ID);
  report = await experimentResults(engine.warehouse, PROJECT, experiment, END);
}, 60_000);

afterAll(() => engine.close());

describe('the imported demo', () => {
  it('has the checkout banner and its experiment, started three weeks before the end; saving again keeps them', async () => {
    const store = engine.state.definitions;
    const experiment = await getExperiment(store, PROJECT, DEMO_EXPERIMENT_ID);
    expect(experiment).toMatchObject({ status: 'running', start: new Date(END - 21 * DAY_MS).toISOString() });
    expect(experiment.stop).toBeUndefined();
    expect((await getSlot(store, PROJECT, DEMO_SLOT_ID)).rules.map((r) => r.strategy.type)).toEqual([
      'variant',
      'experiment',
    ]);
    expect(await saveDemoPersonalization(engine, PROJECT, END + DAY_MS)).toEqual([]);
    expect(await listSlots(store, PROJECT)).toHaveLength(1);
    expect((await listExperiments(store, PROJECT))[0]?.start).toBe(experiment.start);
  });

  it('exposes both variants about equally: no sample ratio mismatch', () => {
    const [control = 0, reassure = 0] = report.exposures.map((x) => x.persons);
    expect(report.exposures.map((x) => x.variant)).toEqual(['control', 'reassure']);
    expect(control + reassure).toBeGreaterThan(200);
    expect(Math.min(control, reassure) / Math.max(control, reassure)).toBeGreaterThan(0.8);
    expect(report.analysis?.srm.mismatch).toBe(false);
  });

  it('converts the reassured shoppers to a purchase more often than the control', () => {
    const purchase = report.summaries.find((s) => s.metric === 'purchase')?.data;
    const rate = (variant: string): number => {
      const arm = purchase?.[variant];
      return arm?.type === 'proportion' ? arm.conversions / arm.n : Number.NaN;
    };
    expect(rate('control')).toBeGreaterThan(0.4);
    expect(rate('reassure')).toBeGreaterThan(rate('control'));
    // The lift the simulation builds in, seen through a few hundred persons: the right direction and size.
    expect(rate('reassure') / rate('control')).toBeLessThan(REASSURANCE_LIFT + 0.25);
    const metrics = report.analysis?.metrics.map((m) => [m.name, m.role]);
    expect(metrics).toEqual([
      ['Purchase', 'goal'],
      ['Reached payment', 'goal'],
      ['Revenue', 'guardrail'],
    ]);
  });

  it('records for each exposed browser the variant the decision core assigns it', async () => {
    const experiment = await getExperiment(engine.state.definitions, PROJECT, DEMO_EXPERIMENT_ID);
    const rows = await engine.warehouse.query<{ anonymous_id: string; variant: string; t: number }>(
      `SELECT JSONExtractString(properties, 'variant_id') AS variant, anonymous_id,
         toUnixTimestamp64Milli(timestamp) AS t
       FROM ${engine.warehouse.database}.events WHERE project_id = {p:String} AND event = 'Experiment Viewed'`,
      { p: PROJECT },
    );
    expect(rows.length).toBeGreaterThan(200);
    const facts = { segments: new Set<string>(), traits: {}, context: {}, now: END };
    for (const row of rows) {
      const request = { anonymousId: row.anonymous_id, now: Number(row.t) };
      expect(assignExperiment(experiment, request, { ...facts, now: request.now })).toEqual({ variant: row.variant });
    }
  });
});
