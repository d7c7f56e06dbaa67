// Loads the seeded demo dataset into a project through the import path, so the demo exercises the same code as
// real imports (validation, identity, dedup, profile rebuild), and saves the demo's checkout banner and experiment.

import type { JsonObject } from '../core/event.js';
import { generateDemo, type DemoOptions } from '../demo/generate.js';
import { demoExperiment, demoSlot } from '../demo/personalization.js';
import type { Engine } from '../engine.js';
import { EXPERIMENT_KIND, SLOT_KIND, saveExperiment, saveSlot } from '../personalization/definitions.js';
import { importCalls, prepareItems, type ImportProgress, type ImportSummary } from './import.js';
import type { ReadSlice } from './read-records.js';

export async function importDemo(
  engine: Engine,
  projectId: string,
  demo: DemoOptions,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportSummary> {
  // Progress is in calls; the estimate of ~40 calls a customer only scales the bar.
  const estimate = demo.customers * 40;
  async function* slices(skip: number): AsyncIterable<ReadSlice> {
    let items: ReadSlice['items'] = [];
    let line = 0;
    for (const call of generateDemo(demo)) {
      line += 1;
      if (line <= skip) continue;
      items.push({ line, call: call as unknown as JsonObject });
      if (items.length >= 20_000) {
        yield { items, bytesRead: Math.min(line, estimate) };
        items = [];
      }
    }
    yield { items, bytesRead: estimate };
  }
  return importCalls(engine, {
    projectId,
    runKey: `demo\n${projectId}\n${demo.seed}\n${demo.customers}\n${demo.days}\n${demo.end}`,
    file: `demo (seed ${demo.seed}, ${demo.customers} customers)`,
    totalBytes: estimate,
    slices: (skip) => prepareItems(slices(skip), engine, projectId),
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * Saves the demo's experiment and the slot that runs it into the project, for a demo whose period ends at `end`.
 * Definitions already there are kept: they match the data first loaded (a later load dedups the same calls), and
 * the user may have edited them. Returns the ids saved.
 */
export async function saveDemoPersonalization(engine: Engine, projectId: string, end: number): Promise<string[]> {
  const store = engine.state.definitions;
  const now = Date.now();
  const saved: string[] = [];
  // The experiment first: saving a slot checks the experiments its rules run.
  const experiment = demoExperiment(end);
  if (!(await store.get(projectId, EXPERIMENT_KIND, experiment.id))) {
    saved.push((await saveExperiment(store, projectId, experiment, now, { replace: false })).id);
  }
  const slot = demoSlot();
  if (!(await store.get(projectId, SLOT_KIND, slot.id))) {
    saved.push((await saveSlot(store, projectId, slot, now, { replace: false })).id);
  }
  engine.decisions.invalidate(projectId);
  return saved;
}
