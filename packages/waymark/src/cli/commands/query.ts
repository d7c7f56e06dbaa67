// `waymark query <analysis> --spec FILE`: run a funnel, trend, retention, paths or stages analysis and print it as
// a table, JSON or CSV. Goes through the running server when there is one.

import type { Command } from 'commander';
import { ANALYSES, analysisNamed } from '../../analytics/analyses.js';
import { guardedWarehouse } from '../../analytics/query-guard.js';
import { readJsonInput } from '../json-input.js';
import { parseOutputFormat, printRows } from '../output.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget } from '../target.js';

interface Options {
  dataDir: string;
  project?: string;
  spec?: string;
  format: string;
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run an analysis from a JSON spec')
    .argument('<analysis>', ANALYSES.map((a) => a.name).join(', '))
    .option('-s, --spec <file>', 'the JSON spec: a file, - for standard input, or the JSON itself')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'table, json or csv', 'table')
    .addHelpText(
      'after',
      `\nAnalyses:\n${ANALYSES.map((a) => `  ${a.name.padEnd(16)}${a.description}`).join('\n')}\n\nExamples:\n  $ waymark query funnel --spec docs/examples/funnel.json\n  $ waymark query funnel --format json --spec '{"steps":[{"event":"Product Viewed"},{"event":"Order Completed"}]}'`,
    )
    .action(async (name: string, options: Options) => {
      const analysis = analysisNamed(name);
      const format = parseOutputFormat(options.format);
      const spec = analysis.parse(readJsonInput(options.spec, 'spec'));
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
