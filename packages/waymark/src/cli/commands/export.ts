// `waymark export events|profiles`: stream a project's events or profiles to CSV, JSON lines or Parquet.

import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import { exportEvents, exportProfiles, parseExportFormat } from '../../transfer/export.js';
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
}

function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t))
    throw new WaymarkError('invalid_request', `${flag} must be an ISO-8601 date or time, e.g. 2026-11-01`);
  return t;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export events or profiles as CSV, JSON lines (Segment calls, re-importable) or Parquet')
    .argument('<what>', 'events or profiles')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'csv, jsonl or parquet', 'jsonl')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .option('--from <time>', 'events at or after this time')
    .option('--to <time>', 'events before this time')
    .addHelpText(
      'after',
      '\nExamples:\n  $ waymark export events --format parquet --out events.parquet\n  $ waymark export profiles --format csv --out profiles.csv',
    )
    .action(async (what: string, options: Options) => {
      if (what !== 'events' && what !== 'profiles')
        throw new WaymarkError('invalid_request', 'export "events" or "profiles"');
      const format = parseExportFormat(options.format);
      if (format === 'parquet' && options.out === undefined && process.stdout.isTTY) {
        throw new WaymarkError('invalid_request', 'Parquet is binary: pass --out FILE');
      }
      const from = parseTime(options.from, '--from');
      const to = parseTime(options.to, '--to');
      const began = Date.now();
      let bytes = 0;
      const counter = async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          yield chunk;
        }
      };
      const sink: Writable = options.out ? createWriteStream(options.out) : process.stdout;
      await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          const params = new URLSearchParams({ format });
          if (options.project) params.set('project', options.project);
          if (options.from) params.set('from', new Date(from as number).toISOString());
          if (options.to) params.set('to', new Date(to as number).toISOString());
          const response = await t.server.request('GET', `/api/export/${what}?${params.toString()}`);
          if (!response.body) throw new WaymarkError('unavailable', 'the server sent no body');
          await pipeline(Readable.fromWeb(response.body as never), counter, sink);
          return;
        }
        const projectId = options.project ?? (await defaultProject(t.engine.state));
        const source =
          what === 'events'
            ? exportEvents(t.engine.warehouse, {
                projectId,
                format,
                ...(from !== undefined ? { from } : {}),
                ...(to !== undefined ? { to } : {}),
              })
            : exportProfiles(t.engine.state, t.engine.warehouse, { projectId, format });
        await pipeline(Readable.from(source), counter, sink);
      });
      if (options.out) {
        process.stderr.write(
          `wrote ${formatCount(bytes)} bytes of ${what} to ${options.out} in ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
        );
      }
    });
}
