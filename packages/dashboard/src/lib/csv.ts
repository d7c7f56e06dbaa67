// CSV (RFC 4180) from a table: comma-separated, CRLF line ends, quotes where needed, with a guard against
// spreadsheet formulas in text cells.

import type { Cell, TableData } from './table.js';

/** One CSV field. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`. */
export function csvField(value: Cell | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole table as CSV: a header row of column labels, then one row per table row. */
export function toCsv(table: TableData): string {
  const lines = [table.columns.map((c) => csvField(c.label))];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key])));
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

/** A file name safe on every OS: `Funnel: Product Viewed → Purchase` becomes `funnel-product-viewed-purchase.csv`. */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'data'}.csv`;
}
