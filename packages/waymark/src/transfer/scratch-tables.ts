// Scratch tables of exports: named here so that the ones a crashed export left behind can be found and dropped.

import { randomBytes } from 'node:crypto';
import type { Warehouse } from '../warehouse/warehouse.js';

const PREFIX = 'export_scratch_';

/** A fresh scratch table name, qualified with the warehouse's database, e.g. `waymark.export_scratch_rows_1a2b…`. */
export function scratchTable(warehouse: Warehouse, purpose: 'rows' | 'members' | 'profiles'): string {
  return `${warehouse.database}.${PREFIX}${purpose}_${randomBytes(6).toString('hex')}`;
}

/** Drops every scratch table: call when no export can be running (at server start). Returns how many. */
export async function dropScratchTables(warehouse: Warehouse): Promise<number> {
  const tables = await warehouse.query<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = {db:String} AND startsWith(name, {prefix:String})`,
    { db: warehouse.database, prefix: PREFIX },
  );
  for (const t of tables) await warehouse.command(`DROP TABLE IF EXISTS ${warehouse.database}.\`${t.name}\``);
  return tables.length;
}
