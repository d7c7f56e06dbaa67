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
export interface PanelQuery {
  analysis: string;
  project: string;
  spec: unknown;
  /** Which table of the result (default: the analysis's main one, e.g. a funnel's steps). */
  table?: string;
}

/** Saves the table as JSON lines (no byte-order mark: JSON parsers would read it as part of the first line). */
export function downloadJsonLines(title: string, table: TableData): void {
  saveBlob(exportFileName(title, 'jsonl'), new Blob([toJsonLines(table)], { type: 'application/x-ndjson' }));
}

/** The query route's URL for the file: `/api/query/funnel?project=demo&format=parquet`. */
export function queryExportUrl(query: PanelQuery, format: 'csv' | 'jsonl' | 'parquet'): string {
  const params = new URLSearchParams({ project: query.project, format });
  if (query.table) params.set('table', query.table);
  return `/api/query/${encodeURIComponent(query.analysis)}?${params.toString()}`;
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

/**
 * Asks the server for the panel's analysis as a file and saves it. The query route is a POST: it carries the
 * session's CSRF token, read from `/auth/me`. Throws an Error with the server's message when it refuses.
 */
export async function downloadQueryExport(
  query: PanelQuery,
  format: 'csv' | 'jsonl' | 'parquet',
  fileName: string,
): Promise<void> {
  const me = await fetch('/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const csrf = me.ok ? ((await me.json()) as { csrfToken?: string }).csrfToken : undefined;
  const response = await fetch(queryExportUrl(query, format), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
    body: JSON.stringify(query.spec ?? {}),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  saveBlob(fileName, await response.blob());
}
