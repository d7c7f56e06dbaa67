// Rebuilds profiles from the warehouse with the same fold live ingest uses: after bulk imports, and after merges,
// where the live fold can only approximate sessions that overlap.

import type { ProfileEvent, Profile } from '../core/profile.js';
import { applyEvent, emptyProfile } from '../core/profile.js';
import { fromWarehouseTime } from '../core/time.js';
import type { StateStore } from '../state/state-store.js';
import { resolvedEventsSql } from '../warehouse/identity-sql.js';
import { streamRows } from '../warehouse/rows.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface RebuildDeps {
  warehouse: Warehouse;
  state: StateStore;
  now: () => number;
  sessionGapMs: number;
}

export interface RebuildProgress {
  (eventsFolded: number): void;
}

type Row = Omit<ProfileEvent, 'timestamp'> & { person_id: string; timestamp: string };

const COLUMNS =
  'e.timestamp AS timestamp, e.event AS event, e.traits AS traits, e.revenue AS revenue, e.channel AS channel, e.device_type AS device_type, e.os AS os, e.browser AS browser';

/**
 * Recomputes the profiles of `personIds` (or of every person of the project) from their stored events.
 * Returns the number of profiles written.
 */
export async function rebuildProfiles(
  deps: RebuildDeps,
  projectId: string,
  personIds: readonly string[] | 'all',
  onProgress?: RebuildProgress,
): Promise<number> {
  const { warehouse, state } = deps;
  const db = warehouse.database;
  let sql: string;
  const params: Record<string, string | string[]> = { project: projectId };
  if (personIds === 'all') {
    sql = `SELECT * FROM (${resolvedEventsSql(db, COLUMNS)}) ORDER BY person_id, timestamp`;
  } else {
    if (personIds.length === 0) return 0;
    const distinctIds: string[] = [];
    for (const p of personIds) distinctIds.push(...(await state.identities.distinctIdsOf(projectId, p)));
    params['ids'] = distinctIds;
    sql = `SELECT * FROM (${resolvedEventsSql(db, COLUMNS)} AND e.distinct_id IN {ids:Array(String)}) ORDER BY person_id, timestamp`;
  }

  let current: Profile | undefined;
  let buffer: Profile[] = [];
  let written = 0;
  let folded = 0;
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const page = buffer;
    await state.transaction((tx) => tx.profiles.upsert(page, deps.now()));
    written += buffer.length;
    buffer = [];
  };
  for await (const row of streamRows<Row>(warehouse, sql, params)) {
    if (current === undefined || current.personId !== row.person_id) {
      if (current) buffer.push(current);
      if (buffer.length >= 1_000) await flush();
      current = emptyProfile(projectId, row.person_id);
    }
    applyEvent(current, { ...row, timestamp: fromWarehouseTime(row.timestamp) }, deps.sessionGapMs);
    folded += 1;
    if (onProgress && folded % 50_000 === 0) onProgress(folded);
  }
  if (current) buffer.push(current);
  await flush();
  onProgress?.(folded);
  return written;
}
