// `waymark export`: stream a project's events or profiles, a segment's members or an experiment's results to CSV,
// JSON lines or Parquet; or export events and profiles incrementally into a directory (`--to-dir DIR
// --incremental`). `waymark query <analysis> --format csv|jsonl|parquet` goes through `exportResult` here too.

import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { guardedWarehouse } from '../../analytics/query-guard.js';
import { WaymarkError } from '../../core/errors.js';
import { exportEvents, exportProfiles, parseExportFormat, type ExportFormat } from '../../transfer/export.js';
import { exportIncrementally, INCREMENTAL_TABLES, type IncrementalTable } from '../../transfer/incremental.js';
import { prepareResultExport, resultExporter } from '../../transfer/result-export.js';
import { formatCount } from '../output.js';
import { DEFAULT_DATA_DIR, withTarget } from '../target.js';
import { defaultProject } from '../projects-lookup.js';

interface Options {
  dataDir: string;
  project?: string;
  format: string;
  out?: string;
  from?: string;
  to?: string;
  at?: string;
  table?: string;
  toDir?: string;
  incremental?: boolean;
  settleSeconds: string;
}

function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t))
    throw new WaymarkError('invalid_request', `${flag} must be an ISO-8601 date or time, e.g. 2026-11-01`);
  return t;
}

/** Streams `source` to `out` (or standard output) and reports the size when it went to a file. */
async function writeOut(
  source: AsyncIterable<Uint8Array>,
  out: string | undefined,
  what: string,
  began: number,
): Promise<void> {
  let bytes = 0;
  const counter = async function* (chunks: AsyncIterable<Uint8Array>) {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  const sink: Writable = out ? createWriteStream(out) : process.stdout;
  await pipeline(Readable.from(source), counter, sink);
  if (out)
    process.stderr.write(
      `wrote ${formatCount(bytes)} bytes of ${what} to ${out} in ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
    );
}

function checkSink(format: ExportFormat, out: string | undefined): void {
  if (format === 'parquet' && out === undefined && process.stdout.isTTY)
    throw new WaymarkError('invalid_request', 'Parquet is binary: pass --out FILE');
}

/** A server's streamed answer as chunks. */
async function* responseBody(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) throw new WaymarkError('unavailable', 'the server sent no body');
  yield* Readable.fromWeb(response.body as never) as AsyncIterable<Uint8Array>;
}

export interface ResultExportRequest {
  dataDir: string;
  project?: string;
  /** An analysis, `segment-members` or `experiment-results`. */
  name: string;
  spec: unknown;
  format: ExportFormat;
  table?: string;
  out?: string;
}

/** Exports a result through the running server (its API) or else on the data dir. */
export async function exportResult(request: ResultExportRequest): Promise<void> {
  const { name, spec, format, table, out } = request;
  checkSink(format, out);
  const began = Date.now();
  await withTarget(request.dataDir, async (t) => {
    if (t.kind === 'server') {
      const response = await t.server.request(...serverExportRequest(request));
      await writeOut(responseBody(response), out, name, began);
      return;
    }
    const projectId = request.project ?? (await defaultProject(t.engine.state));
    const ctx = {
      warehouse: guardedWarehouse(t.engine.warehouse),
      now: Date.now,
      definitions: t.engine.state.definitions,
      state: t.engine.state,
    };
    const prepared = await prepareResultExport(ctx, t.engine.warehouse, name, projectId, spec, {
      format,
      ...(table !== undefined ? { table } : {}),
    });
    await writeOut(prepared.body, out, `${name} (${prepared.table})`, began);
  });
}

/** The API call that exports the same result: the query route for analyses, the export routes for the others. */
function serverExportRequest(request: ResultExportRequest): [string, string, { type: string; data: string | object }?] {
  const params = new URLSearchParams({ format: request.format });
  if (request.project) params.set('project', request.project);
  if (request.table) params.set('table', request.table);
  const s = request.spec as { segment?: string; experiment?: string; at?: number };
  if (request.name === 'segment-members') {
    if (s.at !== undefined) params.set('at', new Date(s.at).toISOString());
    return ['GET', `/api/export/segment-members/${encodeURIComponent(s.segment ?? '')}?${params.toString()}`];
  }
  if (request.name === 'experiment-results')
    return ['GET', `/api/export/experiment-results/${encodeURIComponent(s.experiment ?? '')}?${params.toString()}`];
  return [
    'POST',
    `/api/query/${request.name}?${params.toString()}`,
    { type: 'application/json', data: request.spec as object },
  ];
}

async function incremental(what: IncrementalTable, options: Options, format: ExportFormat): Promise<void> {
  if (!options.toDir || !options.incremental)
    throw new WaymarkError('invalid_request', '--to-dir DIR and --incremental go together: pass both');
  if (options.out || options.from || options.to)
    throw new WaymarkError('invalid_request', '--out, --from and --to do not apply to --to-dir DIR --incremental');
  const settleSeconds = Number(options.settleSeconds);
  if (!Number.isFinite(settleSeconds) || settleSeconds < 0)
    throw new WaymarkError('invalid_request', '--settle-seconds must be a number of seconds, 0 or more');
  const dir = resolve(options.toDir);
  await withTarget(options.dataDir, async (t) => {
    if (t.kind === 'server')
      throw new WaymarkError(
        'data_dir_in_use',
        `a server (pid ${t.server.info.pid}) owns ${options.dataDir}: its exports run as export schedules (POST /api/export/schedules, then POST /api/export/schedules/<id>/run); see docs/export.md`,
      );
    const projectId = options.project ?? (await defaultProject(t.engine.state));
    const run = await exportIncrementally(t.engine, {
      projectId,
      table: what,
      format,
      dir,
      settleMs: settleSeconds * 1000,
    });
    process.stderr.write(
      run.file
        ? `wrote ${formatCount(run.rows)} ${what} to ${resolve(dir, run.file)}\n`
        : `nothing new in ${what} since the last export to ${dir}\n`,
    );
  });
}

const WHAT = [...INCREMENTAL_TABLES, 'segment-members', 'experiment-results'];

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "export events or profiles (whole, or incrementally into a directory), a segment's members or an experiment's results as CSV, JSON lines or Parquet",
    )
    .argument('<what>', WHAT.join(', '))
    .argument('[id]', 'the segment or experiment id')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'csv, jsonl or parquet', 'jsonl')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .option('--from <time>', 'events at or after this time')
    .option('--to <time>', 'events before this time')
    .option('--at <time>', 'segment members as of this time (default now)')
    .option('--table <table>', 'experiment-results: metrics (default) or exposures')
    .option('--to-dir <dir>', 'with --incremental: write the next numbered file into this directory')
    .option('--incremental', "only what is new since the last export to --to-dir (the directory's manifest)")
    .option('--settle-seconds <s>', 'with --incremental: leave rows newer than this for the next run', '10')
    .addHelpText(
      'after',
      `
Examples:
  $ waymark export events --format parquet --out events.parquet
  $ waymark export profiles --format csv --out profiles.csv
  $ waymark export events --to-dir ./exports --incremental
  $ waymark export segment-members repeat-buyers --format csv --out repeat-buyers.csv
  $ waymark export experiment-results hero-test --format parquet --out hero-test.parquet`,
    )
    .action(async (what: string, id: string | undefined, options: Options) => {
      if (!WHAT.includes(what)) throw new WaymarkError('invalid_request', `export one of ${WHAT.join(', ')}`);
      const format = parseExportFormat(options.format);
      if (what === 'segment-members' || what === 'experiment-results') {
        if (!id) throw new WaymarkError('invalid_request', `export ${what} needs the ${what.split('-')[0]} id`);
        resultExporter(what);
        const at = parseTime(options.at, '--at');
        const spec =
          what === 'segment-members' ? { segment: id, ...(at !== undefined ? { at } : {}) } : { experiment: id };
        await exportResult({
          dataDir: options.dataDir,
          name: what,
          spec,
          format,
          ...(options.project ? { project: options.project } : {}),
          ...(options.table ? { table: options.table } : {}),
          ...(options.out ? { out: options.out } : {}),
        });
        return;
      }
      const table = what as IncrementalTable;
      if (options.toDir || options.incremental) {
        await incremental(table, options, format);
        return;
      }
      checkSink(format, options.out);
      const from = parseTime(options.from, '--from');
      const to = parseTime(options.to, '--to');
      const began = Date.now();
      await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          const params = new URLSearchParams({ format });
          if (options.project) params.set('project', options.project);
          if (from !== undefined) params.set('from', new Date(from).toISOString());
          if (to !== undefined) params.set('to', new Date(to).toISOString());
          const response = await t.server.request('GET', `/api/export/${table}?${params.toString()}`);
          await writeOut(responseBody(response), options.out, table, began);
          return;
        }
        const projectId = options.project ?? (await defaultProject(t.engine.state));
        const source =
          table === 'events'
            ? exportEvents(t.engine.warehouse, {
                projectId,
                format,
                ...(from !== undefined ? { from } : {}),
                ...(to !== undefined ? { to } : {}),
              })
            : exportProfiles(t.engine.state, t.engine.warehouse, { projectId, format });
        await writeOut(source, options.out, table, began);
      });
    });
}
