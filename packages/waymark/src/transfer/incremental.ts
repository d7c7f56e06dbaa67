// Incremental exports to a directory: each run writes one new numbered file with what arrived (events) or changed
// (profiles) since the last run, and moves the watermark kept in the directory's manifest. A lock file keeps two
// runs from writing the same directory at once; a run that fails leaves the manifest as it was, so the next run
// takes the same rows again.

import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WaymarkError } from '../core/errors.js';
import type { StateStore } from '../state/state-store.js';
import type { QueryParams, Warehouse } from '../warehouse/warehouse.js';
import {
  eventsExportSql,
  exportEvents,
  exportProfiles,
  receivedBetweenSql,
  type ExportFormat,
  type ReceivedMark,
} from './export.js';
import { writeParquetFile } from './parquet-file.js';

export const INCREMENTAL_TABLES = ['events', 'profiles'] as const;
export type IncrementalTable = (typeof INCREMENTAL_TABLES)[number];

export const MANIFEST_FILE = 'waymark-export.json';
const LOCK_FILE = '.waymark-export.lock';

/** Where the last run of a table stopped: events by received time and message id, profiles by update time and person. */
export type Watermark = { receivedAt: string; messageId: string } | { updatedAt: string; personId: string };

export interface ExportedFile {
  file: string;
  table: IncrementalTable;
  format: ExportFormat;
  rows: number;
  /** The watermark before and after this file. */
  from: Watermark | null;
  to: Watermark;
  writtenAt: string;
}

export interface Manifest {
  version: 1;
  project: string;
  tables: Partial<Record<IncrementalTable, { watermark: Watermark; sequence: number; files: ExportedFile[] }>>;
}

export interface IncrementalExportOptions {
  projectId: string;
  table: IncrementalTable;
  format: ExportFormat;
  dir: string;
  /** The run's clock (default `Date.now()`). */
  now?: number;
  /**
   * Rows that arrived or changed less than this long before `now` wait for the next run (default 10 s): an event
   * is acknowledged before its batch reaches the warehouse, so the newest moment may still be filling.
   */
  settleMs?: number;
}

/** One run's outcome for one table: the file written, or none when nothing was new. */
export interface IncrementalRun {
  table: IncrementalTable;
  file: string | null;
  rows: number;
  watermark: Watermark | null;
}

export const DEFAULT_SETTLE_MS = 10_000;

export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.version !== 1 || typeof manifest.project !== 'string') throw new Error('unknown layout');
    return manifest;
  } catch (cause) {
    throw new WaymarkError('invalid_request', `${join(dir, MANIFEST_FILE)} is not a Waymark export manifest`, {
      field: 'dir',
      cause,
    });
  }
}

/** Written beside and renamed over, so a crash leaves the old manifest or the new one, never half of one. */
async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = join(dir, `${MANIFEST_FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, join(dir, MANIFEST_FILE));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock (a stale one of a process that is gone is taken over); returns its release. */
async function lockDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(path, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || processAlive(pid))) break;
      await rm(path, { force: true });
    }
  }
  throw new WaymarkError('conflict', `another export is writing to ${dir} (${LOCK_FILE})`, { field: 'dir' });
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Counts the events received after `after` and before `before`, and finds the last of them. */
async function newEvents(
  warehouse: Warehouse,
  projectId: string,
  after: ReceivedMark,
  before: number,
): Promise<{ rows: number; through: ReceivedMark | undefined }> {
  const params: QueryParams = { project: projectId, before };
  const [row] = await warehouse.query<{ n: number; at: number; id: string }>(
    `SELECT count() AS n, toUnixTimestamp64Milli(max(e.received_at)) AS at,
       argMax(e.message_id, (e.received_at, e.message_id)) AS id
     FROM ${warehouse.database}.events AS e
     WHERE e.project_id = {project:String} AND ${receivedBetweenSql('e', params, after)}
       AND e.received_at < fromUnixTimestamp64Milli({before:Int64}, 'UTC')`,
    params,
  );
  const rows = Number(row?.n ?? 0);
  return { rows, through: rows === 0 ? undefined : { at: Number(row?.at), messageId: String(row?.id) } };
}

const toFile = (body: AsyncIterable<Uint8Array>, path: string): Promise<void> =>
  pipeline(Readable.from(body), createWriteStream(path));

/** Writes `path` through a `.partial` file renamed when complete: a file under its final name is always whole. */
async function writeWhole(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.partial`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Exports what is new in one table since the last run into `dir`: a file `<table>-<n>.<format>` (n counts up from
 * 000001) and the manifest `waymark-export.json` with the new watermark. Events are new once received (in received
 * order); a profile is new again whenever it changes. Nothing new: no file, the manifest untouched.
 */
export async function exportIncrementally(
  stores: {
    warehouse: Warehouse;
    state: StateStore;
    /** The live ingest, when there is one: what it acknowledged is stored before the new rows are counted. */
    ingest?: { drain(): Promise<void> };
  },
  options: IncrementalExportOptions,
): Promise<IncrementalRun> {
  const { projectId, table, format, dir } = options;
  const before = (options.now ?? Date.now()) - (options.settleMs ?? DEFAULT_SETTLE_MS);
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new WaymarkError(
      'invalid_request',
      `cannot create the export directory ${dir}: ${(cause as Error).message}`,
      {
        field: 'dir',
        cause,
      },
    );
  }
  const release = await lockDir(dir);
  try {
    const manifest: Manifest = (await readManifest(dir)) ?? { version: 1, project: projectId, tables: {} };
    if (manifest.project !== projectId)
      throw new WaymarkError(
        'conflict',
        `${dir} holds exports of project "${manifest.project}", not "${projectId}": use another directory`,
        { field: 'dir' },
      );
    const state = manifest.tables[table];
    const sequence = (state?.sequence ?? 0) + 1;
    const file = `${table}-${String(sequence).padStart(6, '0')}.${format}`;
    const path = join(dir, file);
    let rows = 0;
    let watermark: Watermark | undefined;

    if (table === 'events') {
      // Under a backlog, acknowledged events can wait in the durable log longer than the settle time.
      await stores.ingest?.drain();
      const mark = state?.watermark as { receivedAt: string; messageId: string } | undefined;
      const after: ReceivedMark = mark
        ? { at: Date.parse(mark.receivedAt), messageId: mark.messageId }
        : { at: 0, messageId: '' };
      const found = await newEvents(stores.warehouse, projectId, after, before);
      if (found.through) {
        const events = { projectId, format, received: { after, through: found.through } };
        await writeWhole(path, async (tmp) => {
          if (format !== 'parquet') return toFile(exportEvents(stores.warehouse, events), tmp);
          // Parquet straight from the engine to the file: no bytes pass through this process.
          const { sql, params } = eventsExportSql(stores.warehouse.database, events);
          return writeParquetFile(stores.warehouse, sql, params, tmp);
        });
        rows = found.rows;
        watermark = { receivedAt: iso(found.through.at), messageId: found.through.messageId };
      }
    } else {
      const mark = state?.watermark as { updatedAt: string; personId: string } | undefined;
      const after = mark
        ? { updatedAt: Date.parse(mark.updatedAt), personId: mark.personId }
        : { updatedAt: -1, personId: '' };
      let last: { updatedAt: number; personId: string } | undefined;
      const changed = async function* (): AsyncIterable<{ personId: string }> {
        for await (const { profile, updatedAt } of stores.state.profiles.scanChanged(projectId, after, before)) {
          rows += 1;
          last = { updatedAt, personId: profile.personId };
          yield profile;
        }
      };
      await writeWhole(path, (tmp) =>
        toFile(exportProfiles(stores.state, stores.warehouse, { projectId, format, profiles: changed() }), tmp),
      );
      if (last) watermark = { updatedAt: iso(last.updatedAt), personId: last.personId };
      else await rm(path, { force: true });
    }

    if (watermark === undefined) return { table, file: null, rows: 0, watermark: state?.watermark ?? null };
    const entry: ExportedFile = {
      file,
      table,
      format,
      rows,
      from: state?.watermark ?? null,
      to: watermark,
      writtenAt: new Date().toISOString(),
    };
    manifest.tables[table] = { watermark, sequence, files: [...(state?.files ?? []), entry] };
    await writeManifest(dir, manifest);
    return { table, file, rows, watermark };
  } finally {
    await release();
  }
}
