// The `waymark` command line: one file per command under commands/.

import { Command, CommanderError } from 'commander';
import { WaymarkError } from '../core/errors.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerPersonalization } from './commands/personalization.js';
import { registerProjects } from './commands/projects.js';
import { registerQuery } from './commands/query.js';
import { registerReport } from './commands/report.js';
import { registerReportDelivery } from './commands/report-delivery.js';
import { registerSegments } from './commands/segments.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';

export function buildProgram(): Command {
  const program = new Command('waymark')
    .description('Waymark: self-hosted customer journey analytics')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerImport(program);
  registerExport(program);
  registerDemo(program);
  registerProjects(program);
  registerQuery(program);
  registerSegments(program);
  registerStats(program);
  registerPersonalization(program);
  registerReportDelivery(registerReport(program));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `waymark query ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof WaymarkError) {
      process.stderr.write(`waymark: ${error.message}\n`);
      process.exitCode = error.code === 'data_dir_in_use' ? 3 : 1;
      return;
    }
    process.stderr.write(`waymark: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
