// Bulk import of Segment-spec events from a file into a data dir the process owns: timestamps are kept (no skew
// correction), duplicates by messageId are skipped, and profiles are rebuilt from the warehouse at the end.
// An interrupted import resumes where it stopped when run again on the same unchanged file.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCallValidator } from '../core/schema.js';
import type { Engine } from '../engine.js';
import type { Rejection } from '../ingest/intake.js';
import { intakeItems, prepareEvents, type PreparedSlice } from '../ingest/intake-items.js';
import { rebuildProfiles } from '../ingest/profile-rebuild.js';
import type { ColumnMapping } from './csv.js';
import { readCalls, type ImportFormat, type ReadSlice } from './read-records.js';

export interface ImportOptions {
  projectId: string;
  file: string;
  format: ImportFormat;
  mapping?: ColumnMapping;
  /** Calls per batch (default 20,000). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportCallsOptions {
  projectId: string;
  /** Names the run: a run with the same key that did not finish resumes; one that finished starts anew. */
  runKey: string;
  /** The calls, validated and serialized, in slices; `skipLines` is how many leading lines a resumed run has done. */
  slices: (skipLines: number) => AsyncIterable<ImportSlice>;
  totalBytes: number;
  /** Shown in the summary. */
  file: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'reading' | 'profiles';
  bytesRead: number;
  totalBytes: number;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  profileEvents: number;
}

export interface ImportSummary {
  file: string;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** The first rejections (up to 20), each with its line number. */
  rejections: (Rejection & { line: number })[];
  /** Rejections counted by reason. */
  reasons: Record<string, number>;
  profiles: number;
  resumed: boolean;
  seconds: number;
}

/** Up to this many touched persons, an import rebuilds only their profiles; beyond, every profile of the project. */
const TARGETED_REBUILD_MAX = 5_000;

/** A slice ready to store, with where it ends in the source for progress and resumption. */
export type ImportSlice = PreparedSlice & { lastLine: number; bytesRead: number };

/** Prepares slices of read items on this thread (CSV, the demo generator). */
export async function* prepareItems(
  slices: AsyncIterable<ReadSlice>,
  engine: Engine,
  projectId: string,
): AsyncIterable<ImportSlice> {
  const validator = createCallValidator(engine.limits);
  let lastLine = 0;
  for await (const slice of slices) {
    const { events, rejected } = intakeItems(slice.items, { projectId, validator, limits: engine.limits });
    lastLine = slice.items.at(-1)?.line ?? lastLine;
    yield { ...prepareEvents(slice.items.length, events, rejected), lastLine, bytesRead: slice.bytesRead };
  }
}

interface RunState {
  lines: number;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  batches: number;
  done: boolean;
}

/** Imports a JSON lines or CSV file. */
export async function importFile(engine: Engine, options: ImportOptions): Promise<ImportSummary> {
  const file = resolve(options.file);
  const stat = statSync(file);
  return importCalls(engine, {
    projectId: options.projectId,
    runKey: `${options.projectId}\n${file}\n${stat.size}\n${stat.mtimeMs}`,
    file,
    totalBytes: stat.size,
    // Prepared on this thread: on two cores, a worker only moved the work while adding copies between threads
    // (measured slower; see docs/benchmarks.md).
    slices: (skipLines) =>
      prepareItems(
        readCalls(file, options.format, {
          sliceSize: options.batchSize ?? 20_000,
          skipLines,
          ...(options.mapping ? { mapping: options.mapping } : {}),
        }),
        engine,
        options.projectId,
      ),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** Imports calls from any source (a file, the demo generator) with the summary and resumption of `importFile`. */
export async function importCalls(engine: Engine, options: ImportCallsOptions): Promise<ImportSummary> {
  const began = Date.now();
  const { file } = options;
  const stat = { size: options.totalBytes };
  const identity = createHash('sha1').update(options.runKey).digest('hex').slice(0, 16);
  const { ingestState } = engine.state;
  let runId = identity;
  let run = await ingestState.get<RunState>(`import:${runId}`);
  const resumed = run !== undefined && !run.done;
  if (run?.done) {
    runId = `${identity}-${Date.now()}`;
    run = undefined;
  }
  const state: RunState = run ?? {
    lines: 0,
    read: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    batches: 0,
    done: false,
  };
  const rejections: (Rejection & { line: number })[] = [];
  const reasons: Record<string, number> = {};
  const progress = (phase: ImportProgress['phase'], bytesRead: number, profileEvents = 0): void =>
    options.onProgress?.({ phase, bytesRead, totalBytes: stat.size, ...state, profileEvents });
  const reject = (r: Rejection & { line: number }): void => {
    state.rejected += 1;
    reasons[r.message] = (reasons[r.message] ?? 0) + 1;
    if (rejections.length < 20) rejections.push(r);
  };

  let storing: Promise<void> = Promise.resolve();
  const touched = new Set<string>();
  for await (const slice of options.slices(state.lines)) {
    for (const r of slice.rejected) reject(r);
    state.read += slice.read;
    state.lines = slice.lastLine;
    state.batches += 1;
    // Store this batch while the next slice is read and validated: the warehouse insert runs off the main thread.
    const snapshot = { ...state };
    await storing;
    const batchNumber = state.batches;
    storing = engine.pipeline
      .storeBatch({
        projectId: options.projectId,
        batchId: `import:${runId}:${batchNumber}`,
        source: 'import',
        events: slice.events,
        lines: slice.lines,
        profiles: 'deferred',
        // The run's progress commits with the batch, so a resumed run neither skips nor repeats a batch.
        onCommit: async (tx, counts) => {
          await tx.ingestState.set(`import:${runId}`, {
            ...snapshot,
            accepted: state.accepted + counts.stored,
            duplicates: state.duplicates + counts.duplicates,
          });
        },
      })
      .then((result) => {
        state.accepted += result.stored;
        state.duplicates += result.duplicates;
        // Imported events update segment membership like live ones.
        if (result.stored > 0) engine.segments.notify(options.projectId, result.personIds);
        if (touched.size <= TARGETED_REBUILD_MAX) {
          for (const p of result.personIds) touched.add(p);
          for (const m of result.merges) touched.add(m.into);
        }
        progress('reading', slice.bytesRead);
      });
    // Marked handled here; the failure itself surfaces at the next `await storing`.
    storing.catch(() => undefined);
  }
  await storing;

  let profiles = 0;
  if (state.accepted > 0 || resumed) {
    // A small import into a big project rebuilds just the persons it touched; a resumed run cannot know them all.
    const targeted = !resumed && touched.size <= TARGETED_REBUILD_MAX;
    profiles = await rebuildProfiles(
      { warehouse: engine.warehouse, state: engine.state, now: Date.now, sessionGapMs: engine.sessionGapMs },
      options.projectId,
      targeted ? [...touched] : 'all',
      (n) => progress('profiles', stat.size, n),
    );
    await engine.state.profiles.deleteOrphans(options.projectId);
    engine.pipeline.clearCaches();
  }
  state.done = true;
  await ingestState.set(`import:${runId}`, state);
  return {
    file,
    read: state.read,
    accepted: state.accepted,
    rejected: state.rejected,
    duplicates: state.duplicates,
    rejections: rejections.sort((a, b) => a.line - b.line),
    reasons,
    profiles,
    resumed,
    seconds: (Date.now() - began) / 1000,
  };
}
