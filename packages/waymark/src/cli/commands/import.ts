// `waymark import FILE`: Segment-spec JSON lines (or CSV with a column mapping) into a project, timestamps kept.

import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import { parseMapping } from '../../transfer/csv.js';
import { importFile, type ImportSummary } from '../../transfer/import.js';
import { readCalls, type ImportFormat } from '../../transfer/read-records.js';
import type { Rejection } from '../../ingest/intake.js';
import { printImportSummary, importProgress } from '../import-report.js';
import { progressBar } from '../progress.js';
import { DEFAULT_DATA_DIR, withTarget, type ServerClient } from '../target.js';
import { defaultProject } from '../projects-lookup.js';

interface Options {
  dataDir: string;
  project?: string;
  format?: string;
  map?: string;
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import events from a JSON lines file of Segment calls, or a CSV file with a column mapping')
    .argument('<file>', 'file to import (.jsonl, .ndjson, .json or .csv)')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project to import into (default: the only project)')
    .option('-f, --format <format>', 'jsonl or csv (default: from the file extension)')
    .option('-m, --map <mapping>', 'CSV columns to call fields, e.g. "userId=customer_id,event=action,timestamp=ts"')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ waymark import events.jsonl --project demo
  $ waymark import orders.csv --map "userId=customer,event=action,timestamp=time,properties.revenue=amount"

The command exits with status 1 when no line could be read and 2 when every event was rejected.`,
    )
    .action(async (file: string, options: Options) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new WaymarkError('not_found', `no file ${file}`);
      const format: ImportFormat = (options.format ??
        (extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl')) as ImportFormat;
      if (format !== 'jsonl' && format !== 'csv')
        throw new WaymarkError('invalid_request', '--format must be jsonl or csv');
      const mapping = options.map ? parseMapping(options.map) : undefined;
      const summary = await withTarget(options.dataDir, async (target) => {
        if (target.kind === 'server') return importViaServer(target.server, file, format, options.project, mapping);
        const projectId = options.project ?? (await defaultProject(target.engine.state));
        const progress = importProgress('importing');
        try {
          return await importFile(target.engine, {
            projectId,
            file,
            format,
            ...(mapping ? { mapping } : {}),
            onProgress: progress.onProgress,
          });
        } finally {
          progress.stop();
        }
      });
      printImportSummary(summary, options.json === true);
      if (summary.read === 0) {
        process.stderr.write(`nothing could be read from ${file}\n`);
        process.exitCode = 1;
      } else if (summary.accepted === 0 && summary.duplicates === 0) {
        process.exitCode = 2;
      }
    });
}

interface ServerImportResult {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: (Rejection & { line: number })[];
}

async function importViaServer(
  server: ServerClient,
  file: string,
  format: ImportFormat,
  project: string | undefined,
  mapping: Record<string, string> | undefined,
): Promise<ImportSummary> {
  const began = Date.now();
  const total = statSync(file).size;
  const bar = progressBar(`importing via ${server.info.url}`, total, 'events');
  const summary: ImportSummary = {
    file,
    read: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    rejections: [],
    reasons: {},
    profiles: 0,
    resumed: false,
    seconds: 0,
  };
  const query = project ? `&project=${encodeURIComponent(project)}` : '';
  const record = (r: Rejection & { line: number }): void => {
    summary.rejected += 1;
    summary.reasons[r.message] = (summary.reasons[r.message] ?? 0) + 1;
    if (summary.rejections.length < 20) summary.rejections.push(r);
  };
  try {
    for await (const slice of readCalls(file, format, { sliceSize: 5_000, ...(mapping ? { mapping } : {}) })) {
      const first = slice.items[0];
      const last = slice.items.at(-1);
      if (first === undefined || last === undefined) continue;
      // One body line per file line, so the server reports the file's own line numbers.
      const lines = new Array<string>(last.line - first.line + 1).fill('');
      for (const item of slice.items) {
        if (item.call) {
          lines[item.line - first.line] = JSON.stringify(item.call);
        } else {
          record({
            index: item.line - 1,
            line: item.line,
            code: 'invalid_json',
            field: '',
            message: item.error ?? 'unreadable',
          });
          summary.read += 1;
        }
      }
      const response = await server.request('POST', `/api/import?firstLine=${first.line}${query}`, {
        type: 'application/x-ndjson',
        data: lines.join('\n'),
      });
      const result = (await response.json()) as ServerImportResult;
      summary.read += result.read;
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      for (const r of result.rejected) record(r);
      bar.update(slice.bytesRead, { detail: `${summary.accepted} sent` });
    }
  } finally {
    bar.stop();
  }
  summary.seconds = (Date.now() - began) / 1000;
  return summary;
}
