// `waymark projects`: create projects, list them, list and rotate their write keys.

import type { Command } from 'commander';
import type { Project, WriteKey } from '../../state/repositories/projects.js';
import { parseOutputFormat, printRows } from '../output.js';
import { DEFAULT_DATA_DIR, withTarget } from '../target.js';

interface Common {
  dataDir: string;
  format: string;
}

export function registerProjects(program: Command): void {
  const projects = program.command('projects').description('create projects, list them, list and rotate write keys');

  projects
    .command('list')
    .description('list projects with their live write keys')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: Common) => {
      const format = parseOutputFormat(options.format);
      const rows = await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          return (await t.server.json<{ projects: (Project & { writeKeys: string[] })[] }>('GET', '/api/projects'))
            .projects;
        }
        const list = await t.engine.state.projects.list();
        return Promise.all(
          list.map(async (p) => ({
            ...p,
            writeKeys: (await t.engine.state.projects.keys(p.id)).filter((k) => k.revokedAt === null).map((k) => k.key),
          })),
        );
      });
      printRows(
        rows.map((p) => ({
          id: p.id,
          name: p.name,
          timeZone: p.timeZone,
          created: new Date(p.createdAt).toISOString(),
          writeKeys: p.writeKeys.join(' '),
        })),
        format,
      );
    });

  projects
    .command('create')
    .description('create a project and its first write key')
    .argument('<name>', 'display name')
    .option('--id <id>', 'project id (default: generated)')
    .option('--time-zone <tz>', 'IANA time zone for reports', 'UTC')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (name: string, options: Common & { id?: string; timeZone: string }) => {
      const format = parseOutputFormat(options.format);
      const created = await withTarget(options.dataDir, async (t) => {
        const input = { name, timeZone: options.timeZone, ...(options.id ? { id: options.id } : {}) };
        if (t.kind === 'server') return t.server.json<Project & { writeKey: string }>('POST', '/api/projects', input);
        const r = await t.engine.state.projects.create({ ...input, now: Date.now() });
        return { ...r.project, writeKey: r.writeKey };
      });
      printRows(
        [{ id: created.id, name: created.name, timeZone: created.timeZone, writeKey: created.writeKey }],
        format,
      );
    });

  projects
    .command('keys')
    .description("list a project's write keys, live and revoked")
    .argument('<project>', 'project id')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (project: string, options: Common) => {
      const format = parseOutputFormat(options.format);
      const keys = await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server')
          return (await t.server.json<{ keys: WriteKey[] }>('GET', `/api/projects/${encodeURIComponent(project)}/keys`))
            .keys;
        return t.engine.state.projects.keys(project);
      });
      printRows(
        keys.map((k) => ({
          key: k.key,
          created: new Date(k.createdAt).toISOString(),
          status: k.revokedAt === null ? 'live' : `revoked ${new Date(k.revokedAt).toISOString()}`,
        })),
        format,
      );
    });

  projects
    .command('rotate-key')
    .description('issue a new write key and revoke the old ones (or keep them with --keep-old)')
    .argument('<project>', 'project id')
    .option('--keep-old', 'keep the current keys working too')
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (project: string, options: Common & { keepOld?: boolean }) => {
      const format = parseOutputFormat(options.format);
      const key = await withTarget(options.dataDir, async (t) => {
        if (t.kind === 'server') {
          return (
            await t.server.json<{ writeKey: string }>(
              'POST',
              `/api/projects/${encodeURIComponent(project)}/keys/rotate`,
              { keepOld: options.keepOld === true },
            )
          ).writeKey;
        }
        return t.engine.state.projects.rotateKey(project, Date.now(), options.keepOld === true);
      });
      printRows([{ project, writeKey: key, oldKeys: options.keepOld ? 'kept' : 'revoked' }], format);
    });
}
