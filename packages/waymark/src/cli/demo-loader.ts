// Creates the demo project if needed and fills it with the seeded demo dataset, with a progress bar, then saves the
// demo's checkout banner slot and the experiment it runs.

import { DAY_MS } from '../core/time.js';
import { DEFAULT_DEMO } from '../demo/generate.js';
import type { Engine } from '../engine.js';
import { importDemo, saveDemoPersonalization } from '../transfer/demo-import.js';
import type { ImportSummary } from '../transfer/import.js';
import { importProgress } from './import-report.js';

export interface DemoFlags {
  customers: number;
  seed: number;
  days: number;
  project: string;
}

/** The demo's period ends at the start of today (UTC), so a seed gives the same data all day. */
export function demoEnd(now = Date.now()): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

export const DEMO_DEFAULTS: DemoFlags = {
  customers: DEFAULT_DEMO.customers,
  seed: DEFAULT_DEMO.seed,
  days: DEFAULT_DEMO.days,
  project: 'demo',
};

export async function ensureDemoProject(engine: Engine, projectId: string): Promise<string> {
  const existing = await engine.state.projects.get(projectId);
  if (existing) {
    const live = (await engine.state.projects.keys(projectId)).find((k) => k.revokedAt === null);
    return live?.key ?? (await engine.state.projects.rotateKey(projectId, Date.now()));
  }
  const created = await engine.state.projects.create({ id: projectId, name: 'Demo Shop', now: Date.now() });
  return created.writeKey;
}

export async function loadDemo(engine: Engine, flags: DemoFlags): Promise<ImportSummary> {
  const progress = importProgress(`demo data (${flags.customers.toLocaleString('en-US')} customers)`);
  const end = demoEnd();
  let summary: ImportSummary;
  try {
    const demo = { customers: flags.customers, seed: flags.seed, days: flags.days, end };
    summary = await importDemo(engine, flags.project, demo, progress.onProgress);
  } finally {
    progress.stop();
  }
  await saveDemoPersonalization(engine, flags.project, end);
  return summary;
}
