// The weekly report's experiments section on the demo data, whose checkout banner experiment has exposures and a
// real effect: running experiments with their SRM check and recommendation, finished ones only in the week they ended.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { demoExperiment } from '../demo/personalization.js';
import { saveExperiment } from '../personalization/definitions.js';
import { openDemoEngine } from '../test-support/demo-engine.js';
import { lastCompleteWeek, weekRange } from './iso-week.js';
import { buildWeeklyReport, type WeeklyReport } from './weekly.js';

let engine: Engine;
let report: WeeklyReport;
const now = Date.now();
const week = weekRange(lastCompleteWeek(now, 'UTC'), 'UTC');

beforeAll(async () => {
  engine = await openDemoEngine();
  const running = demoExperiment(now);
  const save = (e: object) => saveExperiment(engine.state.definitions, 'demo', e, now, { replace: false });
  await save(running);
  // The same test, stopped in the middle of the report's week, and once more a month before it.
  await save({
    ...running,
    id: 'ended-this-week',
    name: 'Ended this week',
    status: 'stopped',
    stop: new Date(week.from + 3 * 86_400_000).toISOString(),
  });
  await save({
    ...running,
    id: 'ended-long-ago',
    name: 'Ended long ago',
    status: 'stopped',
    start: new Date(week.from - 60 * 86_400_000).toISOString(),
    stop: new Date(week.from - 30 * 86_400_000).toISOString(),
  });
  await save({ ...running, id: 'not-started', name: 'Not started', status: 'draft', start: undefined });
  report = await buildWeeklyReport(engine, { projectId: 'demo', now });
}, 120_000);
afterAll(() => engine.close());

describe('weekly report on the demo', () => {
  it('lists running experiments and those that ended in the week, nothing else', () => {
    expect(report.experiments.map((e) => [e.id, e.status])).toEqual([
      ['checkout-reassurance', 'running'],
      ['ended-this-week', 'stopped'],
    ]);
  });

  it('gives each its traffic-split check, primary metric and recommendation', () => {
    const [running, ended] = report.experiments;
    expect(running!.persons).toBeGreaterThan(0);
    expect(running!.srm).not.toBeNull();
    expect(running!.primary).toBe('Purchase');
    expect(running!.variants.map((v) => v.variant)).toEqual(['reassure']);
    expect(['ship', 'keep running', 'stop']).toContain(running!.recommendation?.action);
    // Stopped earlier, it counts fewer exposures than the one still running.
    expect(ended!.persons).toBeLessThan(running!.persons);
  });

  it('ties every recommended action to evidence', () => {
    for (const a of report.actions) {
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.evidence.length).toBeGreaterThan(0);
    }
  });
});
