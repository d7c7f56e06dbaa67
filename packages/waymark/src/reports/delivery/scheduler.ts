// Runs each enabled report schedule of every project at its cron times, in its time zone (croner). A run that
// fails is reported and the schedule carries on: nothing thrown in a cron callback reaches the process.

import type { Cron } from 'croner';
import { startCronJob } from './cron.js';
import { listSchedules, type ReportSchedule, type ScheduleStore } from './schedule.js';

export interface ReportSchedulerDeps {
  schedules: ScheduleStore;
  projects: { list(): Promise<{ id: string }[]> };
  /** Renders and delivers the report of one schedule; rejections are reported, not thrown. */
  run: (projectId: string, scheduleId: string) => Promise<unknown>;
  onError: (message: string, error: unknown) => void;
}

export interface ScheduledRun {
  projectId: string;
  scheduleId: string;
  cron: string;
  timeZone: string;
  /** ISO time of the next run. */
  nextRun: string | null;
}

interface Job {
  projectId: string;
  schedule: ReportSchedule;
  cron: Cron;
}

const keyOf = (projectId: string, scheduleId: string): string => `${projectId}\u0000${scheduleId}`;

export class ReportScheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: ReportSchedulerDeps) {}

  /** Starts the jobs of every project's enabled schedules. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const project of await this.deps.projects.list()) await this.reload(project.id);
  }

  /** Replaces a project's jobs with its schedules as saved now (call after a schedule changes). */
  async reload(projectId: string): Promise<void> {
    const schedules = await listSchedules(this.deps.schedules, projectId);
    for (const [key, job] of this.jobs) {
      if (job.projectId !== projectId) continue;
      job.cron.stop();
      this.jobs.delete(key);
    }
    if (this.stopped) return;
    for (const schedule of schedules) {
      if (!schedule.enabled) continue;
      const cron = startCronJob(
        schedule.cron,
        schedule.timeZone,
        () => this.fire(projectId, schedule.id),
        (error) => this.deps.onError(`report schedule "${schedule.id}" of project "${projectId}" failed`, error),
      );
      this.jobs.set(keyOf(projectId, schedule.id), { projectId, schedule, cron });
    }
  }

  /** The jobs that are scheduled, with their next run times. */
  scheduled(): ScheduledRun[] {
    return [...this.jobs.values()].map((job) => ({
      projectId: job.projectId,
      scheduleId: job.schedule.id,
      cron: job.schedule.cron,
      timeZone: job.schedule.timeZone,
      nextRun: job.cron.nextRun()?.toISOString() ?? null,
    }));
  }

  /** Makes a schedule's cron job fire now, through croner as at a run time; resolves when the run ends. */
  async trigger(projectId: string, scheduleId: string): Promise<void> {
    const job = this.jobs.get(keyOf(projectId, scheduleId));
    if (!job) throw new Error(`report schedule "${scheduleId}" of project "${projectId}" is not scheduled`);
    await job.cron.trigger();
    await this.running.get(keyOf(projectId, scheduleId));
  }

  /** One run of a schedule (what its cron job calls); a run still in progress is joined, not repeated. */
  fire(projectId: string, scheduleId: string): Promise<void> {
    const key = keyOf(projectId, scheduleId);
    const previous = this.running.get(key);
    if (previous) {
      this.deps.onError(
        `report schedule "${scheduleId}" of project "${projectId}" is still running; this run is skipped`,
        new Error('previous run not finished'),
      );
      return previous;
    }
    const run = Promise.resolve()
      .then(() => this.deps.run(projectId, scheduleId))
      .then(
        () => undefined,
        (error: unknown) =>
          this.deps.onError(`report schedule "${scheduleId}" of project "${projectId}" could not run`, error),
      )
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Stops every job and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs.values()) job.cron.stop();
    this.jobs.clear();
    await Promise.all([...this.running.values()]);
  }
}
