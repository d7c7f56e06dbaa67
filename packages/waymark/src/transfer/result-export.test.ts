// Every exportable result, in every table and format, on the demo data: the Parquet files read back through chDB
// have the declared column types and the same values as the JSON lines, and the numbers match the JSON results.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSES, analysisNamed } from '../analytics/analyses.js';
import { DEMO_EXPERIMENT_ID } from '../demo/personalization.js';
import type { Engine } from '../engine.js';
import { getExperiment } from '../personalization/definitions.js';
import { experimentResults } from '../personalization/results.js';
import { refreshSegment } from '../segments/membership.js';
import { getSegment, saveSegment, segmentMembers } from '../segments/segments.js';
import { exampleFiles, openDemoEngine } from '../test-support/demo-engine.js';
import { testDir } from '../test-support/stores.js';
import { saveDemoPersonalization } from './demo-import.js';
import type { ExportFormat } from './export.js';
import { prepareResultExport, RESULT_EXPORTERS, resultExporter, type ResultExportContext } from './result-export.js';
import { clickhouseType, type ColumnType, type ExportColumn, type ExportRow, type RowSet } from './rows.js';
import { writeRows } from './row-writer.js';
import { dropScratchTables } from './scratch-tables.js';

let engine: Engine;
let ctx: ResultExportContext;
let dir: string;
const NOW = Date.now();

beforeAll(async () => {
  engine = await openDemoEngine();
  for (const [, raw] of exampleFiles('segments')) {
    const saved = await saveSegment(engine.state.definitions, 'demo', raw, NOW, { replace: false });
    await refreshSegment(engine.warehouse, engine.ingest, 'demo', saved, NOW);
  }
  await saveDemoPersonalization(engine, 'demo', NOW);
  ctx = { warehouse: engine.warehouse, now: () => NOW, definitions: engine.state.definitions, state: engine.state };
  dir = mkdtempSync(join(testDir(), 'result-export-'));
}, 180_000);
afterAll(() => engine.close());

async function bytes(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** Writes a result as a file, as `waymark query --format` and the API do. */
async function exported(name: string, spec: unknown, format: ExportFormat, table?: string): Promise<Buffer> {
  const prepared = await prepareResultExport(ctx, engine.warehouse, name, 'demo', spec, {
    format,
    ...(table ? { table } : {}),
  });
  return bytes(prepared.body);
}

let files = 0;
/** The Parquet file's schema and rows as chDB reads them, with times back as ISO strings. */
async function readParquet(
  data: Buffer,
  columns: readonly ExportColumn[],
): Promise<{ types: Record<string, string>; rows: Record<string, unknown>[] }> {
  const path = join(dir, `f${files++}.parquet`);
  writeFileSync(path, data);
  const described = await engine.warehouse.query<{ name: string; type: string }>(
    `DESCRIBE file({path:String}, Parquet)`,
    { path },
  );
  const times = columns.filter((c) => c.type === 'time').map((c) => c.name);
  const select = columns
    .map((c) => (times.includes(c.name) ? `toUnixTimestamp64Milli(\`${c.name}\`) AS \`${c.name}\`` : `\`${c.name}\``))
    .join(', ');
  const rows = await engine.warehouse.query<Record<string, unknown>>(
    `SELECT ${select} FROM file({path:String}, Parquet)`,
    { path },
  );
  for (const row of rows) for (const t of times) if (row[t] !== null) row[t] = new Date(Number(row[t])).toISOString();
  return { types: Object.fromEntries(described.map((d) => [d.name, d.type])), rows };
}

const jsonLines = (data: Buffer): Record<string, unknown>[] =>
  data
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The documented example specs, plus the ones that need a saved segment or experiment. */
const CASES: [string, unknown][] = [
  ...exampleFiles().map(([file, raw]): [string, unknown] => {
    const analysis = [...ANALYSES]
      .sort((a, b) => b.name.length - a.name.length)
      .find((a) => file.startsWith(`${a.name}.`) || file.startsWith(`${a.name}-`));
    return [analysis?.name ?? file, raw];
  }),
  ['segment-members', { segment: 'repeat-buyers' }],
  ['experiment-results', { experiment: DEMO_EXPERIMENT_ID }],
];

const DOCS = readFileSync(new URL('../../../../docs/export.md', import.meta.url), 'utf8');

const PARQUET_TYPES: Record<ColumnType, RegExp> = {
  string: /^(Nullable\()?String\)?$/,
  integer: /^(Nullable\()?Int64\)?$/,
  number: /^(Nullable\()?Float64\)?$/,
  boolean: /^(Nullable\()?Bool\)?$/,
  time: /^(Nullable\()?DateTime64\(3, 'UTC'\)\)?$/,
};

describe('result exports', () => {
  it('cover every analysis and every documented example', () => {
    const names = RESULT_EXPORTERS.map((e) => e.name);
    for (const a of ANALYSES) expect(names).toContain(a.name);
    for (const [name] of CASES) expect(names, `${name} is exportable`).toContain(name);
  });

  const tableCases = CASES.flatMap(([name, spec]) =>
    resultExporter(name).tables.map((table): [string, string, unknown] => [name, table, spec]),
  );

  it.each(tableCases)('%s (%s) is documented with its columns in docs/export.md', async (name, table, spec) => {
    const exporter = resultExporter(name);
    const { columns } = await exporter.rows(ctx, 'demo', exporter.parse(spec), table);
    const cells = columns.map((c) => `\`${c.name}\` ${c.type}${c.nullable ? '?' : ''}`).join(', ');
    const label = `\`${table}\`${table === exporter.tables[0] ? ' (default)' : ''}`;
    expect(DOCS).toContain(`| \`${name}\` | ${label} | ${cells} |`);
  });

  it.each(tableCases)(
    '%s (%s): Parquet has the declared types and the JSON lines values',
    async (name, table, spec) => {
      const exporter = resultExporter(name);
      const set = await exporter.rows(ctx, 'demo', exporter.parse(spec), table);
      const columns = set.columns;
      // One run's rows written twice: some analyses leave the order (and a top-N cut) of ties open between runs.
      const pages: ExportRow[][] = [];
      for await (const page of set.pages) pages.push([...page]);
      const once = (): RowSet => ({ columns, pages });
      const lines = jsonLines(await bytes(writeRows(engine.warehouse, once(), 'jsonl')));
      const { types, rows } = await readParquet(await bytes(writeRows(engine.warehouse, once(), 'parquet')), columns);
      // The schema: every column, in order, with its exact type, whatever the rows hold (even none).
      expect(Object.keys(types)).toEqual(columns.map((c) => c.name));
      for (const c of columns) {
        expect(types[c.name], c.name).toBe(clickhouseType(c));
        expect(types[c.name]).toMatch(PARQUET_TYPES[c.type]);
      }
      expect(rows).toEqual(lines);
      expect(lines).toHaveLength(pages.flat().length);
      // CSV: a header of the column names and one line per row.
      const csv = (await exported(name, spec, 'csv', table)).toString('utf8').split('\n');
      expect(csv[0]).toBe(columns.map((c) => c.name).join(','));
      expect(csv.filter((l) => l !== '')).toHaveLength(lines.length + 1);
    },
  );

  it('funnel steps hold the JSON result: persons and conversion per step, null where there is no time', async () => {
    const [, spec] = CASES.find(([n]) => n === 'funnel') as [string, unknown];
    const analysis = analysisNamed('funnel');
    const result = await analysis.run(ctx, 'demo', analysis.parse(spec));
    const lines = jsonLines(await exported('funnel', spec, 'jsonl')).filter((l) => l['breakdown_value'] === null);
    expect(lines.map((l) => l['persons'])).toEqual(result.steps.map((s: { count: number }) => s.count));
    expect(lines[0]).toMatchObject({ breakdown_value: null, step: 0, median_ms_from_previous: null });
    expect(lines[1]?.['conversion_from_start']).toBe(result.steps[1].conversionFromStart);
    expect(result.steps[0].count).toBeGreaterThan(0);
  });

  it('retention cohorts are times in Parquet and the JSON cohorts in the lines', async () => {
    const [, spec] = CASES.find(([n]) => n === 'retention') as [string, unknown];
    const analysis = analysisNamed('retention');
    const result = await analysis.run(ctx, 'demo', analysis.parse(spec));
    const lines = jsonLines(await exported('retention', spec, 'jsonl'));
    const first = result.cohorts[0];
    expect(lines.filter((l) => l['cohort'] === first.period).map((l) => l['persons'])).toEqual(
      first.values.map((v: { persons: number }) => v.persons),
    );
    const set = await resultExporter('retention').rows(ctx, 'demo', analysis.parse(spec), 'cohorts');
    const { types, rows } = await readParquet(await exported('retention', spec, 'parquet'), set.columns);
    expect(types['cohort']).toBe("DateTime64(3, 'UTC')");
    expect(rows[0]?.['cohort']).toBe(first.period);
  });

  it('segment members are all members (not a page), with profile facts', async () => {
    const segment = await getSegment(engine.state.definitions, 'demo', 'repeat-buyers');
    const all = await segmentMembers(engine.warehouse, 'demo', segment.condition, NOW, { limit: 100_000, offset: 0 });
    expect(all.size).toBeGreaterThan(0);
    const lines = jsonLines(await exported('segment-members', { segment: 'repeat-buyers', at: NOW }, 'jsonl'));
    expect(lines.map((l) => l['person_id'])).toEqual(all.members);
    expect(lines.some((l) => typeof l['email'] === 'string' && typeof l['revenue'] === 'number')).toBe(true);
  });

  it('experiment results: one row per metric and variant, with the JSON report numbers', async () => {
    const experiment = await getExperiment(engine.state.definitions, 'demo', DEMO_EXPERIMENT_ID);
    const report = await experimentResults(engine.warehouse, 'demo', experiment, NOW);
    const exposures = jsonLines(
      await exported('experiment-results', { experiment: DEMO_EXPERIMENT_ID }, 'jsonl', 'exposures'),
    );
    expect(exposures.map((l) => [l['variant'], l['persons']])).toEqual(
      report.exposures.map((x) => [x.variant, x.persons]),
    );
    const metrics = jsonLines(await exported('experiment-results', { experiment: DEMO_EXPERIMENT_ID }, 'jsonl'));
    const expected = (report.analysis?.metrics ?? []).flatMap((m) =>
      m.variants.map((v) => [m.name, v.arm, v.n, v.pValue ?? null]),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(metrics.map((l) => [l['metric'], l['variant'], l['n'], l['p_value']])).toEqual(expected);
  });

  it('funnel persons export every person at the step unless the spec pages', async () => {
    const [, spec] = CASES.find(([n]) => n === 'funnel-persons') as [string, Record<string, unknown>];
    const all = Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'limit' && k !== 'offset'));
    const analysis = analysisNamed('funnel-persons');
    const result = await analysis.run(ctx, 'demo', analysis.parse({ ...all, limit: 10_000 }));
    const lines = jsonLines(await exported('funnel-persons', all, 'jsonl'));
    expect(lines).toHaveLength(result.total);
    expect(lines.map((l) => l['person_id'])).toEqual(result.persons.map((p: { personId: string }) => p.personId));
    const page = jsonLines(await exported('funnel-persons', { ...all, limit: 2, offset: 1 }, 'jsonl'));
    expect(page.map((l) => l['person_id'])).toEqual(lines.slice(1, 3).map((l) => l['person_id']));
  });

  it('bad requests name the field', async () => {
    await expect(exported('funnel', { steps: [{ event: 'A' }, { event: 'B' }] }, 'csv', 'nope')).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'table',
    });
    await expect(exported('segment-members', {}, 'csv')).rejects.toMatchObject({ field: 'segment' });
    await expect(exported('nothing', {}, 'csv')).rejects.toMatchObject({ code: 'not_found', field: 'analysis' });
    const set = { columns: [{ name: 'n', type: 'integer' as const }], pages: [[[null]]] };
    await expect(bytes(writeRows(engine.warehouse, set, 'csv'))).rejects.toMatchObject({ field: 'n' });
  });

  it('leaves no scratch tables behind', async () => {
    expect(await dropScratchTables(engine.warehouse)).toBe(0);
  });
});
