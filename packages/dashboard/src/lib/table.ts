// The numbers behind a chart, as one table: what the table view shows and what the CSV download contains.

import type { ReactNode } from 'react';

/** A cell's raw value: numbers stay numbers (full precision) so the CSV is usable in a spreadsheet. */
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** How the table view shows a value; the CSV keeps the raw value. Default: `String(value)`, `–` for null. */
  format?: (value: Cell) => string;
  /** Right-aligned in the table view (numbers). */
  numeric?: boolean;
  /** What the table view shows instead of the text (a link, a button); the CSV keeps the raw value. */
  render?: (value: Cell, row: Record<string, Cell>) => ReactNode;
}

export interface TableData {
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** The text the table view shows for a cell. */
export function displayCell(column: Column, value: Cell | undefined): string {
  if (value === undefined || value === null) return '–';
  return column.format ? column.format(value) : String(value);
}
