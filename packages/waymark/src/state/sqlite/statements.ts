// Prepared statements for the few hot bulk paths of ingest (messageIds, identities, profiles) on SQLite. Kysely
// compiles and prepares every query anew, which cost more than SQLite's own work when a batch writes tens of
// thousands of rows; a statement prepared once and run per row inside the same transaction costs a microsecond.
// Repositories use this when the store is SQLite and Kysely otherwise (PostgreSQL takes multi-row statements well).

import type { Database, Statement } from 'better-sqlite3';

export class SqliteStatements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** The prepared statement for `sql`, prepared on first use. */
  statement(sql: string): Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
