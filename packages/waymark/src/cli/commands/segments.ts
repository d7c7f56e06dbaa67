// `waymark segments`: preview a definition, save segments, list and show them with their sizes, list and export
// members. Goes through the running server when there is one, else opens the data dir.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseCondition, parseSegmentDefinition } from '../../segments/definition-check.js';
import type { Condition } from '../../segments/definition.js';
import {
  deleteSegment,
  getSegment,
  idsFromCsv,
  listSegments,
  MAX_MEMBERS,
  memberRows,
  previewSegment,
  resolveSegmentRefs,
  saveSegment,
  segmentMembers,
  type MemberRow,
  type SavedSegment,
  type SegmentMembers,
  type SegmentPreview,
} from '../../segments/segments.js';
import { WaymarkError } from '../../core/errors.js';
import { SEGMENT_TEMPLATES, segmentTemplate, templateDefinition } from '../../segments/templates.js';
import type { RefreshResult } from '../../segments/membership.js';
import { readJsonInput } from '../json-input.js';
import { formatCount, parseOutputFormat, printRows } from '../output.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget, type Target } from '../target.js';

interface Common {
  dataDir: string;
  project?: string;
  format: string;
}

const projectQuery = (o: Common): string => (o.project ? `project=${encodeURIComponent(o.project)}` : '');
const projectOf = async (t: Target & { kind: 'engine' }, o: Common): Promise<string> =>
  o.project ?? (await defaultProject(t.engine.state));

interface CreateOptions {
  definition?: string;
  fromCsv?: string;
  column?: string;
  name?: string;
  id?: string;
  replace?: boolean;
}

/** The definition to create: from --definition, or a static list of ids from --from-csv. */
function definitionInput(o: CreateOptions): Record<string, unknown> {
  if (o.fromCsv !== undefined) {
    if (o.definition !== undefined)
      throw new WaymarkError('invalid_request', 'give either --definition or --from-csv, not both');
    const name = o.name ?? basename(o.fromCsv).replace(/\.csv$/i, '');
    return { name, condition: { list: idsFromCsv(readFileSync(o.fromCsv, 'utf8'), o.column) } };
  }
  if (o.definition === undefined)
    throw new WaymarkError('invalid_request', 'give --definition FILE (or --from-csv FILE for a static segment)');
  return readJsonInput(o.definition, 'definition') as Record<string, unknown>;
}

/** A saved segment's condition with its references to other segments expanded. */
const resolved = (t: Target & { kind: 'engine' }, projectId: string, s: SavedSegment): Promise<Condition> =>
  resolveSegmentRefs(t.engine.state.definitions, projectId, s.condition, [s.id]);

/** Saves what a new definition means right away: who is a member now, recorded as membership events. */
async function record(t: Target & { kind: 'engine' }, projectId: string, saved: SavedSegment): Promise<RefreshResult> {
  const condition = await resolved(t, projectId, saved);
  return t.engine.segments.refresh(projectId, { ...saved, condition }, Date.now());
}

const describeRefresh = (r: RefreshResult | undefined): string =>
  r === undefined ? 'saved' : `${formatCount(r.size)} members now (${formatCount(r.entered)} entered)`;

function common(command: Command): Command {
  return command
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'table, json or csv', 'table');
}

function printPreview(p: SegmentPreview & { name?: string; id?: string }, format: string): void {
  const f = parseOutputFormat(format);
  if (f === 'json') {
    process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
    return;
  }
  printRows(
    [
      {
        ...(p.id ? { id: p.id } : {}),
        ...(p.name ? { name: p.name } : {}),
        members: p.size,
        persons: p.persons,
        '% of persons': Math.round(p.share * 1000) / 10,
        at: p.at,
      },
    ],
    f,
  );
}

export function registerSegments(program: Command): void {
  const segments = program
    .command('segments')
    .description('define customer segments, preview their size, list and export their members')
    .addHelpText(
      'after',
      `\nExamples:\n  $ waymark segments preview --definition docs/examples/segments/cart-abandoners.json\n  $ waymark segments create --definition docs/examples/segments/repeat-buyers.json\n  $ waymark segments members repeat-buyers --limit 20\n  $ waymark segments export repeat-buyers --out repeat-buyers.csv`,
    );

  common(segments.command('list').description('saved segments with their current sizes')).action(async (o: Common) => {
    const rows = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server') {
        const q = projectQuery(o);
        const { segments: list } = await t.server.json<{ segments: SavedSegment[] }>('GET', `/api/segments?${q}`);
        return Promise.all(
          list.map((s) =>
            t.server.json<SavedSegment & SegmentPreview>('GET', `/api/segments/${encodeURIComponent(s.id)}?${q}`),
          ),
        );
      }
      const projectId = await projectOf(t, o);
      const list = await listSegments(t.engine.state.definitions, projectId);
      return Promise.all(
        list.map(async (s) => ({
          ...s,
          ...(await previewSegment(t.engine.warehouse, projectId, await resolved(t, projectId, s), Date.now(), 0)),
        })),
      );
    });
    printRows(
      rows.map((s) => ({ id: s.id, name: s.name, members: s.size, '% of persons': Math.round(s.share * 1000) / 10 })),
      parseOutputFormat(o.format),
    );
  });

  common(
    segments
      .command('preview')
      .description('count the members of a definition without saving it')
      .requiredOption('--definition <json>', 'a definition or { "condition": ... }: a file, - for stdin, or JSON'),
  ).action(async (o: Common & { definition: string }) => {
    const raw = readJsonInput(o.definition, 'definition') as { condition?: unknown; name?: unknown };
    const condition = parseCondition(raw.condition);
    const preview = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server')
        return t.server.json<SegmentPreview>('POST', `/api/segments/preview?${projectQuery(o)}`, { condition });
      const projectId = await projectOf(t, o);
      const full = await resolveSegmentRefs(t.engine.state.definitions, projectId, condition);
      return previewSegment(t.engine.warehouse, projectId, full, Date.now());
    });
    printPreview({ ...preview, ...(typeof raw.name === 'string' ? { name: raw.name } : {}) }, o.format);
  });

  common(
    segments
      .command('create')
      .description('save a segment from its definition { "name", "condition" } (id from --id or the name)')
      .option('--definition <json>', 'the definition: a file, - for stdin, or JSON')
      .option('--from-csv <file>', 'a static segment: the ids in a CSV file (with a header row)')
      .option('--column <name>', 'with --from-csv: the column holding the ids (default: the first)')
      .option('--name <name>', 'with --from-csv: the segment name')
      .option('--id <id>', 'the segment id (default: from the name)')
      .option('--replace', 'replace the segment with this id if it exists'),
  ).action(async (o: Common & CreateOptions) => {
    const raw = definitionInput(o);
    const body = { ...parseSegmentDefinition(raw), ...(o.id ? { id: o.id } : raw['id'] ? { id: raw['id'] } : {}) };
    const saved = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server') {
        if (o.replace && body.id)
          return t.server.json<SavedSegment & { refresh?: RefreshResult }>(
            'PUT',
            `/api/segments/${encodeURIComponent(String(body.id))}?${projectQuery(o)}`,
            body,
          );
        return t.server.json<SavedSegment & { refresh?: RefreshResult }>(
          'POST',
          `/api/segments?${projectQuery(o)}`,
          body,
        );
      }
      const projectId = await projectOf(t, o);
      const replace = o.replace === true && body.id !== undefined;
      const created = await saveSegment(t.engine.state.definitions, projectId, body, Date.now(), {
        replace,
        ...(replace ? { id: String(body.id) } : {}),
      });
      return { ...created, refresh: await record(t, projectId, created) };
    });
    process.stdout.write(`Saved segment "${saved.id}" (${saved.name}): ${describeRefresh(saved.refresh)}.\n`);
  });

  common(segments.command('show').description('a saved segment: definition and size').argument('<id>')).action(
    async (id: string, o: Common) => {
      const segment = await withTarget(o.dataDir, async (t) => {
        if (t.kind === 'server')
          return t.server.json<SavedSegment & SegmentPreview>(
            'GET',
            `/api/segments/${encodeURIComponent(id)}?${projectQuery(o)}`,
          );
        const projectId = await projectOf(t, o);
        const saved = await getSegment(t.engine.state.definitions, projectId, id);
        return {
          ...saved,
          ...(await previewSegment(t.engine.warehouse, projectId, await resolved(t, projectId, saved), Date.now(), 0)),
        };
      });
      if (parseOutputFormat(o.format) === 'json') {
        process.stdout.write(`${JSON.stringify(segment, null, 2)}\n`);
        return;
      }
      printPreview(segment, o.format);
      process.stdout.write(`\n${JSON.stringify(segment.condition, null, 2)}\n`);
    },
  );

  common(
    segments
      .command('members')
      .description('a page of members (person ids)')
      .argument('<id>')
      .option('--limit <n>', 'members per page', '100')
      .option('--offset <n>', 'members to skip', '0'),
  ).action(async (id: string, o: Common & { limit: string; offset: string }) => {
    const page = { limit: Number(o.limit), offset: Number(o.offset) };
    const result = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server') {
        const q = `${projectQuery(o)}&limit=${page.limit}&offset=${page.offset}`;
        return t.server.json<Omit<SegmentMembers, 'members'> & { members: MemberRow[] }>(
          'GET',
          `/api/segments/${encodeURIComponent(id)}/members?${q}`,
        );
      }
      const projectId = await projectOf(t, o);
      const saved = await getSegment(t.engine.state.definitions, projectId, id);
      const found = await segmentMembers(
        t.engine.warehouse,
        projectId,
        await resolved(t, projectId, saved),
        Date.now(),
        page,
      );
      return { ...found, members: await memberRows(t.engine.state.profiles, projectId, found.members) };
    });
    printRows(
      result.members.map((m) => ({ ...m })),
      parseOutputFormat(o.format),
      ['personId', 'email', 'name', 'lastSeen', 'revenue'],
    );
    if (o.format === 'table')
      process.stderr.write(
        `${formatCount(result.offset + 1)}-${formatCount(result.offset + result.members.length)} of ${formatCount(result.size)} members\n`,
      );
  });

  common(
    segments
      .command('export')
      .description('all members as CSV (person_id)')
      .argument('<id>')
      .option('-o, --out <file>', 'write to this file (default: standard output)'),
  ).action(async (id: string, o: Common & { out?: string }) => {
    const csv = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server') {
        const res = await t.server.request(
          'GET',
          `/api/segments/${encodeURIComponent(id)}/members?${projectQuery(o)}&format=csv`,
        );
        return res.text();
      }
      const projectId = await projectOf(t, o);
      const saved = await getSegment(t.engine.state.definitions, projectId, id);
      const all = await segmentMembers(t.engine.warehouse, projectId, await resolved(t, projectId, saved), Date.now(), {
        limit: MAX_MEMBERS,
        offset: 0,
      });
      return `person_id\n${all.members.map((m) => `${m}\n`).join('')}`;
    });
    if (o.out) {
      writeFileSync(o.out, csv);
      process.stderr.write(`Wrote ${formatCount(csv.split('\n').length - 2)} members to ${o.out}\n`);
    } else process.stdout.write(csv);
  });

  common(segments.command('templates').description('ready-made segments to add with add-template')).action(
    (o: Common) => {
      printRows(
        SEGMENT_TEMPLATES.map((t) => ({ id: t.id, category: t.category, name: t.name, description: t.description })),
        parseOutputFormat(o.format),
      );
    },
  );

  common(
    segments.command('add-template').description('add a ready-made segment to the project').argument('<template>'),
  ).action(async (templateId: string, o: Common) => {
    const found = segmentTemplate(templateId);
    if (!found)
      throw new WaymarkError(
        'not_found',
        `no segment template "${templateId}"; \`waymark segments templates\` lists them`,
      );
    const saved = await withTarget(o.dataDir, async (t) => {
      if (t.kind === 'server')
        return t.server.json<SavedSegment & { refresh?: RefreshResult }>(
          'POST',
          `/api/segments/templates/${encodeURIComponent(templateId)}?${projectQuery(o)}`,
          {},
        );
      const projectId = await projectOf(t, o);
      const created = await saveSegment(t.engine.state.definitions, projectId, templateDefinition(found), Date.now(), {
        replace: false,
      });
      return { ...created, refresh: await record(t, projectId, created) };
    });
    process.stdout.write(`Saved segment "${saved.id}" (${saved.name}): ${describeRefresh(saved.refresh)}.\n`);
  });

  common(segments.command('delete').description('delete a saved segment').argument('<id>')).action(
    async (id: string, o: Common) => {
      await withTarget(o.dataDir, async (t) => {
        if (t.kind === 'server') {
          await t.server.request('DELETE', `/api/segments/${encodeURIComponent(id)}?${projectQuery(o)}`);
          return;
        }
        const projectId = await projectOf(t, o);
        const deleted = await deleteSegment(t.engine.state.definitions, projectId, id);
        await t.engine.segments.retire(projectId, deleted);
      });
      process.stdout.write(`Deleted segment "${id}".\n`);
    },
  );
}
