// The weekly report endpoints the dashboard uses (docs/reports.md, docs/reports-delivery.md): build a week's report,
// the archive of past weeks and each kept report in any format, the delivery log, send-now and report schedules.

import type { DeliveryView } from 'waymark/types';
import { ApiError, request } from './client.js';

export type ReportFormat = 'html' | 'md' | 'json' | 'pdf';

/**
 * One week of the archive, as `GET /api/reports/weekly/archive` lists it (newest first). The same as the engine's
 * `ArchivedReport`, kept here because its module (reports/index.ts) brings the report builder's types, and Node's,
 * into a browser build's type-check.
 */
export interface ArchivedReport {
  week: string;
  generatedAt: string;
  /** The first significant change, or a note that nothing changed. */
  headline: string;
  significantChanges: number;
  actions: number;
}

/** A headline number of the report (the JSON format's `kpis`). */
export interface ReportKpi {
  id: string;
  label: string;
  unit: string;
  current: number | null;
  previous: number | null;
  average4: number | null;
  significant: boolean;
  sentence: string | null;
}

/** The parts of the report's JSON the dashboard reads (a narrower view of the engine's `WeeklyReport`, as above). */
export interface WeeklyReportSummary {
  project: { id: string; name: string; timeZone: string };
  week: string;
  range: { from: string; to: string };
  previousWeek: string;
  generatedAt: string;
  kpis: ReportKpi[];
  changes: { significant: string[]; noise: string[] };
}

/** A row of the delivery log: one report sent to one address or webhook, updated after each attempt. */
export type ReportDelivery = DeliveryView;
export type DeliveryStatus = ReportDelivery['status'];

export interface DeliveryLog {
  project: string;
  counts: Record<DeliveryStatus, number>;
  deliveries: ReportDelivery[];
}

/** A schedule as the API shows it: webhook secrets only as their last characters. */
export interface ReportSchedule {
  id: string;
  cron: string;
  timeZone: string;
  recipients: string[];
  webhooks: { url: string; secretHint: string }[];
  enabled: boolean;
  updatedAt: string;
  /** The next three run times (ISO); empty when disabled. */
  nextRuns: string[];
}

/** What saving takes: a webhook without `secret` keeps the one it had (same URL) or gets a new one. */
export interface ScheduleInput {
  id?: string;
  cron: string;
  timeZone: string;
  recipients: string[];
  webhooks: { url: string; secret?: string }[];
  enabled: boolean;
}

/** Saving answers with the webhook secrets, generated ones included: the only time they are shown. */
export interface SavedSchedule extends Omit<ReportSchedule, 'webhooks'> {
  webhooks: { url: string; secret: string }[];
}

export interface SendRequest {
  week?: string;
  schedule?: string;
  recipients?: string[];
}

export interface SendResult {
  project: string;
  week: string;
  subject: string;
  deliveries: ReportDelivery[];
}

const inProject = (path: string, project: string, query: Record<string, string> = {}) =>
  `${path}?${new URLSearchParams({ project, ...query }).toString()}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const weekPath = (week: string) => `/api/reports/weekly/archive/${encodeURIComponent(week)}`;
const schedulePath = (id: string) => `/api/reports/schedules/${encodeURIComponent(id)}`;

export async function listArchive(project: string, signal?: AbortSignal): Promise<ArchivedReport[]> {
  const answer = await request<{ reports: ArchivedReport[] }>(
    'GET',
    inProject('/api/reports/weekly/archive', project),
    withSignal(signal),
  );
  return answer.reports;
}

/** Builds a week's report now (`week` empty: the last complete week) and keeps it in the archive. */
export const buildReport = (project: string, week: string | undefined, signal?: AbortSignal) =>
  request<WeeklyReportSummary>(
    'GET',
    inProject('/api/reports/weekly', project, { format: 'json', ...(week ? { week } : {}) }),
    withSignal(signal),
  );

/** The address of an archived report in a format; `download` asks the server for a file name. */
export const archivedReportUrl = (project: string, week: string, format: ReportFormat, download = false) =>
  inProject(weekPath(week), project, { format, ...(download ? { download: '1' } : {}) });

/**
 * An archived report as a file (the HTML to show, or any format to save). Not JSON, so not `request`: a refusal
 * still answers the API's JSON error, turned into an `ApiError` (a PDF without Chromium answers 503 saying so).
 */
export async function fetchArchivedReport(
  project: string,
  week: string,
  format: ReportFormat,
  options: { download?: boolean; signal?: AbortSignal } = {},
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(archivedReportUrl(project, week, format, options.download), {
      credentials: 'same-origin',
      ...withSignal(options.signal),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The Waymark server could not be reached. Check that it is running.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string; field?: string } } | undefined;
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? `The server answered ${response.status}.`,
      error?.field,
    );
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
  return { blob: await response.blob(), fileName: named ?? `${project}-${week}.${format}` };
}

export const listDeliveries = (
  project: string,
  filter: { status?: DeliveryStatus; limit?: number } = {},
  signal?: AbortSignal,
) =>
  request<DeliveryLog>(
    'GET',
    inProject('/api/reports/deliveries', project, {
      ...(filter.status ? { status: filter.status } : {}),
      limit: String(filter.limit ?? 100),
    }),
    withSignal(signal),
  );

/** Sends a week's report now; a 400 `ApiError` names the field (`week`, `recipients[1]`), 503 without delivery. */
export const sendReport = (project: string, body: SendRequest) =>
  request<SendResult>('POST', inProject('/api/reports/weekly/send', project), { body });

export async function listSchedules(project: string, signal?: AbortSignal): Promise<ReportSchedule[]> {
  const answer = await request<{ schedules: ReportSchedule[] }>(
    'GET',
    inProject('/api/reports/schedules', project),
    withSignal(signal),
  );
  return answer.schedules;
}

/** Creates a schedule; a 400 `ApiError` names the field at fault (`cron`, `timeZone`, `webhooks[0].url`…). */
export const createSchedule = (project: string, schedule: ScheduleInput) =>
  request<SavedSchedule>('POST', inProject('/api/reports/schedules', project), { body: schedule });

export const updateSchedule = (project: string, id: string, schedule: ScheduleInput) =>
  request<SavedSchedule>('PUT', inProject(schedulePath(id), project), { body: schedule });

export const deleteSchedule = (project: string, id: string) =>
  request<void>('DELETE', inProject(schedulePath(id), project));
