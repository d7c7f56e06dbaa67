// A project's saved definitions, as JSON documents keyed by kind and id: the journey stage map today; segments and
// saved insights use the same table. Callers check a body before saving it; this layer only stores it.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';

export interface Definition<T = unknown> {
  kind: string;
  id: string;
  body: T;
  updatedAt: number;
}

export class DefinitionRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  async get<T>(projectId: string, kind: string, id: string): Promise<Definition<T> | undefined> {
    const row = await this.db
      .selectFrom('definitions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { kind: row.kind, id: row.id, body: JSON.parse(row.body) as T, updatedAt: Number(row.updated_at) };
  }

  async list<T>(projectId: string, kind: string): Promise<Definition<T>[]> {
    const rows = await this.db
      .selectFrom('definitions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      body: JSON.parse(r.body) as T,
      updatedAt: Number(r.updated_at),
    }));
  }

  /** Creates or replaces the definition. */
  async put(projectId: string, kind: string, id: string, body: unknown, now: number): Promise<void> {
    const text = JSON.stringify(body);
    await this.db
      .insertInto('definitions')
      .values({ project_id: projectId, kind, id, body: text, updated_at: now })
      .onConflict((oc) => oc.columns(['project_id', 'kind', 'id']).doUpdateSet({ body: text, updated_at: now }))
      .execute();
  }

  /** Removes the definition; true when there was one. */
  async delete(projectId: string, kind: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('definitions')
      .where('project_id', '=', projectId)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
