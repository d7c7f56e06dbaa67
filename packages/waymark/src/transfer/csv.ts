// A small streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) and the mapping
// of CSV columns onto Segment call fields.

import type { JsonObject, JsonValue } from '../core/event.js';

/** Splits CSV text into records; feed chunks in order, then call `end()` for the last record. */
export class CsvReader {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quotePending = false;

  push(chunk: string, out: string[][]): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
        } else if (c === '"') {
          this.quotePending = true;
          continue;
        } else {
          this.field += c;
          continue;
        }
      }
      if (c === '"' && this.field === '') this.inQuotes = true;
      else if (c === ',') this.endField();
      else if (c === '\n') this.endRecord(out);
      else if (c !== '\r') this.field += c;
    }
  }

  end(out: string[][]): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.field !== '' || this.record.length > 0) this.endRecord(out);
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
  }

  private endRecord(out: string[][]): void {
    this.endField();
    if (!(this.record.length === 1 && this.record[0] === '')) out.push(this.record);
    this.record = [];
  }
}

/** How CSV columns become call fields: `{ "userId": "customer_id", "properties.price": "price" }`. */
export type ColumnMapping = Record<string, string>;

/** Parses `--map "userId=customer_id,event=action"` into a mapping from call field to column. */
export function parseMapping(spec: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const [field, column] = part.split('=').map((s) => s.trim());
    if (!field || !column) throw new Error(`mapping "${part}" must look like field=column`);
    mapping[field] = column;
  }
  return mapping;
}

/**
 * Builds a call from one CSV record. Columns named like call fields (`type`, `event`, `userId`, `properties.price`,
 * `context.page.url`...) map themselves; `mapping` renames. Numbers and booleans in properties and traits are typed.
 */
export function csvRecordToCall(
  header: readonly string[],
  record: readonly string[],
  mapping: ColumnMapping,
): JsonObject {
  const byColumn = new Map<string, string>();
  header.forEach((h, i) => byColumn.set(h, record[i] ?? ''));
  const fields = new Map<string, string>();
  for (const h of header) fields.set(h, byColumn.get(h) ?? '');
  for (const [field, column] of Object.entries(mapping)) {
    if (column !== field) fields.delete(column);
    fields.set(field, byColumn.get(column) ?? '');
  }
  const call: JsonObject = { type: 'track' };
  for (const [field, raw] of fields) {
    if (raw === '') continue;
    const path = field.split('.');
    if (path.length === 1) {
      call[field] = raw;
      continue;
    }
    let node: JsonObject = call;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as JsonObject;
    }
    node[path.at(-1) as string] = typed(raw);
  }
  return call;
}

function typed(raw: string): JsonValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16) return Number(raw);
  return raw;
}
