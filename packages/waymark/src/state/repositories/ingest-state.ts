// Small durable facts of the ingest pipeline (log checkpoint, the batch in flight, counters), as key/value rows.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';

export class IngestStateRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('ingest_state').select('value').where('key', '=', key).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('ingest_state')
      .values({ key, value: text })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('ingest_state').where('key', '=', key).execute();
  }
}
