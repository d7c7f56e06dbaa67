// The state store holds what changes in place: projects and keys, the identity map, profiles, ingest bookkeeping.
// It is Kysely over SQLite (embedded) or PostgreSQL (scale-out); callers only see this interface, and every
// implementation runs the same contract tests (state-store.contract.ts).

import type { Kysely } from 'kysely';
import type { StateSchema } from './schema.js';
import { ApiTokenRepository } from './repositories/api-tokens.js';
import { DefinitionRepository } from './repositories/definitions.js';
import { IdentityRepository } from './repositories/identities.js';
import { IngestStateRepository } from './repositories/ingest-state.js';
import { MessageIdRepository } from './repositories/message-ids.js';
import { ProfileRepository } from './repositories/profiles.js';
import { ProjectRepository } from './repositories/projects.js';
import { ReportDeliveryRepository } from './repositories/report-deliveries.js';
import { UserRepository } from './repositories/users.js';
import type { SqliteStatements } from './sqlite/statements.js';

export interface StateRepositories {
  readonly projects: ProjectRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly identities: IdentityRepository;
  readonly profiles: ProfileRepository;
  readonly messageIds: MessageIdRepository;
  readonly ingestState: IngestStateRepository;
  readonly definitions: DefinitionRepository;
  readonly users: UserRepository;
  readonly reportDeliveries: ReportDeliveryRepository;
}

/**
 * Contract: repositories read and write the store; `transaction` runs `fn` with repositories bound to one
 * transaction, committed when `fn` resolves and rolled back when it throws.
 *
 * ```ts
 * const state = await openSqliteState({ path: './data/state.sqlite' });
 * await state.transaction(async (tx) => { await tx.profiles.upsert(profiles, Date.now()); });
 * ```
 */
export interface StateStore extends StateRepositories {
  /** `sqlite` or `postgres`, for the rare place that must know. */
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(fn: (tx: StateRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `fast`: SQLite's prepared-statement path for bulk ingest writes; absent for other dialects. */
export function repositoriesFor(db: Kysely<StateSchema>, fast?: SqliteStatements): StateRepositories {
  return {
    projects: new ProjectRepository(db),
    apiTokens: new ApiTokenRepository(db),
    identities: new IdentityRepository(db, fast),
    profiles: new ProfileRepository(db, fast),
    messageIds: new MessageIdRepository(db, fast),
    ingestState: new IngestStateRepository(db),
    definitions: new DefinitionRepository(db),
    users: new UserRepository(db),
    reportDeliveries: new ReportDeliveryRepository(db),
  };
}

/** The one implementation: Kysely carries the dialect differences. */
export class KyselyStateStore implements StateStore {
  readonly projects;
  readonly apiTokens;
  readonly identities;
  readonly profiles;
  readonly messageIds;
  readonly ingestState;
  readonly definitions;
  readonly users;
  readonly reportDeliveries;

  constructor(
    private readonly db: Kysely<StateSchema>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly fast?: SqliteStatements,
  ) {
    const repos = repositoriesFor(db, fast);
    this.projects = repos.projects;
    this.apiTokens = repos.apiTokens;
    this.identities = repos.identities;
    this.profiles = repos.profiles;
    this.messageIds = repos.messageIds;
    this.ingestState = repos.ingestState;
    this.definitions = repos.definitions;
    this.users = repos.users;
    this.reportDeliveries = repos.reportDeliveries;
  }

  transaction<T>(fn: (tx: StateRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(repositoriesFor(trx, this.fast)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
