// Runs every project's export schedules on their cron expressions (croner), in the server process. A run exports
// each of its tables incrementally and is logged with what it wrote; a failing run (a directory that cannot be
// written, a full disk) is logged and reported, and never stops the scheduler or the server.

import { Cron } from 'croner';
import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import {
  getExportSchedule,
  listExportSchedules,
  logExportRun,
  type ExportRunRecord,
  type ExportSchedule,
} from './export-schedule.js';
import { dropScratchTables } from './scratch-tables.js';
import { exportIncrementally, type IncrementalExportOptions, type IncrementalRun } from './incremental.js';

export interface ExportSchedulerDeps {
  warehouse: Warehouse;
  state: StateStore;
  /** The server's ingest, drained before events are exported (see exportIncrementally). */
  ingest?: { drain(): Promise<void> };
  /** Where failures go (the server's log). */
  onError: (message: string, error: unknown) => void;
  /** Passed to every incremental export (tests set `settleMs`). */
  exportOptions?: Pick<IncrementalExportOptions, 'settleMs'>;
}

export class ExportScheduler {
  private readonly jobs = new Map<string, Cron>();
  private readonly active = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: ExportSchedulerDeps) {}

  /** Drops the scratch tables a crashed export left, then schedules every enabled schedule of every project. */
  async start(): Promise<void> {
    await dropScratchTables(this.deps.warehouse);
    for (const project of await this.deps.state.projects.list()) await this.sync(project.id);
  }

  /** Re-reads one project's schedules (after one was saved or deleted) and replaces its jobs. */
  async sync(projectId: string): Promise<void> {
    const schedules = await listExportSchedules(this.deps.state.definitions, projectId);
    for (const [key, job] of this.jobs) {
      if (key.startsWith(`${projectId}/`)) {
        job.stop();
        this.jobs.delete(key);
      }
    }
    if (this.stopped) return;
    for (const schedule of schedules.filter((s) => s.enabled)) {
      const job = new Cron(
        schedule.cron,
        // `protect`: a run still going when the next is due is not started twice.
        { timezone: schedule.timezone, protect: true },
        () => this.runScheduled(projectId, schedule.id),
      );
      this.jobs.set(`${projectId}/${schedule.id}`, job);
    }
  }

  /** The time each scheduled job runs next, by `project/schedule`. */
  nextRuns(): Record<string, string | null> {
    return Object.fromEntries([...this.jobs].map(([key, job]) => [key, job.nextRun()?.toISOString() ?? null]));
  }

  /** Runs a schedule now (from the API or the cron job) and logs the run; never throws for a failed export. */
  run(projectId: string, schedule: ExportSchedule): Promise<ExportRunRecord> {
    return this.track(this.runTables(projectId, schedule));
  }

  private async runTables(projectId: string, schedule: ExportSchedule): Promise<ExportRunRecord> {
    const startedAt = new Date().toISOString();
    const results: IncrementalRun[] = [];
    let error: ExportRunRecord['error'];
    for (const table of schedule.tables) {
      try {
        results.push(
          await exportIncrementally(
            {
              warehouse: this.deps.warehouse,
              state: this.deps.state,
              ...(this.deps.ingest ? { ingest: this.deps.ingest } : {}),
            },
            { projectId, table, format: schedule.format, dir: schedule.dir, ...this.deps.exportOptions },
          ),
        );
      } catch (e) {
        error = { table, message: (e as Error).message };
        this.deps.onError(`export schedule "${schedule.id}" of project "${projectId}" failed on ${table}`, e);
        break;
      }
    }
    const run: ExportRunRecord = {
      schedule: schedule.id,
      startedAt,
      finishedAt: new Date().toISOString(),
      status: error ? 'failed' : 'ok',
      results,
      ...(error ? { error } : {}),
    };
    try {
      await logExportRun(this.deps.state.definitions, projectId, run);
    } catch (e) {
      this.deps.onError(`could not log a run of export schedule "${schedule.id}"`, e);
    }
    return run;
  }

  private async runScheduled(projectId: string, id: string): Promise<void> {
    try {
      await this.run(projectId, await getExportSchedule(this.deps.state.definitions, projectId, id));
    } catch (error) {
      this.deps.onError(`export schedule "${id}" of project "${projectId}" could not run`, error);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.active.add(work);
    void work.finally(() => this.active.delete(work));
    return work;
  }

  /** Stops every job and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    await Promise.allSettled([...this.active]);
  }
}
