// Typed rows for exports: an exported table names its columns and their types once, so that CSV, JSON lines and
// Parquet carry the same values (numbers stay numbers, times are times, missing values are null).

import { WaymarkError } from '../core/errors.js';

/**
 * A column's type. In Parquet: `string` String, `integer` Int64, `number` Float64, `boolean` Bool,
 * `time` DateTime64(3, 'UTC'); each wrapped in Nullable when `nullable`. In CSV and JSON lines a time is an
 * ISO-8601 string in UTC with milliseconds.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'time';

export interface ExportColumn {
  name: string;
  type: ColumnType;
  /** May hold null (an empty CSV field, a JSON null, a Parquet null); otherwise a null is a bug and throws. */
  nullable?: boolean;
}

/** A cell: times are ISO strings or epoch milliseconds. */
export type ExportValue = string | number | boolean | null;
export type ExportRow = readonly ExportValue[];

/** One exportable table: fixed columns, and rows in pages (so large ones never sit in memory whole). */
export interface RowSet {
  columns: readonly ExportColumn[];
  pages: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>;
}

/** A column list written compactly: `col('persons', 'integer')`, `col('lift', 'number', true)`. */
export function col(name: string, type: ColumnType, nullable = false): ExportColumn {
  return nullable ? { name, type, nullable } : { name, type };
}

/** Rows already in memory, as one page. */
export function rowSet(columns: readonly ExportColumn[], rows: readonly ExportRow[]): RowSet {
  return { columns, pages: [rows] };
}

const CLICKHOUSE_TYPES: Record<ColumnType, string> = {
  string: 'String',
  integer: 'Int64',
  number: 'Float64',
  boolean: 'Bool',
  time: "DateTime64(3, 'UTC')",
};

/** The ClickHouse type a column is written with (Parquet takes its physical and logical types from it). */
export function clickhouseType(column: ExportColumn): string {
  const base = CLICKHOUSE_TYPES[column.type];
  return column.nullable ? `Nullable(${base})` : base;
}

/** Checks a cell against its column and returns it as JSON has it (times as ISO strings); throws on a mismatch. */
export function cellValue(column: ExportColumn, value: ExportValue | undefined): string | number | boolean | null {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    if (column.nullable) return null;
    throw new WaymarkError('internal', `export column "${column.name}" got no value but is not nullable`, {
      field: column.name,
    });
  }
  const wrong = (): never => {
    throw new WaymarkError('internal', `export column "${column.name}" (${column.type}) got ${JSON.stringify(value)}`, {
      field: column.name,
    });
  };
  switch (column.type) {
    case 'string':
      return typeof value === 'string' ? value : wrong();
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : wrong();
    case 'number':
      return typeof value === 'number' ? value : wrong();
    case 'boolean':
      return typeof value === 'boolean' ? value : wrong();
    case 'time': {
      const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isFinite(ms) ? new Date(ms).toISOString() : wrong();
    }
  }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; null is empty. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV line of checked cells. */
export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** A row as one JSON object keyed by column name. */
export function jsonRow(columns: readonly ExportColumn[], row: ExportRow): string {
  const out: Record<string, string | number | boolean | null> = {};
  columns.forEach((c, i) => {
    out[c.name] = cellValue(c, row[i]);
  });
  return JSON.stringify(out);
}
