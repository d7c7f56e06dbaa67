// The embedded state store: SQLite through better-sqlite3, in WAL mode so readers never wait for the ingest writer.

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateState } from '../migrations.js';
import type { StateSchema } from '../schema.js';
import { KyselyStateStore, type StateStore } from '../state-store.js';
import { SqliteStatements } from './statements.js';

export interface SqliteStateOptions {
  /** Database file; `:memory:` for a throwaway store. */
  path: string;
  /**
   * Run the bulk ingest paths on prepared statements (default true). Off, every query goes through Kysely, the path
   * PostgreSQL takes; the contract tests run both.
   */
  preparedStatements?: boolean;
}

export async function openSqliteState(options: SqliteStateOptions): Promise<StateStore> {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const sqlite = new Database(options.path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<StateSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateState(db as unknown as Kysely<unknown>);
  const fast = options.preparedStatements === false ? undefined : new SqliteStatements(sqlite);
  return new KyselyStateStore(db, 'sqlite', fast);
}
