// The ingest pipeline stores one batch of one project's events: drop duplicates, resolve identities, insert into
// the warehouse, update profiles. It is written to be replayed: a batch interrupted at any point (kill -9) and run
// again with the same batch id ends with every event stored exactly once and every profile counted once.
//
//   1. state transaction A: resolve identities; remember them as the source's pending batch
//   2. warehouse: insert events and identity rows, each with a dedup token derived from the batch id
//   3. state transaction B: claim messageIds, fold events into profiles, clear pending, run `onCommit` (checkpoint)
//
// A replay after a crash between 1 and 3 reuses the pending identities; the warehouse drops the repeated inserts by
// token; messageIds are only claimed in 3, atomically with the profile updates.

import { RECORDED_EVENTS, type EventSummary, type IncomingEvent } from '../core/event.js';
import { applyEvent, emptyProfile, mergeProfiles, type Profile } from '../core/profile.js';
import type { StateRepositories, StateStore } from '../state/state-store.js';
import type { IdentityRow, Warehouse } from '../warehouse/warehouse.js';
import { eventLine, withPerson } from '../warehouse/serialize.js';
import { LruMap } from '../core/lru.js';
import { IdentityCache } from './identity-cache.js';
import { resolveIdentities, type Merge } from './identity.js';
import { rebuildProfiles } from './profile-rebuild.js';

export interface PipelineOptions {
  warehouse: Warehouse;
  state: StateStore;
  now: () => number;
  newPersonId: () => string;
  sessionGapMs: number;
}

interface BatchCommon {
  projectId: string;
  /** Stable across replays of the same events. */
  batchId: string;
  /** Who runs the batch (`log`, `import`): each source has at most one pending batch. */
  source: string;
  /** `incremental` folds events into profiles now; `deferred` leaves it to a rebuild (bulk imports). */
  profiles: 'incremental' | 'deferred';
  /** Runs inside transaction B, e.g. to advance the log checkpoint atomically with the batch. */
  onCommit?: (tx: StateRepositories, counts: { stored: number; duplicates: number }) => Promise<void>;
}

/** Whole events (lines are built from them), or summaries with the `eventLine` of each, as the log holds them. */
export type BatchInput = BatchCommon &
  (
    | { events: readonly IncomingEvent[]; lines?: undefined }
    | { events: readonly EventSummary[]; lines: readonly string[] }
  );

export interface BatchOutcome {
  stored: number;
  duplicates: number;
  /** Persons whose events were stored. */
  personIds: Set<string>;
  /**
   * Of those, the persons with customer activity in the batch: not only events Waymark recorded itself (segment
   * membership, exposures), or merged. Real-time segments need not look at the others.
   */
  activePersonIds: Set<string>;
  merges: Merge[];
}

interface PendingBatch {
  batchId: string;
  identityRows: IdentityRow[];
  merges: Merge[];
}

const pendingKey = (source: string): string => `pending:${source}`;

export class IngestPipeline {
  private readonly identityCache = new IdentityCache();
  // Profiles of recently active persons, as last committed (or being folded by the batch in flight).
  private readonly profileCaches = new Map<string, LruMap<string, Profile>>();

  constructor(private readonly options: PipelineOptions) {}

  /** Forgets cached identities and profiles, after something other than this pipeline rewrote them (rebuilds). */
  clearCaches(): void {
    this.identityCache.clear();
    this.profileCaches.clear();
  }

  private profileCache(projectId: string): LruMap<string, Profile> {
    let cache = this.profileCaches.get(projectId);
    if (cache === undefined) this.profileCaches.set(projectId, (cache = new LruMap(100_000)));
    return cache;
  }

  async storeBatch(input: BatchInput): Promise<BatchOutcome> {
    const { state, warehouse, now } = this.options;
    const { projectId, batchId } = input;

    // Repeats inside the batch: the first occurrence wins.
    const seen = new Set<string>();
    const unique: number[] = [];
    input.events.forEach((e, i) => {
      if (seen.has(e.message_id)) return;
      seen.add(e.message_id);
      unique.push(i);
    });
    const known = await state.messageIds.existing(projectId, [...seen]);
    const keep =
      known.size === 0 ? unique : unique.filter((i) => !known.has((input.events[i] as EventSummary).message_id));
    const fresh = keep.map((i) => input.events[i] as EventSummary);
    const duplicates = input.events.length - fresh.length;
    if (fresh.length === 0) {
      if (input.onCommit) await state.transaction(async (tx) => input.onCommit?.(tx, { stored: 0, duplicates }));
      return { stored: 0, duplicates, personIds: new Set(), activePersonIds: new Set(), merges: [] };
    }

    // 1. Identities, remembered as pending so that a replay writes the same identity rows.
    const txA = state.transaction(async (tx) => {
      const previous = await tx.ingestState.get<PendingBatch>(pendingKey(input.source));
      const nextVersion = (await tx.ingestState.get<number>('identity_version')) ?? 1;
      const resolution = await resolveIdentities(fresh, {
        projectId,
        repo: this.identityCache.front(tx.identities),
        now: now(),
        nextVersion,
        newPersonId: this.options.newPersonId,
      });
      await tx.identities.apply(projectId, resolution.changes);
      let maxVersion = 0;
      for (const m of resolution.changes.mappings) maxVersion = Math.max(maxVersion, m.version);
      if (maxVersion > 0) await tx.ingestState.set('identity_version', maxVersion + 1);
      const replaying = previous !== undefined && previous.batchId === batchId;
      const pendingBatch: PendingBatch = replaying
        ? previous
        : {
            batchId,
            identityRows: resolution.changes.mappings.map((m) => ({
              project_id: projectId,
              distinct_id: m.distinctId,
              person_id: m.personId,
              version: m.version,
            })),
            merges: resolution.merges,
          };
      if (!replaying) await tx.ingestState.set(pendingKey(input.source), pendingBatch);
      return { personIds: resolution.personIds, pending: pendingBatch, changes: resolution.changes };
    });
    const { personIds, pending, changes } = await txA.catch((error: unknown) => {
      this.identityCache.clear();
      throw error;
    });
    this.identityCache.commit(projectId, changes);

    // 2. Warehouse, deduplicated by token on replay.
    const lines = keep.map((eventIndex, i) =>
      withPerson(
        input.lines?.[eventIndex] ?? eventLine(input.events[eventIndex] as IncomingEvent),
        personIds[i] as string,
      ),
    );
    await warehouse.insertEvents(lines, `${batchId}:events`);
    await warehouse.insertIdentities(pending.identityRows, `${batchId}:identities`);

    // 3. Claim messageIds and update profiles, atomically with the caller's checkpoint.
    const touched = new Set(personIds);
    const active = new Set<string>();
    fresh.forEach((e, i) => {
      if (!RECORDED_EVENTS.includes(e.event)) active.add(personIds[i] as string);
    });
    const txB = state.transaction(async (tx) => {
      await tx.messageIds.insert(
        projectId,
        fresh.map((e) => e.message_id),
        batchId,
        now(),
      );
      if (input.profiles === 'incremental') await this.foldProfiles(tx, projectId, fresh, personIds, pending.merges);
      await tx.ingestState.delete(pendingKey(input.source));
      if (input.onCommit) await input.onCommit(tx, { stored: fresh.length, duplicates });
    });
    // The fold changed cached profiles in place: after a rollback they are ahead of the store, so forget them.
    await txB.catch((error: unknown) => {
      this.profileCaches.clear();
      throw error;
    });

    // Merged persons' overlapping sessions are recomputed exactly from the warehouse.
    if (input.profiles === 'incremental' && pending.merges.length > 0) {
      for (const m of pending.merges) this.profileCache(projectId).delete(m.into);
      await rebuildProfiles(
        { warehouse, state, now, sessionGapMs: this.options.sessionGapMs },
        projectId,
        pending.merges.map((m) => m.into),
      );
    }
    for (const m of pending.merges) active.add(m.into);
    return { stored: fresh.length, duplicates, personIds: touched, activePersonIds: active, merges: pending.merges };
  }

  private async foldProfiles(
    tx: StateRepositories,
    projectId: string,
    events: readonly EventSummary[],
    personIds: readonly string[],
    merges: readonly Merge[],
  ): Promise<void> {
    const ids = new Set(personIds);
    for (const m of merges) {
      ids.add(m.from);
      ids.add(m.into);
    }
    const profiles = new Map<string, Profile>();
    const misses: string[] = [];
    const cache = this.profileCache(projectId);
    for (const id of ids) {
      const cached = cache.get(id);
      if (cached) profiles.set(id, cached);
      else misses.push(id);
    }
    if (misses.length > 0) for (const [id, p] of await tx.profiles.get(projectId, misses)) profiles.set(id, p);
    const deleted: string[] = [];
    for (const m of merges) {
      const from = profiles.get(m.from);
      if (from === undefined) continue;
      profiles.set(m.into, mergeProfiles(profiles.get(m.into) ?? emptyProfile(projectId, m.into), from));
      profiles.delete(m.from);
      deleted.push(m.from);
    }
    const order = events
      .map((_, i) => i)
      .sort((a, b) => (events[a] as EventSummary).timestamp - (events[b] as EventSummary).timestamp);
    const changed = new Map<string, Profile>();
    for (const i of order) {
      const personId = personIds[i] as string;
      let p = profiles.get(personId);
      if (p === undefined) {
        p = emptyProfile(projectId, personId);
        profiles.set(personId, p);
      }
      applyEvent(p, events[i] as EventSummary, this.options.sessionGapMs);
      changed.set(personId, p);
    }
    for (const m of merges) {
      const p = profiles.get(m.into);
      if (p) changed.set(m.into, p);
    }
    if (deleted.length > 0) await tx.profiles.delete(projectId, deleted);
    await tx.profiles.upsert([...changed.values()], this.options.now());
    for (const id of deleted) cache.delete(id);
    for (const [id, p] of changed) cache.set(id, p);
  }
}
