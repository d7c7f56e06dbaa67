// A project's export schedules (saved definitions of kind `export-schedule`): when to run (a cron expression in a
// time zone), which tables, in which format, into which directory. And the log of their runs (kind `export-run`),
// newest kept, so the API can say what each run wrote or why it failed.

import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { Cron } from 'croner';
import Type from 'typebox';
import { ensure, specChecker } from '../analytics/spec-check.js';
import { WaymarkError } from '../core/errors.js';
import type { DefinitionRepository } from '../state/repositories/definitions.js';
import { EXPORT_FORMATS, type ExportFormat } from './export.js';
import { INCREMENTAL_TABLES, type IncrementalRun, type IncrementalTable } from './incremental.js';

export const SCHEDULE_KIND = 'export-schedule';
export const RUN_KIND = 'export-run';
/** Runs kept per schedule; older ones are deleted as new ones are logged. */
export const RUNS_KEPT = 50;

export interface ExportSchedule {
  id: string;
  /** Cron expression (5 fields, or 6 with seconds first), e.g. `0 2 * * *` for 02:00 every day. */
  cron: string;
  /** IANA time zone the expression is read in (default UTC). */
  timezone: string;
  /** Absolute directory on the server's machine; each table gets numbered files and the manifest there. */
  dir: string;
  tables: IncrementalTable[];
  format: ExportFormat;
  /** False pauses the schedule without deleting it (default true). */
  enabled: boolean;
}

export interface ExportRunRecord {
  schedule: string;
  startedAt: string;
  finishedAt: string;
  status: 'ok' | 'failed';
  /** The tables done, in order; a failure stops the run at the failing table. */
  results: IncrementalRun[];
  error?: { table?: string; message: string };
}

type Store = Pick<DefinitionRepository, 'get' | 'list' | 'put' | 'delete'>;

/** Run ids sort by time within a schedule: `<schedule>@<started ISO>`. */
const runId = (run: ExportRunRecord): string => `${run.schedule}@${run.startedAt}`;

const ScheduleSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' })),
    cron: Type.String({ minLength: 1, maxLength: 200 }),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    dir: Type.String({ minLength: 1, maxLength: 4096 }),
    tables: Type.Optional(Type.Array(Type.Enum(INCREMENTAL_TABLES), { minItems: 1, uniqueItems: true })),
    format: Type.Optional(Type.Enum(EXPORT_FORMATS)),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const scheduleChecker = specChecker<Partial<ExportSchedule> & Pick<ExportSchedule, 'cron' | 'dir'>>(
  ScheduleSchema,
  'export schedule',
);

function timezoneOk(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(cron: string, timezone: string): string | undefined {
  try {
    new Cron(cron, { timezone, paused: true }).stop();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Checks a schedule from JSON; errors name the field. `id` comes from the path when replacing. */
export function parseExportSchedule(raw: unknown, id?: string): ExportSchedule {
  const body = scheduleChecker.check(raw);
  const timezone = body.timezone ?? 'UTC';
  ensure(timezoneOk(timezone), 'timezone', 'must be an IANA time zone, e.g. Europe/Berlin');
  const cron = body.cron.trim();
  const problem = cronProblem(cron, timezone);
  ensure(problem === undefined, 'cron', `is not a valid cron expression (e.g. "0 2 * * *"): ${problem}`);
  ensure(isAbsolute(body.dir), 'dir', 'must be an absolute directory path on the server');
  return {
    id: id ?? body.id ?? `export-${randomBytes(4).toString('hex')}`,
    cron,
    timezone,
    dir: body.dir,
    tables: body.tables ?? [...INCREMENTAL_TABLES],
    format: body.format ?? 'jsonl',
    enabled: body.enabled ?? true,
  };
}

/** When the schedule runs next (null when paused or never again). */
export function nextRun(schedule: ExportSchedule, after = new Date()): string | null {
  if (!schedule.enabled) return null;
  const job = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  const next = job.nextRun(after);
  job.stop();
  return next ? next.toISOString() : null;
}

export async function listExportSchedules(store: Store, projectId: string): Promise<ExportSchedule[]> {
  return (await store.list<ExportSchedule>(projectId, SCHEDULE_KIND)).map((d) => d.body);
}

export async function getExportSchedule(store: Store, projectId: string, id: string): Promise<ExportSchedule> {
  const found = await store.get<ExportSchedule>(projectId, SCHEDULE_KIND, id);
  if (!found) throw new WaymarkError('not_found', `no export schedule "${id}"`, { field: 'id' });
  return found.body;
}

/** Saves a new schedule (`replace: false`, a taken id is a conflict) or replaces one that exists. */
export async function saveExportSchedule(
  store: Store,
  projectId: string,
  raw: unknown,
  options: { id?: string; replace: boolean },
): Promise<ExportSchedule> {
  const schedule = parseExportSchedule(raw, options.id);
  const existing = await store.get(projectId, SCHEDULE_KIND, schedule.id);
  if (options.replace && !existing)
    throw new WaymarkError('not_found', `no export schedule "${schedule.id}"`, { field: 'id' });
  if (!options.replace && existing)
    throw new WaymarkError('conflict', `an export schedule "${schedule.id}" exists already`, { field: 'id' });
  await store.put(projectId, SCHEDULE_KIND, schedule.id, schedule, Date.now());
  return schedule;
}

/** Deletes the schedule and its run log (the files it wrote stay). */
export async function deleteExportSchedule(store: Store, projectId: string, id: string): Promise<void> {
  if (!(await store.delete(projectId, SCHEDULE_KIND, id)))
    throw new WaymarkError('not_found', `no export schedule "${id}"`, { field: 'id' });
  for (const run of await listExportRuns(store, projectId, id)) await store.delete(projectId, RUN_KIND, runId(run));
}

/** The schedule's runs, newest first. */
export async function listExportRuns(store: Store, projectId: string, scheduleId: string): Promise<ExportRunRecord[]> {
  return (await store.list<ExportRunRecord>(projectId, RUN_KIND))
    .filter((d) => d.body.schedule === scheduleId)
    .map((d) => d.body)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** Logs a run and drops the schedule's runs beyond the newest `RUNS_KEPT`. */
export async function logExportRun(store: Store, projectId: string, run: ExportRunRecord): Promise<void> {
  await store.put(projectId, RUN_KIND, runId(run), run, Date.now());
  const runs = await listExportRuns(store, projectId, run.schedule);
  for (const old of runs.slice(RUNS_KEPT)) await store.delete(projectId, RUN_KIND, runId(old));
}
