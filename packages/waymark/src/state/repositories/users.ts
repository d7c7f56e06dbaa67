// Dashboard users and their sessions. Passwords arrive here already hashed (api/passwords.ts); session tokens are
// stored as their sha256 only, so a copy of the database lets no one in.

import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { StateSchema } from '../schema.js';

export const ROLES = ['admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

const toUser = (r: StateSchema['users']): UserWithHash => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  createdAt: Number(r.created_at),
  passwordHash: r.password_hash,
});

const publicUser = ({ passwordHash: _, ...user }: UserWithHash): User => user;

export class UserRepository {
  constructor(private readonly db: Kysely<StateSchema>) {}

  async create(u: { email: string; name: string; role: Role; passwordHash: string }, now: number): Promise<User> {
    const id = `u_${randomBytes(8).toString('hex')}`;
    await this.db
      .insertInto('users')
      .values({ id, email: u.email, name: u.name, role: u.role, password_hash: u.passwordHash, created_at: now })
      .execute();
    return { id, email: u.email, name: u.name, role: u.role, createdAt: now };
  }

  async byEmail(email: string): Promise<UserWithHash | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toUser(row);
  }

  async byId(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && publicUser(toUser(row));
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('email').execute();
    return rows.map((r) => publicUser(toUser(r)));
  }

  async update(id: string, changes: { name?: string; role?: Role; passwordHash?: string }): Promise<boolean> {
    const values = {
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
    };
    if (Object.keys(values).length === 0) return (await this.byId(id)) !== undefined;
    const result = await this.db.updateTable('users').set(values).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async count(role?: Role): Promise<number> {
    let q = this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
    if (role) q = q.where('role', '=', role);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** Starts a session; returns its cookie token and CSRF token (neither can be read back). */
  async createSession(userId: string, now: number, ttlMs: number): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hash(token),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: now + ttlMs,
      })
      .execute();
    return { token, csrfToken };
  }

  /** The user and CSRF token of a live session. */
  async session(token: string, now: number): Promise<{ user: User; csrfToken: string; expiresAt: number } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', hash(token))
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= now) return undefined;
    return { user: publicUser(toUser(row)), csrfToken: row.csrf_token, expiresAt: Number(row.expires_at) };
  }

  async endSession(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hash(token)).execute();
  }

  async endSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async pruneSessions(now: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
