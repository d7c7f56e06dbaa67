// The identity map: which person each distinct id (userId or anonymousId) belongs to.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';
import type { SqliteStatements } from '../sqlite/statements.js';
import { chunksFor } from './chunks.js';

export interface PersonRecord {
  personId: string;
  createdAt: number;
  identified: boolean;
}

export interface IdentityChanges {
  newPersons: PersonRecord[];
  /** distinct id -> person, inserted or moved. */
  mappings: { distinctId: string; personId: string; version: number }[];
  identified: string[];
  deletedPersons: string[];
}

export class IdentityRepository {
  constructor(
    private readonly db: Kysely<StateSchema>,
    private readonly fast?: SqliteStatements,
  ) {}

  /** Current person of each known distinct id. */
  async lookup(projectId: string, distinctIds: readonly string[]): Promise<Map<string, PersonRecord>> {
    const out = new Map<string, PersonRecord>();
    if (this.fast) {
      const s = this.fast.statement(
        `SELECT p.person_id AS personId, p.created_at AS createdAt, p.is_identified AS identified
         FROM distinct_ids d JOIN persons p ON p.project_id = d.project_id AND p.person_id = d.person_id
         WHERE d.project_id = ? AND d.distinct_id = ?`,
      );
      for (const id of distinctIds) {
        const r = s.get(projectId, id) as { personId: string; createdAt: number; identified: number } | undefined;
        if (r) out.set(id, { personId: r.personId, createdAt: Number(r.createdAt), identified: r.identified === 1 });
      }
      return out;
    }
    for (const chunk of chunksFor(distinctIds, 1)) {
      const rows = await this.db
        .selectFrom('distinct_ids as d')
        .innerJoin('persons as p', (j) =>
          j.onRef('p.project_id', '=', 'd.project_id').onRef('p.person_id', '=', 'd.person_id'),
        )
        .select(['d.distinct_id', 'p.person_id', 'p.created_at', 'p.is_identified'])
        .where('d.project_id', '=', projectId)
        .where('d.distinct_id', 'in', chunk)
        .execute();
      for (const r of rows) {
        out.set(r.distinct_id, {
          personId: r.person_id,
          createdAt: Number(r.created_at),
          identified: r.is_identified === 1,
        });
      }
    }
    return out;
  }

  /** Every distinct id of each of these persons (persons without any are left out). */
  async distinctIdsOfMany(projectId: string, personIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('distinct_ids')
        .select(['person_id', 'distinct_id'])
        .where('project_id', '=', projectId)
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .orderBy('version')
        .execute();
      for (const r of rows) {
        const list = out.get(r.person_id);
        if (list) list.push(r.distinct_id);
        else out.set(r.person_id, [r.distinct_id]);
      }
    }
    return out;
  }

  async distinctIdsOf(projectId: string, personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('distinct_ids')
      .select('distinct_id')
      .where('project_id', '=', projectId)
      .where('person_id', '=', personId)
      .orderBy('version')
      .execute();
    return rows.map((r) => r.distinct_id);
  }

  async person(projectId: string, personId: string): Promise<PersonRecord | undefined> {
    const r = await this.db
      .selectFrom('persons')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return r && { personId: r.person_id, createdAt: Number(r.created_at), identified: r.is_identified === 1 };
  }

  async apply(projectId: string, changes: IdentityChanges): Promise<void> {
    if (this.fast) {
      const person = this.fast.statement(
        'INSERT INTO persons (project_id, person_id, created_at, is_identified) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      for (const p of changes.newPersons) person.run(projectId, p.personId, p.createdAt, p.identified ? 1 : 0);
      const mapping = this.fast.statement(
        `INSERT INTO distinct_ids (project_id, distinct_id, person_id, version) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_id, distinct_id) DO UPDATE SET person_id = excluded.person_id, version = excluded.version`,
      );
      for (const m of changes.mappings) mapping.run(projectId, m.distinctId, m.personId, m.version);
      const identify = this.fast.statement(
        'UPDATE persons SET is_identified = 1 WHERE project_id = ? AND person_id = ?',
      );
      for (const id of changes.identified) identify.run(projectId, id);
      const remove = this.fast.statement('DELETE FROM persons WHERE project_id = ? AND person_id = ?');
      for (const id of changes.deletedPersons) remove.run(projectId, id);
      return;
    }
    for (const chunk of chunksFor(changes.newPersons, 4)) {
      await this.db
        .insertInto('persons')
        .values(
          chunk.map((p) => ({
            project_id: projectId,
            person_id: p.personId,
            created_at: p.createdAt,
            is_identified: p.identified ? 1 : 0,
          })),
        )
        .onConflict((oc) => oc.columns(['project_id', 'person_id']).doNothing())
        .execute();
    }
    for (const chunk of chunksFor(changes.mappings, 4)) {
      await this.db
        .insertInto('distinct_ids')
        .values(
          chunk.map((m) => ({
            project_id: projectId,
            distinct_id: m.distinctId,
            person_id: m.personId,
            version: m.version,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['project_id', 'distinct_id']).doUpdateSet((eb) => ({
            person_id: eb.ref('excluded.person_id'),
            version: eb.ref('excluded.version'),
          })),
        )
        .execute();
    }
    for (const chunk of chunksFor(changes.identified, 1)) {
      await this.db
        .updateTable('persons')
        .set({ is_identified: 1 })
        .where('project_id', '=', projectId)
        .where('person_id', 'in', chunk)
        .execute();
    }
    for (const chunk of chunksFor(changes.deletedPersons, 1)) {
      await this.db.deleteFrom('persons').where('project_id', '=', projectId).where('person_id', 'in', chunk).execute();
    }
  }

  async personCount(projectId: string): Promise<number> {
    const r = await this.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
