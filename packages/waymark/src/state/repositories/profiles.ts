// Stored profiles. Search finds persons by trait, by distinct id, or by free text over trait values.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { DeviceSeen, Profile, TraitValue } from '../../core/profile.js';
import type { ProfilesTable, StateSchema } from '../schema.js';
import type { SqliteStatements } from '../sqlite/statements.js';
import { chunksFor } from './chunks.js';

export interface ProfileSearch {
  /** Trait name and value to match exactly (compared as text). */
  trait?: { key: string; value: string };
  /** A distinct id (userId or anonymousId). */
  distinctId?: string;
  /** Case-insensitive text found anywhere in the traits (e.g. part of an email or a name). */
  text?: string;
  limit: number;
  offset: number;
}

function toProfile(row: Selectable<ProfilesTable>): Profile {
  return {
    projectId: row.project_id,
    personId: row.person_id,
    traits: JSON.parse(row.traits) as Record<string, TraitValue>,
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    sessions: Number(row.sessions),
    eventCount: Number(row.event_count),
    eventCounts: JSON.parse(row.event_counts) as Record<string, number>,
    revenue: Number(row.revenue),
    channels: JSON.parse(row.channels) as string[],
    devices: JSON.parse(row.devices) as DeviceSeen[],
  };
}

export class ProfileRepository {
  constructor(
    private readonly db: Kysely<StateSchema>,
    private readonly fast?: SqliteStatements,
  ) {}

  async get(projectId: string, personIds: readonly string[]): Promise<Map<string, Profile>> {
    const out = new Map<string, Profile>();
    if (this.fast) {
      const s = this.fast.statement('SELECT * FROM profiles WHERE project_id = ? AND person_id = ?');
      for (const id of personIds) {
        const r = s.get(projectId, id) as Selectable<ProfilesTable> | undefined;
        if (r) out.set(id, toProfile(r));
      }
      return out;
    }
    for (const chunk of chunksFor(personIds, 1)) {
      const rows = await this.db
        .selectFrom('profiles')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('person_id', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.person_id, toProfile(r));
    }
    return out;
  }

  async upsert(profiles: readonly Profile[], now: number): Promise<void> {
    if (this.fast) {
      const s = this.fast.statement(
        `INSERT INTO profiles (project_id, person_id, traits, first_seen, last_seen, sessions, event_count, event_counts,
           revenue, channels, devices, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, person_id) DO UPDATE SET traits = excluded.traits, first_seen = excluded.first_seen,
           last_seen = excluded.last_seen, sessions = excluded.sessions, event_count = excluded.event_count,
           event_counts = excluded.event_counts, revenue = excluded.revenue, channels = excluded.channels,
           devices = excluded.devices, updated_at = excluded.updated_at`,
      );
      for (const p of profiles) {
        s.run(
          p.projectId,
          p.personId,
          JSON.stringify(p.traits),
          p.firstSeen,
          p.lastSeen,
          p.sessions,
          p.eventCount,
          JSON.stringify(p.eventCounts),
          p.revenue,
          JSON.stringify(p.channels),
          JSON.stringify(p.devices),
          now,
        );
      }
      return;
    }
    for (const chunk of chunksFor(profiles, 12)) {
      await this.db
        .insertInto('profiles')
        .values(
          chunk.map((p) => ({
            project_id: p.projectId,
            person_id: p.personId,
            traits: JSON.stringify(p.traits),
            first_seen: p.firstSeen,
            last_seen: p.lastSeen,
            sessions: p.sessions,
            event_count: p.eventCount,
            event_counts: JSON.stringify(p.eventCounts),
            revenue: p.revenue,
            channels: JSON.stringify(p.channels),
            devices: JSON.stringify(p.devices),
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['project_id', 'person_id']).doUpdateSet((eb) => ({
            traits: eb.ref('excluded.traits'),
            first_seen: eb.ref('excluded.first_seen'),
            last_seen: eb.ref('excluded.last_seen'),
            sessions: eb.ref('excluded.sessions'),
            event_count: eb.ref('excluded.event_count'),
            event_counts: eb.ref('excluded.event_counts'),
            revenue: eb.ref('excluded.revenue'),
            channels: eb.ref('excluded.channels'),
            devices: eb.ref('excluded.devices'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async delete(projectId: string, personIds: readonly string[]): Promise<void> {
    for (const chunk of chunksFor(personIds, 1)) {
      await this.db
        .deleteFrom('profiles')
        .where('project_id', '=', projectId)
        .where('person_id', 'in', chunk)
        .execute();
    }
  }

  /** Removes profiles whose person no longer exists (merged away during a bulk import). */
  async deleteOrphans(projectId: string): Promise<void> {
    await this.db
      .deleteFrom('profiles')
      .where('project_id', '=', projectId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('persons')
              .select('persons.person_id')
              .whereRef('persons.project_id', '=', 'profiles.project_id')
              .whereRef('persons.person_id', '=', 'profiles.person_id'),
          ),
        ),
      )
      .execute();
  }

  /** Profiles matching every given criterion, most recently seen first. */
  async search(projectId: string, search: ProfileSearch): Promise<{ total: number; profiles: Profile[] }> {
    let q = this.db.selectFrom('profiles as p').where('p.project_id', '=', projectId);
    if (search.trait) {
      const path = `$."${search.trait.key.replace(/["\\]/g, '')}".value`;
      q = q.where(sql<string>`cast(json_extract(p.traits, ${path}) as text)`, '=', search.trait.value);
    }
    if (search.distinctId !== undefined) {
      const distinctId = search.distinctId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('distinct_ids as d')
            .select('d.person_id')
            .whereRef('d.project_id', '=', 'p.project_id')
            .whereRef('d.person_id', '=', 'p.person_id')
            .where('d.distinct_id', '=', distinctId),
        ),
      );
    }
    if (search.text !== undefined && search.text !== '') {
      q = q.where(sql<string>`lower(p.traits)`, 'like', `%${search.text.toLowerCase().replace(/[%_]/g, '')}%`);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('p')
      .orderBy('p.last_seen', 'desc')
      .limit(search.limit)
      .offset(search.offset)
      .execute();
    return { total: Number(total.n), profiles: rows.map(toProfile) };
  }

  /** Every profile of a project, in pages, for exports that must not hold a whole table in memory. */
  async *scan(projectId: string, pageSize = 1_000): AsyncIterable<Profile> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('profiles')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('person_id', '>', after)
        .orderBy('person_id')
        .limit(pageSize)
        .execute();
      for (const r of rows) yield toProfile(r);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = last.person_id;
    }
  }

  /**
   * Profiles changed after `after` (by update time, then person id) and before `before` (epoch ms), in that order
   * and in pages, each with its update time: what an incremental export reads.
   */
  async *scanChanged(
    projectId: string,
    after: { updatedAt: number; personId: string },
    before: number,
    pageSize = 1_000,
  ): AsyncIterable<{ profile: Profile; updatedAt: number }> {
    let mark = after;
    for (;;) {
      const { updatedAt, personId } = mark;
      const rows = await this.db
        .selectFrom('profiles')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('updated_at', '<', before)
        .where((eb) =>
          eb.or([
            eb('updated_at', '>', updatedAt),
            eb.and([eb('updated_at', '=', updatedAt), eb('person_id', '>', personId)]),
          ]),
        )
        .orderBy('updated_at')
        .orderBy('person_id')
        .limit(pageSize)
        .execute();
      for (const r of rows) yield { profile: toProfile(r), updatedAt: Number(r.updated_at) };
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      mark = { updatedAt: Number(last.updated_at), personId: last.person_id };
    }
  }

  async count(projectId: string): Promise<number> {
    const r = await this.db
      .selectFrom('profiles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
