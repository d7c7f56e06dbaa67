// API tokens authorize `/api` routes (reads, exports, project management). Only a hash is stored.

import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { StateSchema } from '../schema.js';
import type { Role } from './users.js';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  /** Creates a token with a role (default admin) and returns it; it cannot be read back later. */
  async create(name: string, now: number, role: Role = 'admin'): Promise<string> {
    const token = `wmk_${randomBytes(24).toString('base64url')}`;
    await this.db
      .insertInto('api_tokens')
      .values({ id: randomBytes(6).toString('hex'), name, token_hash: hash(token), created_at: now, role })
      .execute();
    return token;
  }

  async verify(token: string): Promise<boolean> {
    return (await this.roleOf(token)) !== undefined;
  }

  /** The role of a token, undefined for an unknown one. */
  async roleOf(token: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select('role')
      .where('token_hash', '=', hash(token))
      .executeTakeFirst();
    return row?.role as Role | undefined;
  }

  async list(): Promise<{ id: string; name: string; role: Role; createdAt: number }[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at'])
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role, createdAt: Number(r.created_at) }));
  }

  async deleteById(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Removes every token with this name, e.g. the previous run's local CLI token. */
  async deleteByName(name: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('name', '=', name).execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
