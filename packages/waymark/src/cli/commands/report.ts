// `waymark report weekly [--week 2026-W47] [--project ID] --format html|md|json|pdf --out FILE`: the weekly report of
// a project (docs/reports.md). Goes through the running server when there is one.

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import { formatReport, parseReportFormat, REPORT_FORMATS, weeklyReport } from '../../reports/index.js';
import { formatIsoWeek, parseIsoWeek } from '../../reports/iso-week.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget } from '../target.js';

interface WeeklyOptions {
  dataDir: string;
  project?: string;
  week?: string;
  format: string;
  out?: string;
}

/** Registers `waymark report`; returns it so that other report subcommands can be added to it. */
export function registerReport(program: Command): Command {
  const report = program.command('report').description('weekly reports: what changed, why it matters, what to do');
  report
    .command('weekly')
    .description('build the weekly report of a project (default: the last complete week in its time zone)')
    .option('-w, --week <week>', 'ISO week, e.g. 2026-W47')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', REPORT_FORMATS.join(', '), 'md')
    .option('-o, --out <file>', 'the file to write (default: standard output; pdf needs --out)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ waymark report weekly\n  $ waymark report weekly --week 2026-W47 --format html --out week47.html\n  $ waymark report weekly --format pdf --out week47.pdf',
    )
    .action(async (options: WeeklyOptions) => {
      const format = parseReportFormat(options.format);
      if (format === 'pdf' && !options.out)
        throw new WaymarkError('invalid_request', 'a PDF goes to a file: add --out report.pdf', { field: 'out' });
      const week = options.week ? formatIsoWeek(parseIsoWeek(options.week)) : undefined;
      const body = await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          const params = new URLSearchParams({ format });
          if (week) params.set('week', week);
          if (options.project) params.set('project', options.project);
          const response = await t.server.request('GET', `/api/reports/weekly?${params}`);
          return Buffer.from(await response.arrayBuffer());
        }
        const projectId = options.project ?? (await defaultProject(t.engine.state));
        const built = await weeklyReport(t.engine, { projectId, ...(week ? { week } : {}) });
        return formatReport(built, format);
      });
      if (options.out) {
        writeFileSync(options.out, body);
        process.stderr.write(`wrote ${options.out}\n`);
      } else process.stdout.write(body);
    });
  return report;
}
