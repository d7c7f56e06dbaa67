// `waymark demo`: generate the seeded multi-channel e-commerce dataset into a project (default "demo").

import type { Command } from 'commander';
import type { JsonObject } from '../../core/event.js';
import { WaymarkError } from '../../core/errors.js';
import { demoExperiment, demoSlot } from '../../demo/personalization.js';
import { generateDemo } from '../../demo/generate.js';
import { DEMO_DEFAULTS, demoEnd, ensureDemoProject, loadDemo, type DemoFlags } from '../demo-loader.js';
import { printImportSummary } from '../import-report.js';
import { formatCount } from '../output.js';
import { progressBar } from '../progress.js';
import { DEFAULT_DATA_DIR, withTarget, type ServerClient } from '../target.js';

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new WaymarkError('invalid_request', `${flag} must be a positive integer`);
    return n;
  };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate a realistic, seeded e-commerce dataset (campaigns, devices, identities, purchases)')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option(
      '-c, --customers <n>',
      'number of customers (about 40 events each)',
      positiveInt('--customers'),
      DEMO_DEFAULTS.customers,
    )
    .option('--seed <n>', 'random seed: the same seed gives the same data', positiveInt('--seed'), DEMO_DEFAULTS.seed)
    .option('--days <n>', 'days of history, ending today', positiveInt('--days'), DEMO_DEFAULTS.days)
    .option('-p, --project <id>', 'project to fill (created if missing)', DEMO_DEFAULTS.project)
    .option('--json', 'print the summary as JSON')
    .action(async (options: DemoFlags & { dataDir: string; json?: boolean }) => {
      await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          await demoViaServer(t.server, options);
          return;
        }
        const writeKey = await ensureDemoProject(t.engine, options.project);
        const summary = await loadDemo(t.engine, options);
        printImportSummary(summary, options.json === true);
        if (!options.json) process.stdout.write(`Project "${options.project}" write key: ${writeKey}\n`);
      });
    });
}

async function demoViaServer(server: ServerClient, flags: DemoFlags): Promise<void> {
  const { projects } = await server.json<{ projects: { id: string }[] }>('GET', '/api/projects');
  if (!projects.some((p) => p.id === flags.project)) {
    await server.json('POST', '/api/projects', { id: flags.project, name: 'Demo Shop' });
  }
  const estimate = flags.customers * 40;
  const bar = progressBar(`demo data via ${server.info.url}`, estimate, 'events');
  let sent = 0;
  let lines: string[] = [];
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    await server.request('POST', `/api/import?project=${encodeURIComponent(flags.project)}`, {
      type: 'application/x-ndjson',
      data: lines.join('\n'),
    });
    sent += lines.length;
    lines = [];
    bar.update(Math.min(sent, estimate), { detail: `${formatCount(sent)} sent` });
  };
  try {
    for (const call of generateDemo({
      customers: flags.customers,
      seed: flags.seed,
      days: flags.days,
      end: demoEnd(),
    })) {
      lines.push(JSON.stringify(call as unknown as JsonObject));
      if (lines.length >= 5_000) await flush();
    }
    await flush();
  } finally {
    bar.stop();
  }
  // The demo's A/B test and its slot, unless the project has them already (the experiment first: the slot runs it).
  const q = `?project=${encodeURIComponent(flags.project)}`;
  for (const [path, definition] of [
    ['experiments', demoExperiment(demoEnd())],
    ['slots', demoSlot()],
  ] as const) {
    const existing = await fetch(`${server.info.url}/api/${path}/${definition.id}${q}`, {
      headers: { Authorization: `Bearer ${server.info.apiToken}` },
    });
    if (existing.status === 404) await server.json('POST', `/api/${path}${q}`, definition);
  }
  process.stdout.write(`Sent ${formatCount(sent)} demo events to ${server.info.url} (project "${flags.project}")\n`);
}
