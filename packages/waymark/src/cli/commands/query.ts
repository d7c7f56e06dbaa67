// `waymark query <analysis> --spec FILE`: run a funnel, trend, retention, paths or stages analysis and print it as
// a table or JSON, or write it as CSV, JSON lines or Parquet for other tools (docs/export.md). Goes through the
// running server when there is one.

import type { Command } from 'commander';
import { ANALYSES, analysisNamed } from '../../analytics/analyses.js';
import { guardedWarehouse } from '../../analytics/query-guard.js';
import { WaymarkError } from '../../core/errors.js';
import { readJsonInput } from '../json-input.js';
import { parseOutputFormat, printRows } from '../output.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget } from '../target.js';
import { EXPORT_FORMATS, parseExportFormat } from '../../transfer/export.js';
import { exportResult } from './export.js';

interface Options {
  dataDir: string;
  project?: string;
  spec?: string;
  format: string;
  out?: string;
  table?: string;
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run an analysis from a JSON spec')
    .argument('<analysis>', ANALYSES.map((a) => a.name).join(', '))
    .option('-s, --spec <file>', 'the JSON spec: a file, - for standard input, or the JSON itself')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'table, json, or a file for other tools: csv, jsonl or parquet', 'table')
    .option('-o, --out <file>', 'with csv, jsonl or parquet: the file to write (default: standard output)')
    .option('--table <table>', 'with csv, jsonl or parquet: which table of the result (see docs/export.md)')
    .addHelpText(
      'after',
      `\nAnalyses:\n${ANALYSES.map((a) => `  ${a.name.padEnd(16)}${a.description}`).join('\n')}\n\nExamples:\n  $ waymark query funnel --spec docs/examples/funnel.json\n  $ waymark query funnel --format json --spec '{"steps":[{"event":"Product Viewed"},{"event":"Order Completed"}]}'\n  $ waymark query retention --spec docs/examples/retention.json --format parquet --out retention.parquet`,
    )
    .action(async (name: string, options: Options) => {
      const analysis = analysisNamed(name);
      const spec = analysis.parse(readJsonInput(options.spec, 'spec'));
      if ((EXPORT_FORMATS as readonly string[]).includes(options.format)) {
        await exportResult({
          dataDir: options.dataDir,
          name,
          spec,
          format: parseExportFormat(options.format),
          ...(options.project ? { project: options.project } : {}),
          ...(options.table ? { table: options.table } : {}),
          ...(options.out ? { out: options.out } : {}),
        });
        return;
      }
      if (options.format !== 'table' && options.format !== 'json')
        throw new WaymarkError('invalid_request', '--format must be table, json, csv, jsonl or parquet', {
          field: 'format',
        });
      const format = parseOutputFormat(options.format);
      const result: unknown = await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          const query = options.project ? `?project=${encodeURIComponent(options.project)}` : '';
          const answer = await t.server.json<{ result: unknown }>('POST', `/api/query/${name}${query}`, spec as object);
          return answer.result;
        }
        const projectId = options.project ?? (await defaultProject(t.engine.state));
        const ctx = {
          warehouse: guardedWarehouse(t.engine.warehouse),
          now: Date.now,
          definitions: t.engine.state.definitions,
        };
        return analysis.run(ctx, projectId, spec);
      });
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const table = analysis.table(result);
      const rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] ?? null])));
      printRows(rows, format, table.columns);
    });
}
