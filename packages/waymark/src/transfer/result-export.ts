// Every analysis result, a segment's members and an experiment's results, exportable as CSV, JSON lines or Parquet:
// one named flattening per result shape (result-tables/), chosen by `table` (the first is the default). Large ones
// (funnel persons, segment members) are produced in pages and never held whole as rows.

import { ANALYSES, analysisNamed } from '../analytics/analyses.js';
import type { AnalysisContext } from '../analytics/analysis.js';
import { personsAt, type FunnelPersonsSpec } from '../analytics/funnels/funnel-persons.js';
import { matchFunnel } from '../analytics/funnels/funnel-run.js';
import { ParamBinder } from '../analytics/sql-params.js';
import { WaymarkError } from '../core/errors.js';
import { getExperiment } from '../personalization/definitions.js';
import { experimentResults } from '../personalization/results.js';
import { segmentFactsSql } from '../segments/compile.js';
import { getSegment, memberRows, resolveSegmentRefs } from '../segments/segments.js';
import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { experimentExposures, experimentMetrics } from './result-tables/experiments.js';
import {
  dropOffNextEvents,
  dropOffOverRepresented,
  FUNNEL_PERSON_COLUMNS,
  funnelPersonRow,
  funnelSteps,
  funnelTimeToConvert,
  funnelTrendPoints,
} from './result-tables/funnels.js';
import {
  pathLinks,
  pathNodes,
  stageBreakdowns,
  stageRows,
  stageTransitions,
  touchpointChannels,
  touchpointPaths,
} from './result-tables/journeys.js';
import {
  MEMBER_COLUMNS,
  memberRow,
  segmentDifferences,
  segmentGroups,
  segmentOverlapPairs,
  segmentPeriods,
} from './result-tables/segments.js';
import { retentionAverage, retentionCohorts, trendBuckets, trendTotals } from './result-tables/trends.js';
import type { ExportFormat } from './export.js';
import { writeRows } from './row-writer.js';
import { scratchTable } from './scratch-tables.js';
import type { ExportRow, RowSet } from './rows.js';

/** What an export runs with: the analysis context plus the state store (saved definitions, profiles). */
export interface ResultExportContext extends AnalysisContext {
  state: StateStore;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Flatten = (result: any) => RowSet;

/** The flattenings of each analysis's result, by table name; the first is the default. */
const ANALYSIS_TABLES: Record<string, Record<string, Flatten>> = {
  funnel: { steps: funnelSteps, 'time-to-convert': funnelTimeToConvert },
  'funnel-trends': { points: funnelTrendPoints },
  'drop-off': { 'over-represented': dropOffOverRepresented, 'next-events': dropOffNextEvents },
  trends: { buckets: trendBuckets, totals: trendTotals },
  retention: { cohorts: retentionCohorts, average: retentionAverage },
  paths: { links: pathLinks, nodes: pathNodes },
  touchpoints: { channels: touchpointChannels, paths: touchpointPaths },
  stages: { stages: stageRows, transitions: stageTransitions, breakdowns: stageBreakdowns },
  'segment-insights': { periods: segmentPeriods, groups: segmentGroups },
  'segment-overlap': { pairs: segmentOverlapPairs },
  'segment-compare': { differences: segmentDifferences },
};

/** Rows per page of the large exports. */
const PAGE = 5_000;

export interface ResultExporter {
  name: string;
  /** Table names; the first is the default. */
  tables: readonly string[];
  parse(raw: unknown): unknown;
  rows(ctx: ResultExportContext, projectId: string, spec: unknown, table: string): Promise<RowSet>;
}

function analysisExporter(name: string, tables: Record<string, Flatten>): ResultExporter {
  const analysis = analysisNamed(name);
  return {
    name,
    tables: Object.keys(tables),
    parse: (raw) => analysis.parse(raw),
    async rows(ctx, projectId, spec, table) {
      return (tables[table] as Flatten)(await analysis.run(ctx, projectId, spec));
    },
  };
}

/** All the persons at a step (not just a page, unless the spec sets `limit` or `offset`), in pages. */
const funnelPersonsExporter: ResultExporter = {
  name: 'funnel-persons',
  tables: ['persons'],
  parse: (raw) => analysisNamed('funnel-persons').parse(raw),
  async rows(ctx, projectId, raw) {
    const spec = raw as FunnelPersonsSpec;
    const status = spec.status ?? 'reached';
    const { persons } = await matchFunnel(ctx, projectId, spec);
    const chosen = personsAt(persons, spec.step, status).sort(
      (a, b) => (a.times[0] as number) - (b.times[0] as number) || a.personId.localeCompare(b.personId),
    );
    const from = spec.offset ?? 0;
    const to = spec.limit === undefined ? chosen.length : from + spec.limit;
    function* pages(): Iterable<ExportRow[]> {
      for (let i = from; i < Math.min(to, chosen.length); i += PAGE) {
        yield chosen.slice(i, Math.min(i + PAGE, to)).map((p) =>
          funnelPersonRow(spec.step, status, {
            personId: p.personId,
            reached: p.reached,
            enteredAt: new Date(p.times[0] as number).toISOString(),
            lastStepAt: new Date(p.times.at(-1) as number).toISOString(),
          }),
        );
      }
    }
    return { columns: FUNNEL_PERSON_COLUMNS, pages: pages() };
  },
};

export interface SegmentMembersSpec {
  segment: string;
  /** Membership as of this time (epoch ms; default now). */
  at?: number;
}

/**
 * A segment's members with their profile facts. The members are computed once into a scratch table, then read
 * back a page at a time by person id, so neither the warehouse nor this process holds them all as rows.
 */
const segmentMembersExporter: ResultExporter = {
  name: 'segment-members',
  tables: ['members'],
  parse(raw) {
    const spec = (raw ?? {}) as Partial<SegmentMembersSpec>;
    if (typeof spec.segment !== 'string' || spec.segment === '')
      throw new WaymarkError('invalid_request', 'segment must be a saved segment id', { field: 'segment' });
    if (spec.at !== undefined && !Number.isFinite(spec.at))
      throw new WaymarkError('invalid_request', 'at must be a time', { field: 'at' });
    return spec;
  },
  async rows(ctx, projectId, raw) {
    const spec = raw as SegmentMembersSpec;
    const { state } = ctx;
    const warehouse: Warehouse = ctx.warehouse;
    const segment = await getSegment(state.definitions, projectId, spec.segment);
    const condition = await resolveSegmentRefs(state.definitions, projectId, segment.condition, [segment.id]);
    const binder = new ParamBinder(projectId);
    const { facts, member } = segmentFactsSql(warehouse.database, binder, condition, spec.at ?? ctx.now());
    const scratch = scratchTable(warehouse, 'members');
    async function* pages(): AsyncIterable<ExportRow[]> {
      await warehouse.command(`CREATE TABLE ${scratch} (person_id String) ENGINE = Memory`);
      try {
        await warehouse.command(
          `INSERT INTO ${scratch} SELECT person_id FROM (${facts}) WHERE ${member}`,
          binder.params,
        );
        let after = '';
        for (;;) {
          const ids = await warehouse.query<{ person_id: string }>(
            `SELECT person_id FROM ${scratch} WHERE person_id > {after:String} ORDER BY person_id LIMIT ${PAGE}`,
            { after },
          );
          if (ids.length === 0) return;
          const rows = await memberRows(
            state.profiles,
            projectId,
            ids.map((r) => r.person_id),
          );
          yield rows.map(memberRow);
          after = (ids.at(-1) as { person_id: string }).person_id;
        }
      } finally {
        await warehouse.command(`DROP TABLE IF EXISTS ${scratch}`);
      }
    }
    return { columns: MEMBER_COLUMNS, pages: pages() };
  },
};

export interface ExperimentResultsSpec {
  experiment: string;
}

const experimentResultsExporter: ResultExporter = {
  name: 'experiment-results',
  tables: ['metrics', 'exposures'],
  parse(raw) {
    const spec = (raw ?? {}) as Partial<ExperimentResultsSpec>;
    if (typeof spec.experiment !== 'string' || spec.experiment === '')
      throw new WaymarkError('invalid_request', 'experiment must be a saved experiment id', { field: 'experiment' });
    return spec;
  },
  async rows(ctx, projectId, raw, table) {
    const e = await getExperiment(ctx.state.definitions, projectId, (raw as ExperimentResultsSpec).experiment);
    const report = await experimentResults(ctx.warehouse, projectId, e, ctx.now());
    return table === 'exposures' ? experimentExposures(report) : experimentMetrics(report);
  },
};

export const RESULT_EXPORTERS: readonly ResultExporter[] = [
  ...ANALYSES.filter((a) => a.name !== 'funnel-persons').map((a) => {
    const tables = ANALYSIS_TABLES[a.name];
    if (!tables) throw new Error(`analysis "${a.name}" has no export flattening in transfer/result-export.ts`);
    return analysisExporter(a.name, tables);
  }),
  funnelPersonsExporter,
  segmentMembersExporter,
  experimentResultsExporter,
];

export function resultExporter(name: string): ResultExporter {
  const found = RESULT_EXPORTERS.find((e) => e.name === name);
  if (!found)
    throw new WaymarkError(
      'not_found',
      `nothing to export called "${name}"; exportable results are ${RESULT_EXPORTERS.map((e) => e.name).join(', ')}`,
      { field: 'analysis' },
    );
  return found;
}

/** The table to export: `table` if the exporter has it, its default when not given; else an error naming `table`. */
export function exportTable(exporter: ResultExporter, table: string | undefined): string {
  if (table === undefined || table === '') return exporter.tables[0] as string;
  if (exporter.tables.includes(table)) return table;
  throw new WaymarkError('invalid_request', `table of ${exporter.name} must be one of ${exporter.tables.join(', ')}`, {
    field: 'table',
  });
}

export interface ResultExportOptions {
  format: ExportFormat;
  /** One of the exporter's tables (default: its first). */
  table?: string;
}

export interface PreparedExport {
  /** The exporter's name and the table chosen, e.g. for a file name `funnel-steps.csv`. */
  name: string;
  table: string;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Checks the spec and runs the analysis now (so a bad spec or a failed query is an error before any byte is sent),
 * and returns the file's bytes to stream. Parquet is written by `writer`, the unguarded warehouse: the analysis
 * itself runs on `ctx.warehouse` with its query limits.
 */
export async function prepareResultExport(
  ctx: ResultExportContext,
  writer: Warehouse,
  name: string,
  projectId: string,
  rawSpec: unknown,
  options: ResultExportOptions,
): Promise<PreparedExport> {
  const exporter = resultExporter(name);
  const table = exportTable(exporter, options.table);
  const spec = exporter.parse(rawSpec);
  const set = await exporter.rows(ctx, projectId, spec, table);
  return { name, table, body: writeRows(writer, set, options.format) };
}

/** `funnel-steps.parquet`: what a download is called. */
export function exportFileName(prepared: { name: string; table: string }, format: ExportFormat): string {
  return `${prepared.name}-${prepared.table}.${format}`;
}
