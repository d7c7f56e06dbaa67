// Weekly reports over HTTP: `GET /api/reports/weekly?week=2026-W47&format=html|md|json|pdf` builds a week's report
// (default: the last complete week) and keeps it in the archive; `GET /api/reports/weekly/archive` lists the
// archive and `GET /api/reports/weekly/archive/<week>` shows a kept report as it was built.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Engine } from '../../engine.js';
import {
  archivedReport,
  formatReport,
  parseReportFormat,
  REPORT_CONTENT_TYPES,
  reportArchive,
  weeklyReport,
  type ReportFormat,
  type WeeklyReport,
} from '../../reports/index.js';
import { parseIsoWeek, formatIsoWeek } from '../../reports/iso-week.js';
import type { ProjectResolver } from '../project.js';

type Query = Record<string, string | undefined>;

async function send(reply: FastifyReply, report: WeeklyReport, format: ReportFormat, download: boolean) {
  const body = await formatReport(report, format);
  reply.header('Content-Type', REPORT_CONTENT_TYPES[format]);
  if (download || format === 'pdf')
    reply.header(
      'Content-Disposition',
      `${format === 'pdf' && !download ? 'inline' : 'attachment'}; filename="${report.project.id}-${report.week}.${format}"`,
    );
  return reply.send(body);
}

export function reportRoutes(app: FastifyInstance, engine: Engine, project: ProjectResolver): void {
  app.get('/api/reports/weekly', async (request, reply) => {
    const q = request.query as Query;
    const projectId = await project(q);
    const format = parseReportFormat(q['format'] ?? 'json');
    const week = q['week'] ? formatIsoWeek(parseIsoWeek(q['week'])) : undefined;
    const report = await weeklyReport(engine, { projectId, ...(week ? { week } : {}) });
    return send(reply, report, format, q['download'] === '1');
  });

  app.get('/api/reports/weekly/archive', async (request) => {
    const projectId = await project(request.query as Query);
    return { project: projectId, reports: await reportArchive(engine.state.definitions, projectId) };
  });

  app.get('/api/reports/weekly/archive/:week', async (request, reply) => {
    const q = request.query as Query;
    const projectId = await project(q);
    const { week } = request.params as { week: string };
    const report = await archivedReport(engine.state.definitions, projectId, formatIsoWeek(parseIsoWeek(week)));
    return send(reply, report, parseReportFormat(q['format'] ?? 'json'), q['download'] === '1');
  });
}
