// The embedded warehouse: the ClickHouse engine in-process through chDB, MergeTree tables in the data dir.
// chDB allows one data dir per process; a second dir is refused with a clear error rather than a crash.

import { Session } from 'chdb';
import { mkdirSync } from 'node:fs';
import { WaymarkError } from '../../core/errors.js';
import { WAREHOUSE_MIGRATIONS } from '../schema.js';
import { INSERT_COLUMNS, identitiesToJsonLines } from '../serialize.js';
import type { IdentityRow, QueryParams, ReadOptions, StreamFormat, Warehouse } from '../warehouse.js';
import { SharedLock } from '../../core/shared-lock.js';

export interface ChdbWarehouseOptions {
  /** Directory of the chDB data (created if missing). */
  path: string;
  /** Database holding Waymark's tables (default `waymark`); tests use one per file. */
  database?: string;
}

let openPath: string | undefined;
let openSessions = 0;

export async function openChdbWarehouse(options: ChdbWarehouseOptions): Promise<Warehouse> {
  const database = options.database ?? 'waymark';
  if (!/^[a-z_][a-z0-9_]*$/i.test(database)) {
    throw new WaymarkError('invalid_request', `database name "${database}" must be letters, digits and underscores`);
  }
  if (openPath !== undefined && openPath !== options.path) {
    throw new WaymarkError(
      'data_dir_in_use',
      `this process already has the warehouse at ${openPath} open; chDB allows only one active data directory per process`,
    );
  }
  mkdirSync(options.path, { recursive: true });
  let session: Session;
  try {
    session = new Session(options.path, { connectionArgs: ['--output_format_json_quote_64bit_integers=0'] });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/already running|lock/i.test(message)) {
      throw new WaymarkError('data_dir_in_use', `the warehouse at ${options.path} is in use by another process`, {
        cause,
      });
    }
    throw cause;
  }
  openPath = options.path;
  openSessions += 1;
  const warehouse = new ChdbWarehouse(session, database);
  await warehouse.command(`CREATE DATABASE IF NOT EXISTS ${database}`);
  return warehouse;
}

class ChdbWarehouse implements Warehouse {
  // chDB serves one result stream per session at a time, and any other statement run while a stream is open ends
  // it ("No active streaming query"). Statements share the session; a stream holds it alone.
  private readonly lock = new SharedLock();

  private async shared<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock.shared();
    try {
      return await fn();
    } finally {
      release();
    }
  }
  private closed = false;

  constructor(
    private readonly session: Session,
    readonly database: string,
  ) {}

  async migrate(): Promise<void> {
    const db = this.database;
    await this.command(
      `CREATE TABLE IF NOT EXISTS ${db}.waymark_migrations (version UInt32, name String, applied_at DateTime DEFAULT now())
       ENGINE = MergeTree ORDER BY version`,
    );
    const applied = new Set(
      (await this.query<{ version: number }>(`SELECT version FROM ${db}.waymark_migrations`)).map((r) => r.version),
    );
    for (const migration of WAREHOUSE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await this.command(statement.replaceAll('{db}', db));
      await this.command(`INSERT INTO ${db}.waymark_migrations (version, name) VALUES ({v:UInt32}, {n:String})`, {
        v: migration.version,
        n: migration.name,
      });
    }
  }

  async insertEvents(lines: readonly string[], dedupToken: string): Promise<void> {
    if (lines.length === 0) return;
    await this.shared(() =>
      this.session.insert({
        table: `${this.database}.events`,
        values: Buffer.from(lines.join('\n')),
        format: 'TabSeparated',
        columns: INSERT_COLUMNS,
        settings: { insert_deduplication_token: dedupToken },
      }),
    );
  }

  async insertIdentities(rows: readonly IdentityRow[], dedupToken: string): Promise<void> {
    if (rows.length === 0) return;
    await this.shared(() =>
      this.session.insert({
        table: `${this.database}.identities`,
        values: Buffer.from(identitiesToJsonLines(rows)),
        format: 'JSONCompactEachRow',
        columns: ['project_id', 'distinct_id', 'person_id', 'version'],
        settings: { insert_deduplication_token: dedupToken },
      }),
    );
  }

  async insertRaw(table: string, jsonLines: string): Promise<void> {
    if (jsonLines === '') return;
    await this.shared(() => this.session.insert({ table, values: Buffer.from(jsonLines), format: 'JSONEachRow' }));
  }

  async query<T>(sql: string, params: QueryParams = {}, options: ReadOptions = {}): Promise<T[]> {
    const result = await this.shared(() =>
      this.session.queryBindAsync(sql, params, {
        format: 'JSONEachRow',
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    const text = result.text();
    const rows: T[] = [];
    for (const line of text.split('\n')) if (line !== '') rows.push(JSON.parse(line) as T);
    return rows;
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.shared(() => this.session.queryBindAsync(sql, params, { format: 'Null' }));
  }

  async *stream(
    sql: string,
    params: QueryParams,
    format: StreamFormat,
    options: ReadOptions = {},
  ): AsyncIterable<Uint8Array> {
    const release = await this.lock.exclusive();
    try {
      const stream = this.session.queryStreamBind(sql, params, {
        format,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for await (const chunk of stream) yield chunk.raw();
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
    openSessions -= 1;
    if (openSessions === 0) openPath = undefined;
  }
}
