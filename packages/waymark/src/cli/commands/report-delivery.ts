// `waymark report send | schedules | deliveries`: send the weekly report now, manage report schedules, read the
// delivery log (docs/reports-delivery.md). Goes through the running server when there is one, else opens the
// data dir (and then sends with the SMTP settings given here).

import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import {
  deleteSchedule,
  deliveryConfig,
  deliveryView,
  listSchedules,
  parseDeliveryFilter,
  parseSendRequest,
  SCHEDULE_KIND,
  publicSchedule,
  reportDeliveryFor,
  saveSchedule,
  type DeliveryView,
  type PublicReportSchedule,
  type ReportSchedule,
  type SendResult,
} from '../../reports/delivery/index.js';
import { readJsonInput } from '../json-input.js';
import { parseOutputFormat, printRows } from '../output.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget, type Target } from '../target.js';

interface Common {
  dataDir: string;
  project?: string;
  format: string;
}

interface SendOptions extends Common {
  week?: string;
  schedule?: string;
  to?: string;
  webhook?: string;
  secret?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  reportRetry?: string;
  wait?: boolean;
}

const query = (o: Common, extra: Record<string, string | undefined> = {}): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ project: o.project, ...extra })) if (v) params.set(k, v);
  return params.toString();
};

const projectOf = async (t: Target & { kind: 'engine' }, o: Common): Promise<{ id: string; timeZone: string }> => {
  const id = o.project ?? (await defaultProject(t.engine.state));
  const project = await t.engine.state.projects.get(id);
  if (!project) throw new WaymarkError('not_found', `no project "${id}"`, { field: 'project' });
  return project;
};

function common(command: Command): Command {
  return command
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'table, json or csv', 'table');
}

/** JSON: the log rows as the API gives them; table and CSV: one line per delivery. */
function printDeliveries(rows: DeliveryView[], format: string): void {
  const f = parseOutputFormat(format);
  if (f === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  printRows(
    rows.map((d) => ({
      week: d.week,
      channel: d.channel,
      target: d.target,
      status: d.status,
      attempts: `${d.attempts}/${d.maxAttempts}`,
      at: d.sentAt ?? d.updatedAt,
      error: d.lastError ?? '',
    })),
    f,
  );
}

/** The send-now request from the flags: --to and --webhook/--secret replace the schedules' targets. */
function sendRequestOf(o: SendOptions): unknown {
  if ((o.webhook === undefined) !== (o.secret === undefined))
    throw new WaymarkError('invalid_request', '--webhook and --secret go together', { field: 'secret' });
  return {
    ...(o.week ? { week: o.week } : {}),
    ...(o.schedule ? { schedule: o.schedule } : {}),
    ...(o.to ? { recipients: o.to.split(',').map((a) => a.trim()) } : {}),
    ...(o.webhook ? { webhooks: [{ url: o.webhook, secret: o.secret }] } : {}),
  };
}

async function send(o: SendOptions): Promise<SendResult> {
  const request = parseSendRequest(sendRequestOf(o));
  return withTarget(o.dataDir, async (t) => {
    if (t.kind === 'server') {
      if (o.smtpUrl || o.smtpFrom || o.reportRetry)
        process.stderr.write('waymark: a server is running: it sends with its own SMTP and retry settings\n');
      return t.server.json<SendResult>('POST', `/api/reports/weekly/send?${query(o)}`, request);
    }
    const config = deliveryConfig(o);
    const service = reportDeliveryFor(t.engine, config, (message, error) =>
      process.stderr.write(`waymark: ${message}: ${error instanceof Error ? error.message : String(error)}\n`),
    );
    try {
      const result = await service.send((await projectOf(t, o)).id, request);
      if (!o.wait) return result;
      await service.idle();
      const rows = await Promise.all(result.deliveries.map((d) => t.engine.state.reportDeliveries.get(d.id)));
      return { ...result, deliveries: rows.flatMap((r) => (r ? [deliveryView(r)] : [])) };
    } finally {
      await service.stop();
    }
  });
}

export function registerReportDelivery(report: Command): void {
  common(
    report
      .command('send')
      .description("send the weekly report now: to the schedules' recipients and webhooks, or to those given")
      .option('-w, --week <week>', 'ISO week, e.g. 2026-W47 (default: the last complete week)')
      .option('-s, --schedule <id>', "only this schedule's recipients and webhooks")
      .option('--to <addresses>', 'e-mail addresses, comma-separated, instead of the schedules')
      .option('--webhook <url>', 'a webhook to POST to, instead of the schedules (with --secret)')
      .option('--secret <secret>', "the webhook's signing secret")
      .option('--smtp-url <url>', 'without a running server: the SMTP server ($WAYMARK_SMTP_URL)')
      .option('--smtp-from <address>', 'without a running server: the sender ($WAYMARK_SMTP_FROM)')
      .option('--report-retry <waits>', 'without a running server: waits between attempts (default 1m,5m,25m)')
      .option('--wait', 'without a running server: wait for retries (else the next `waymark serve` resumes them)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ waymark report send\n  $ waymark report send --week 2026-W47 --to cmo@example.com,cro@example.com\n  $ waymark report send --webhook https://hooks.example.com/waymark --secret "$WEBHOOK_SECRET"',
      ),
  ).action(async (o: SendOptions) => {
    const result = await send(o);
    if (parseOutputFormat(o.format) === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      process.stderr.write(`${result.subject}\n`);
      printDeliveries(result.deliveries, o.format);
    }
    if (result.deliveries.some((d) => d.status === 'failed')) process.exitCode = 1;
  });

  const schedules = report.command('schedules').description('when and to whom the weekly report is sent');

  common(schedules.command('list').description("the project's report schedules with their next runs")).action(
    async (o: Common) => {
      const list = await withTarget(o.dataDir, async (t) => {
        if (t.kind === 'server')
          return (
            await t.server.json<{ schedules: PublicReportSchedule[] }>('GET', `/api/reports/schedules?${query(o)}`)
          ).schedules;
        const project = await projectOf(t, o);
        return (await listSchedules(t.engine.state.definitions, project.id)).map((s) => publicSchedule(s, Date.now()));
      });
      if (parseOutputFormat(o.format) === 'json') {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      printRows(
        list.map((s) => ({
          id: s.id,
          cron: s.cron,
          'time zone': s.timeZone,
          enabled: s.enabled,
          recipients: s.recipients.join(' '),
          webhooks: s.webhooks.map((w) => w.url).join(' '),
          'next run': s.nextRuns[0] ?? '',
        })),
        parseOutputFormat(o.format),
      );
    },
  );

  common(
    schedules
      .command('save')
      .description('create or update a schedule from { cron, timeZone, recipients, webhooks, enabled }')
      .requiredOption('--definition <json>', 'the schedule: a file, - for stdin, or JSON')
      .option('--id <id>', 'schedule id (default: "weekly" or the id in the definition)')
      .addHelpText(
        'after',
        `\nExample:\n  $ waymark report schedules save --definition '{"cron":"0 8 * * 1","timeZone":"Europe/Berlin","recipients":["team@example.com"]}'`,
      ),
  ).action(async (o: Common & { definition: string; id?: string }) => {
    const raw = readJsonInput(o.definition, 'definition') as Record<string, unknown>;
    const id = o.id ?? (typeof raw['id'] === 'string' ? raw['id'] : 'weekly');
    const saved = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server') {
        const path = `/api/reports/schedules`;
        const existing = await t.server
          .json<PublicReportSchedule>('GET', `${path}/${encodeURIComponent(id)}?${query(o)}`)
          .catch((error: unknown) => {
            if (error instanceof WaymarkError && error.code === 'not_found') return undefined;
            throw error;
          });
        return existing
          ? t.server.json<ReportSchedule>('PUT', `${path}/${encodeURIComponent(id)}?${query(o)}`, raw)
          : t.server.json<ReportSchedule>('POST', `${path}?${query(o)}`, { ...raw, id });
      }
      const project = await projectOf(t, o);
      const replace = (await t.engine.state.definitions.get(project.id, SCHEDULE_KIND, id)) !== undefined;
      return saveSchedule(t.engine.state.definitions, project, { ...raw, id }, Date.now(), { id, replace });
    });
    const next = publicSchedule(saved, Date.now()).nextRuns[0];
    process.stdout.write(
      `Saved report schedule "${saved.id}": ${saved.cron} (${saved.timeZone})${saved.enabled ? `, next run ${next}` : ', disabled'}.\n`,
    );
    for (const w of saved.webhooks) process.stdout.write(`  webhook ${w.url}  secret ${w.secret}\n`);
  });

  common(schedules.command('delete').description('delete a schedule').argument('<id>')).action(
    async (id: string, o: Common) => {
      await withTarget(o.dataDir, async (t) => {
        if (t.kind === 'server')
          await t.server.request('DELETE', `/api/reports/schedules/${encodeURIComponent(id)}?${query(o)}`);
        else await deleteSchedule(t.engine.state.definitions, (await projectOf(t, o)).id, id);
      });
      process.stdout.write(`Deleted report schedule "${id}".\n`);
    },
  );

  common(
    report
      .command('deliveries')
      .description('the delivery log: each report sent to each address or webhook, newest first')
      .option('-w, --week <week>', 'only this ISO week')
      .option('--status <status>', 'pending, retrying, sent or failed')
      .option('--limit <n>', 'at most this many (1-1000)', '50'),
  ).action(async (o: Common & { week?: string; status?: string; limit: string }) => {
    const rows = await withTarget(o.dataDir, async (t) => {
      const filter = { week: o.week, status: o.status, limit: o.limit };
      if (t.kind === 'server')
        return (
          await t.server.json<{ deliveries: DeliveryView[] }>('GET', `/api/reports/deliveries?${query(o, filter)}`)
        ).deliveries;
      const list = await t.engine.state.reportDeliveries.list(parseDeliveryFilter((await projectOf(t, o)).id, filter));
      return list.map(deliveryView);
    });
    printDeliveries(rows, o.format);
  });
}
