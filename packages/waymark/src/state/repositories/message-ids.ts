// Seen messageIds, so a retried event is stored once. Ids are recorded in the same transaction as the profile
// updates of their batch, so a batch replayed after a crash is never mistaken for its own duplicate.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';
import type { SqliteStatements } from '../sqlite/statements.js';
import { chunksFor } from './chunks.js';

export class MessageIdRepository {
  constructor(
    private readonly db: Kysely<StateSchema>,
    private readonly fast?: SqliteStatements,
  ) {}

  /** The subset of `messageIds` already stored for the project. */
  async existing(projectId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (this.fast) {
      const s = this.fast.statement('SELECT 1 FROM message_ids WHERE project_id = ? AND message_id = ?').pluck();
      for (const id of messageIds) if (s.get(projectId, id) !== undefined) found.add(id);
      return found;
    }
    for (const chunk of chunksFor(messageIds, 1)) {
      const rows = await this.db
        .selectFrom('message_ids')
        .select('message_id')
        .where('project_id', '=', projectId)
        .where('message_id', 'in', chunk)
        .execute();
      for (const r of rows) found.add(r.message_id);
    }
    return found;
  }

  /** Records `messageIds` as stored by `batchId` (ids already recorded keep their first batch). */
  async insert(projectId: string, messageIds: readonly string[], batchId: string, now: number): Promise<void> {
    if (this.fast) {
      const s = this.fast.statement(
        'INSERT INTO message_ids (project_id, message_id, batch_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      for (const id of messageIds) s.run(projectId, id, batchId, now);
      return;
    }
    for (const part of chunksFor(messageIds, 4)) {
      await this.db
        .insertInto('message_ids')
        .values(part.map((message_id) => ({ project_id: projectId, message_id, batch_id: batchId, received_at: now })))
        .onConflict((oc) => oc.columns(['project_id', 'message_id']).doNothing())
        .execute();
    }
  }

  /** Forgets ids received before `before`; retries older than the dedup window are then stored again. */
  async prune(before: number): Promise<number> {
    const result = await this.db.deleteFrom('message_ids').where('received_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
