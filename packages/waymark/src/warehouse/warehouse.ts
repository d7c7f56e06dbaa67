// The warehouse holds events and everything analyses scan. One interface, two transports: chDB in-process (the
// embedded default) and, later, a ClickHouse server. Both run the same ClickHouse SQL; values always travel as
// bound parameters (`{name:Type}` placeholders), never inside the SQL text.

/** Query parameters for `{name:Type}` placeholders. */
export type QueryParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

/** Output formats a result can be streamed in, byte for byte as ClickHouse writes them. */
export type StreamFormat =
  'JSONEachRow' | 'CSVWithNames' | 'Parquet' | 'TabSeparatedWithNames' | 'TSVRaw' | 'RowBinary';

/** Per-call options of reads: an abort signal (a stream stops between chunks; a query settles early). */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** One row of the identity map as the warehouse keeps it: the latest `version` of a distinct id wins. */
export interface IdentityRow {
  project_id: string;
  distinct_id: string;
  person_id: string;
  version: number;
}

/**
 * Contract of a warehouse.
 * - `insert*` with the same `dedupToken` store their rows once, however often they are retried: the ingest
 *   pipeline relies on this to replay a batch after a crash without duplicating it.
 * - `query` returns rows parsed from JSONEachRow; 64-bit integers arrive as numbers.
 * - `stream` yields the result in chunks, never buffering a whole table.
 *
 * ```ts
 * const wh = await openChdbWarehouse({ path: './data/warehouse' });
 * await wh.migrate();
 * const [row] = await wh.query<{ n: number }>('SELECT count() AS n FROM {db:Identifier}.events WHERE project_id = {p:String}', { p: 'demo' });
 * ```
 */
export interface Warehouse {
  /** The database (schema) holding Waymark's tables; analyses qualify table names with it. */
  readonly database: string;
  /** Applies pending schema migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Inserts event lines built by `eventLine` + `withPerson` (serialize.ts). */
  insertEvents(lines: readonly string[], dedupToken: string): Promise<void>;
  insertIdentities(rows: readonly IdentityRow[], dedupToken: string): Promise<void>;
  /** Inserts JSON lines (one object per line) into any table, e.g. a scratch table for an export. */
  insertRaw(table: string, jsonLines: string): Promise<void>;
  query<T>(sql: string, params?: QueryParams, options?: ReadOptions): Promise<T[]>;
  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT). */
  command(sql: string, params?: QueryParams): Promise<void>;
  stream(sql: string, params: QueryParams, format: StreamFormat, options?: ReadOptions): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}
