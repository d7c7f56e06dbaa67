// Writes a typed row set as CSV, JSON lines or Parquet, page by page. Parquet is written by the warehouse engine:
// the pages go into a scratch table with the exact column types, and ClickHouse writes the file from it
// (parquet-file.ts), so the column types another tool sees are exactly the declared ones.

import type { Warehouse } from '../warehouse/warehouse.js';
import type { ExportFormat } from './export.js';
import { parquetBytes } from './parquet-file.js';
import { scratchTable } from './scratch-tables.js';
import { cellValue, clickhouseType, csvRow, jsonRow, type RowSet } from './rows.js';

/** Text is handed on in chunks of about this size. */
const CHUNK_CHARS = 256 * 1024;
/** Rows per insert into the Parquet scratch table. */
const INSERT_ROWS = 5_000;

async function* csv(set: RowSet): AsyncIterable<Uint8Array> {
  let out = csvRow(set.columns.map((c) => c.name));
  for await (const page of set.pages) {
    for (const row of page) {
      out += csvRow(set.columns.map((c, i) => cellValue(c, row[i])));
      if (out.length > CHUNK_CHARS) {
        yield Buffer.from(out);
        out = '';
      }
    }
  }
  if (out !== '') yield Buffer.from(out);
}

async function* jsonLines(set: RowSet): AsyncIterable<Uint8Array> {
  let out = '';
  for await (const page of set.pages) {
    for (const row of page) {
      out += `${jsonRow(set.columns, row)}\n`;
      if (out.length > CHUNK_CHARS) {
        yield Buffer.from(out);
        out = '';
      }
    }
  }
  if (out !== '') yield Buffer.from(out);
}

/** Column names go into SQL as quoted identifiers; the scratch table's own row number keeps the order. */
const ident = (name: string): string => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

async function* parquet(warehouse: Warehouse, set: RowSet): AsyncIterable<Uint8Array> {
  const table = scratchTable(warehouse, 'rows');
  const names = set.columns.map((c) => ident(c.name));
  await warehouse.command(
    `CREATE TABLE ${table} (_row UInt64, ${set.columns.map((c, i) => `${names[i]} ${clickhouseType(c)}`).join(', ')})
     ENGINE = Memory`,
  );
  try {
    let n = 0;
    let lines: string[] = [];
    for await (const page of set.pages) {
      for (const row of page) {
        // `_row` as a key of its own: the column names are the caller's and may be anything but that.
        lines.push(`{"_row":${n++},${jsonRow(set.columns, row).slice(1)}`.replace(/,}$/, '}'));
        if (lines.length >= INSERT_ROWS) {
          await warehouse.insertRaw(table, lines.join('\n'));
          lines = [];
        }
      }
    }
    await warehouse.insertRaw(table, lines.join('\n'));
    yield* parquetBytes(warehouse, `SELECT ${names.join(', ')} FROM ${table} ORDER BY _row`, {});
  } finally {
    await warehouse.command(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** The row set as a file in `format`; nothing holds more than a page (CSV, JSON lines) or a batch (Parquet). */
export function writeRows(warehouse: Warehouse, set: RowSet, format: ExportFormat): AsyncIterable<Uint8Array> {
  if (format === 'csv') return csv(set);
  if (format === 'jsonl') return jsonLines(set);
  return parquet(warehouse, set);
}
