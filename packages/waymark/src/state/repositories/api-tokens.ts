// API tokens authorize `/api` routes (reads, exports, project management). Only a hash is stored.

import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { StateSchema } from '../schema.js';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  /** Creates a token and returns it; it cannot be read back later. */
  async create(name: string, now: number): Promise<string> {
    const token = `wmk_${randomBytes(24).toString('base64url')}`;
    await this.db
      .insertInto('api_tokens')
      .values({ id: randomBytes(6).toString('hex'), name, token_hash: hash(token), created_at: now })
      .execute();
    return token;
  }

  async verify(token: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', hash(token))
      .executeTakeFirst();
    return row !== undefined;
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
