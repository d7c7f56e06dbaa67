// The identity map: which person each distinct id (userId or anonymousId) belongs to.

import type { Kysely } from 'kysely';
import type { StateSchema } from '../schema.js';
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
  constructor(private readonly db: Kysely<StateSchema>) {}

  /** Current person of each known distinct id. */
  async lookup(projectId: string, distinctIds: readonly string[]): Promise<Map<string, PersonRecord>> {
    const out = new Map<string, PersonRecord>();
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
