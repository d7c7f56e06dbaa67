import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { testDir } from '../../test-support/stores.js';
import { stateStoreContract } from '../state-store.contract.js';
import { openSqliteState } from './open-sqlite-state.js';

const path = (): string => join(testDir(), `contract-${randomBytes(4).toString('hex')}.sqlite`);

stateStoreContract('SQLite with prepared statements', () => openSqliteState({ path: path() }));
// Kysely alone: the code path a PostgreSQL store runs.
stateStoreContract('SQLite through Kysely only', () => openSqliteState({ path: path(), preparedStatements: false }));

it('keeps its data in a WAL-mode file across reopening, migrations applied once', async () => {
  const file = path();
  const first = await openSqliteState({ path: file });
  const { writeKey } = await first.projects.create({ id: 'kept', name: 'Kept', now: 1 });
  await first.messageIds.insert('kept', ['m1'], 'b1', 1);
  await first.close();

  const again = await openSqliteState({ path: file });
  expect(await again.projects.projectForWriteKey(writeKey)).toBe('kept');
  expect(await again.messageIds.existing('kept', ['m1', 'm2'])).toEqual(new Set(['m1']));
  await again.close();

  const raw = new Database(file, { readonly: true });
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  // One row per migration (0001_foundation ... 0004_report_deliveries), not one per opening.
  expect(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual([
    { name: '0001_foundation' },
    { name: '0002_definitions' },
    { name: '0003_users' },
    { name: '0004_report_deliveries' },
  ]);
  raw.close();
});
