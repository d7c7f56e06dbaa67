// Projects and their write keys. A write key only allows sending events to its project.

import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { WaymarkError } from '../../core/errors.js';
import type { StateSchema } from '../schema.js';

export interface Project {
  id: string;
  name: string;
  timeZone: string;
  createdAt: number;
}

export interface WriteKey {
  key: string;
  projectId: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A new write key: `wk_` and 32 random base62-ish characters. */
export function newWriteKey(): string {
  return `wk_${randomBytes(24).toString('base64url')}`;
}

export class ProjectRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  async create(input: {
    id?: string;
    name: string;
    timeZone?: string;
    writeKey?: string;
    now: number;
  }): Promise<{ project: Project; writeKey: string }> {
    const id = input.id ?? `proj_${randomBytes(6).toString('hex')}`;
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(id)) {
      throw new WaymarkError('invalid_request', 'project id must be 1-63 letters, digits, "-" or "_"', { field: 'id' });
    }
    if (input.name.trim() === '')
      throw new WaymarkError('invalid_request', 'project name must not be empty', { field: 'name' });
    if (await this.get(id)) throw new WaymarkError('conflict', `project "${id}" already exists`, { field: 'id' });
    const writeKey = input.writeKey ?? newWriteKey();
    await this.db
      .insertInto('projects')
      .values({ id, name: input.name.trim(), time_zone: input.timeZone ?? 'UTC', created_at: input.now })
      .execute();
    await this.db
      .insertInto('write_keys')
      .values({ key: writeKey, project_id: id, created_at: input.now, revoked_at: null })
      .execute();
    return {
      project: { id, name: input.name.trim(), timeZone: input.timeZone ?? 'UTC', createdAt: input.now },
      writeKey,
    };
  }

  async get(id: string): Promise<Project | undefined> {
    const row = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, name: row.name, timeZone: row.time_zone, createdAt: Number(row.created_at) };
  }

  async list(): Promise<Project[]> {
    const rows = await this.db.selectFrom('projects').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone, createdAt: Number(r.created_at) }));
  }

  async keys(projectId: string): Promise<WriteKey[]> {
    const rows = await this.db
      .selectFrom('write_keys')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      key: r.key,
      projectId: r.project_id,
      createdAt: Number(r.created_at),
      revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    }));
  }

  /** The project a live write key belongs to. */
  async projectForWriteKey(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('write_keys')
      .select('project_id')
      .where('key', '=', key)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row?.project_id;
  }

  /** Issues a new write key and revokes the project's current ones (unless `keepOld`). */
  async rotateKey(projectId: string, now: number, keepOld = false): Promise<string> {
    if (!(await this.get(projectId)))
      throw new WaymarkError('not_found', `no project "${projectId}"`, { field: 'project' });
    const key = newWriteKey();
    if (!keepOld) {
      await this.db
        .updateTable('write_keys')
        .set({ revoked_at: now })
        .where('project_id', '=', projectId)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await this.db
      .insertInto('write_keys')
      .values({ key, project_id: projectId, created_at: now, revoked_at: null })
      .execute();
    return key;
  }
}
