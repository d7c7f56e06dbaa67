// Real stores for tests: chDB in a per-process temporary directory (one database per test) and a fresh SQLite
// file per test. No mocks: tests exercise the engines the product runs on.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openChdbWarehouse } from '../warehouse/chdb/chdb-warehouse.js';
import { openSqliteState } from '../state/sqlite/open-sqlite-state.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { StateStore } from '../state/state-store.js';

let processDir: string | undefined;

/** A temporary directory for this test process, removed at exit. */
export function testDir(): string {
  if (processDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
    processDir = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return processDir;
}

export interface TestStores {
  warehouse: Warehouse;
  state: StateStore;
  close(): Promise<void>;
}

export async function openTestStores(): Promise<TestStores> {
  const id = randomBytes(4).toString('hex');
  const warehouse = await openChdbWarehouse({ path: join(testDir(), 'warehouse'), database: `t_${id}` });
  await warehouse.migrate();
  const state = await openSqliteState({ path: join(testDir(), `state-${id}.sqlite`) });
  return {
    warehouse,
    state,
    async close() {
      await state.close();
      await warehouse.close();
    },
  };
}
