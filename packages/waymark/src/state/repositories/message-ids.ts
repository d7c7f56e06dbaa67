// Seen messageIds, so a retried event is stored once. Ids are recorded in the same transaction as the profile
// updates of their batch, so a batch replayed after a crash is never mistaken for its own duplicate.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';
import { chunksFor } from './chunks.js';

export class MessageIdRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  /** The subset of `messageIds` already stored for the project. */
  async existing(projectId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
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
