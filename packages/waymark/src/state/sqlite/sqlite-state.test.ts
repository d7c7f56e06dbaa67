import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { testDir } from '../../test-support/stores.js';
import { stateStoreContract } from '../state-store.contract.js';
import { openSqliteState } from './open-sqlite-state.js';

const path = (): string => join(testDir(), `contract-${randomBytes(4).toString('hex')}.sqlite`);

stateStoreContract('SQLite with prepared statements', () => openSqliteState({ path: path() }));
// Kysely alone: the code path a PostgreSQL store runs.
stateStoreContract('SQLite through Kysely only', () => openSqliteState({ path: path(), preparedStatements: false }));
