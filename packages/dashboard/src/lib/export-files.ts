// The data panel's other downloads: the table as JSON lines (built here, like the CSV), and the analysis behind a
// panel as a file the server writes (Parquet, with exact column types; see docs/export.md) when the panel knows
// its query.

import { csvFileName } from './csv.js';
import type { TableData } from './table.js';

/** One JSON object per row keyed by column key, raw values (numbers stay numbers, missing values null). */
export function toJsonLines(table: TableData): string {
  return table.rows
    .map((row) => {
      const out: Record<string, string | number | null> = {};
      for (const c of table.columns) {
        const v = row[c.key];
        out[c.key] = v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
      }
      return `${JSON.stringify(out)}\n`;
    })
    .join('');
}

/** The panel title as a file name with another extension: `funnel-product-viewed-purchase.jsonl`. */
export function exportFileName(title: string, extension: 'jsonl' | 'parquet'): string {
  return csvFileName(title).replace(/\.csv$/, `.${extension}`);
}

/** The analysis a panel shows: what `POST /api/query/<analysis>` was sent. */
export interface AnalysisQuery {
  analysis: string;
  project: string;
  spec: unknown;
  /** Which table of the result (default: the analysis's main one, e.g. a funnel's steps). */
  table?: string;
}

/**
 * A result the server exports at a plain address, read with `GET` (no spec): an experiment's results are
 * `{ path: '/api/export/experiment-results/checkout-reassurance', project: 'demo' }`.
 */
export interface ExportPathQuery {
  path: string;
  project: string;
  table?: string;
}

/** Where the server writes the file behind a panel: an analysis with its spec, or an export address. */
export type PanelQuery = AnalysisQuery | ExportPathQuery;

const isExportPath = (query: PanelQuery): query is ExportPathQuery => 'path' in query;

/**
 * What the server's file holds, for the button's tooltip: `retention › average` (the result, then its table). The
 * CSV and JSON lines downloads are the panel's own table; this names the result the server writes instead.
 */
export function serverExportSubject(query: PanelQuery): string {
  const what = isExportPath(query) ? (query.path.split('/').at(-2) ?? 'result') : query.analysis;
  return query.table ? `${what} › ${query.table}` : what;
}

/** Saves the table as JSON lines (no byte-order mark: JSON parsers would read it as part of the first line). */
export function downloadJsonLines(title: string, table: TableData): void {
  saveBlob(exportFileName(title, 'jsonl'), new Blob([toJsonLines(table)], { type: 'application/x-ndjson' }));
}

/** The file's URL: `/api/query/funnel?project=demo&format=parquet`, or the export address with the same query. */
export function queryExportUrl(query: PanelQuery, format: 'csv' | 'jsonl' | 'parquet'): string {
  const params = new URLSearchParams({ project: query.project, format });
  if (query.table) params.set('table', query.table);
  const path = isExportPath(query) ? query.path : `/api/query/${encodeURIComponent(query.analysis)}`;
  return `${path}?${params.toString()}`;
}

/** Saves bytes as a file from the browser. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An analysis is a POST of its spec, with the session's CSRF token (read from `/auth/me`); an export address a GET. */
async function requestInit(query: PanelQuery): Promise<RequestInit> {
  if (isExportPath(query)) return { method: 'GET', credentials: 'same-origin' };
  const me = await fetch('/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const csrf = me.ok ? ((await me.json()) as { csrfToken?: string }).csrfToken : undefined;
  return {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
    body: JSON.stringify(query.spec ?? {}),
  };
}

/**
 * Asks the server for the panel's result as a file and saves it. Throws an Error with the server's message when it
 * refuses.
 */
export async function downloadQueryExport(
  query: PanelQuery,
  format: 'csv' | 'jsonl' | 'parquet',
  fileName: string,
): Promise<void> {
  const response = await fetch(queryExportUrl(query, format), await requestInit(query));
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  saveBlob(fileName, await response.blob());
}
