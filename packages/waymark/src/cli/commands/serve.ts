// `waymark serve`: the ingest and API server on the embedded stores. On a new data dir it creates the demo
// project with realistic data, then prints where it listens, the write key and an API token.

import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import { writeServerInfo } from '../../data-dir.js';
import { openEngine } from '../../engine.js';
import { buildApp } from '../../api/app.js';
import { DEMO_DEFAULTS, ensureDemoProject, loadDemo } from '../demo-loader.js';
import { formatCount } from '../output.js';
import { DEFAULT_DATA_DIR } from '../target.js';
import { SegmentScheduler } from '../../segments/scheduler.js';
import { generatePassword, hashPassword, passwordProblem } from '../../core/passwords.js';
import { deliveryConfig, describeSmtp, reportDeliveryFor } from '../../reports/delivery/index.js';

const DEMO_PENDING = 'serve:demo_pending';

interface Options {
  dataDir: string;
  port: string;
  host: string;
  demo: boolean;
  demoCustomers: string;
  fsync: boolean;
  logLevel: string;
  segmentRefresh: string;
  intakeWorkers?: string;
  adminEmail: string;
  adminPassword?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  reportRetry?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the server (Segment-compatible ingest on /v1, API on /api) on the embedded stores')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--port <port>', 'port to listen on', process.env['PORT'] ?? '8787')
    .option('--host <host>', 'address to bind (0.0.0.0 to accept other machines)', '127.0.0.1')
    .option('--no-demo', 'do not create the demo project on a new data dir')
    .option('--demo-customers <n>', 'customers in the demo dataset of a new data dir', '10000')
    .option('--no-fsync', 'acknowledge without fsync (survives a process crash, not a power loss)')
    .option('--intake-workers <n>', 'threads that parse and validate requests (default: cores - 1; 0: main thread)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .option('--segment-refresh <minutes>', 'record segment membership changes every N minutes (0: never)', '15')
    .option('--admin-email <email>', 'the first dashboard admin, created on first start', 'admin@localhost')
    .option(
      '--admin-password <password>',
      'their password (default: generated and printed once; or $WAYMARK_ADMIN_PASSWORD)',
      process.env['WAYMARK_ADMIN_PASSWORD'],
    )
    .option(
      '--smtp-url <url>',
      'SMTP server for weekly reports, e.g. smtps://user:pass@mail.example.com ($WAYMARK_SMTP_URL)',
    )
    .option('--smtp-from <address>', 'the reports\' sender, e.g. "Waymark <reports@example.com>" ($WAYMARK_SMTP_FROM)')
    .option(
      '--report-retry <waits>',
      'waits between report delivery attempts (default 1m,5m,25m; $WAYMARK_REPORT_RETRY)',
    )
    .action(async (options: Options) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new WaymarkError('invalid_request', '--port must be 0-65535');
      const customers = Number(options.demoCustomers);
      if (!Number.isInteger(customers) || customers <= 0)
        throw new WaymarkError('invalid_request', '--demo-customers must be a positive integer');

      const refreshMinutes = Number(options.segmentRefresh);
      if (!Number.isFinite(refreshMinutes) || refreshMinutes < 0)
        throw new WaymarkError('invalid_request', '--segment-refresh must be a number of minutes, 0 or more');
      const intakeWorkers = options.intakeWorkers === undefined ? undefined : Number(options.intakeWorkers);
      if (intakeWorkers !== undefined && (!Number.isInteger(intakeWorkers) || intakeWorkers < 0)) {
        throw new WaymarkError('invalid_request', '--intake-workers must be a whole number');
      }
      const delivery = deliveryConfig(options);
      const engine = await openEngine({
        dataDir: options.dataDir,
        fsync: options.fsync,
        ...(intakeWorkers !== undefined ? { intakeWorkers } : {}),
      });
      const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
      try {
        // A first start that was interrupted while loading the demo finishes it (the import resumes).
        const firstStart = (await engine.state.projects.list()).length === 0;
        const demoUnfinished = (await engine.state.ingestState.get<boolean>(DEMO_PENDING)) === true;
        if ((firstStart || demoUnfinished) && options.demo) {
          await engine.state.ingestState.set(DEMO_PENDING, true);
          await ensureDemoProject(engine, DEMO_DEFAULTS.project);
          const summary = await loadDemo(engine, { ...DEMO_DEFAULTS, customers });
          await engine.state.ingestState.delete(DEMO_PENDING);
          out(
            `Demo project loaded: ${formatCount(summary.accepted)} events, ${formatCount(summary.profiles)} customers (${summary.seconds.toFixed(0)} s)`,
          );
        }
        // The first dashboard admin, on a data dir without users: the password is printed once unless given.
        let adminLogin: { email: string; password?: string } | undefined;
        if ((await engine.state.users.count()) === 0) {
          const password = options.adminPassword ?? generatePassword();
          const problem = passwordProblem(password);
          if (problem) throw new WaymarkError('invalid_request', `--admin-password ${problem}`);
          const email = options.adminEmail.trim().toLowerCase();
          await engine.state.users.create(
            { email, name: 'Admin', role: 'admin', passwordHash: await hashPassword(password) },
            Date.now(),
          );
          adminLogin = { email, ...(options.adminPassword === undefined ? { password } : {}) };
        }
        let adminToken: string | undefined;
        if ((await engine.state.apiTokens.count()) === 0)
          adminToken = await engine.state.apiTokens.create('admin', Date.now());
        await engine.state.apiTokens.deleteByName('local-cli');
        const cliToken = await engine.state.apiTokens.create('local-cli', Date.now());

        // Report delivery failures go to the server's log; none of them stops the server.
        const reports = reportDeliveryFor(engine, delivery, (message, error) => app.log.error({ err: error }, message));
        const app = await buildApp(engine, { logger: { level: options.logLevel }, reportDelivery: reports });
        const scheduler = new SegmentScheduler({
          refresher: engine.segments,
          segments: engine.state.definitions,
          projects: engine.state.projects,
          onError: (message, error) => app.log.error({ err: error }, message),
        });
        if (refreshMinutes > 0) scheduler.start(refreshMinutes * 60_000);
        const address = await app.listen({ port, host: options.host });
        const url = address.replace('[::1]', 'localhost');
        await reports.start();
        writeServerInfo(engine.paths, {
          pid: process.pid,
          url,
          apiToken: cliToken,
          startedAt: new Date().toISOString(),
        });

        out(`Waymark is listening on ${url}  (data dir ${engine.paths.root})`);
        for (const project of await engine.state.projects.list()) {
          const key = (await engine.state.projects.keys(project.id)).find((k) => k.revokedAt === null);
          out(`  project ${project.id.padEnd(12)} write key ${key?.key ?? '(none: rotate one)'}`);
        }
        if (adminToken) out(`  API token (shown once, keep it): ${adminToken}`);
        out(
          `  weekly reports: ${reports.scheduler.scheduled().length} schedule(s); e-mail ${delivery.smtp ? `via ${describeSmtp(delivery.smtp)}` : 'off (no --smtp-url)'}`,
        );
        if (adminLogin)
          out(
            `  dashboard ${url}/  admin ${adminLogin.email}${adminLogin.password ? `  password (shown once, keep it): ${adminLogin.password}` : ''}`,
          );
        const firstKey = (await engine.state.projects.list())[0];
        if (firstKey) {
          const key =
            (await engine.state.projects.keys(firstKey.id)).find((k) => k.revokedAt === null)?.key ?? 'WRITE_KEY';
          out('Send an event:');
          out(`  curl -u '${key}:' ${url}/v1/track -H 'Content-Type: application/json' \\`);
          out(`    -d '{"userId":"user-1","event":"Product Viewed","properties":{"product_id":"p-1"}}'`);
        }
        out('Stop with Ctrl+C.');

        let stopping = false;
        const stop = async (signal: string): Promise<void> => {
          if (stopping) return;
          stopping = true;
          process.stderr.write(`\n${signal}: storing accepted events and shutting down...\n`);
          await scheduler.stop();
          await reports.stop();
          await app.close();
          await engine.close();
          process.exit(0);
        };
        process.on('SIGINT', () => void stop('SIGINT'));
        process.on('SIGTERM', () => void stop('SIGTERM'));
      } catch (error) {
        await engine.close();
        throw error;
      }
    });
}
