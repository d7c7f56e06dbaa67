// Weekly reports: build one for a project and ISO week, render it as html, md, json or pdf, keep it in the archive,
// and hand delivery a ready message (RenderedReport).

import { WaymarkError } from '../core/errors.js';
import type { DefinitionRepository } from '../state/repositories/definitions.js';
import { reportCharts } from './charts.js';
import { reportTitle } from './document.js';
import type { RenderedReport } from './rendered.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderPdf } from './render-pdf.js';
import { buildWeeklyReport, type ReportSources, type WeeklyReport, type WeeklyReportOptions } from './weekly.js';

export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** The archive: the last report built for each week, as JSON (definitions kind `weekly-report`, id = the week). */
export const REPORT_KIND = 'weekly-report';

export function parseReportFormat(value: string | undefined, field = 'format'): ReportFormat {
  const v = value ?? 'html';
  if ((REPORT_FORMATS as readonly string[]).includes(v)) return v as ReportFormat;
  throw new WaymarkError('invalid_request', `format must be one of ${REPORT_FORMATS.join(', ')}, not "${v}"`, {
    field,
  });
}

/** Builds the report and keeps it in the project's archive (replacing an earlier build of the same week). */
export async function weeklyReport(sources: ReportSources, options: WeeklyReportOptions): Promise<WeeklyReport> {
  const report = await buildWeeklyReport(sources, options);
  await sources.state.definitions.put(
    report.project.id,
    REPORT_KIND,
    report.week,
    report,
    Date.parse(report.generatedAt),
  );
  return report;
}

export interface ArchivedReport {
  week: string;
  generatedAt: string;
  /** The first significant change, or a note that nothing changed. */
  headline: string;
  significantChanges: number;
  actions: number;
}

export async function reportArchive(definitions: DefinitionRepository, projectId: string): Promise<ArchivedReport[]> {
  const all = await definitions.list<WeeklyReport>(projectId, REPORT_KIND);
  return all
    .map(({ body }) => ({
      week: body.week,
      generatedAt: body.generatedAt,
      headline: body.changes.significant[0] ?? 'No headline number changed significantly.',
      significantChanges: body.changes.significant.length,
      actions: body.actions.length,
    }))
    .sort((a, b) => b.week.localeCompare(a.week));
}

export async function archivedReport(
  definitions: DefinitionRepository,
  projectId: string,
  week: string,
): Promise<WeeklyReport> {
  const found = await definitions.get<WeeklyReport>(projectId, REPORT_KIND, week);
  if (!found) throw new WaymarkError('not_found', `no archived report for ${week}`, { field: 'week' });
  return found.body;
}

/** A report in one format: text for html/md/json, bytes for pdf. */
export async function formatReport(report: WeeklyReport, format: ReportFormat): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'md') return renderMarkdown(report);
  const html = renderHtml(report, reportCharts(report), { images: 'data' });
  return format === 'pdf' ? renderPdf(html) : html;
}

/** The report as a message: the subject, e-mail HTML with `cid:` charts, the Markdown as text, and the JSON. */
export function renderedReport(report: WeeklyReport): RenderedReport {
  const images = reportCharts(report);
  const first = report.changes.significant[0];
  return {
    projectId: report.project.id,
    week: report.week,
    subject: `${reportTitle(report)}${first ? `: ${first.replace(/\.$/, '')}` : ''}`,
    html: renderHtml(report, images),
    text: renderMarkdown(report),
    images,
    json: report,
  };
}

/** Builds, archives and renders the report of a week (default: the last complete one) for delivery. */
export async function renderWeeklyReport(
  sources: ReportSources,
  options: { projectId: string; week?: string; now?: number },
): Promise<RenderedReport> {
  return renderedReport(await weeklyReport(sources, options));
}

export type { WeeklyReport, WeeklyReportOptions, ReportSources } from './weekly.js';
export type { RenderedReport, ReportImage } from './rendered.js';
