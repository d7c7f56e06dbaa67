// Real-time segment membership: after every stored batch of events, the saved segments of the project are
// re-evaluated for the persons in it only (all of each person's distinct ids, so merges count), and who entered
// or exited is recorded at once as `Segment Entered` / `Segment Exited` events. It is the batch evaluation's own
// SQL restricted to those persons, so the two always agree. Segments that compare persons with each other (RFM
// quintiles) change for everyone when anyone buys: they are re-evaluated whole, at most once per `wholeEveryMs`.
// Windows that slide past a member without new events are caught by the scheduled refresh (scheduler.ts).

import type { Warehouse } from '../warehouse/warehouse.js';
import { comparesPersons } from './compile.js';
import { recordMembership, refreshSegment, type MembershipSink } from './membership.js';
import type { Condition } from './definition.js';
import { listSegments, resolveSegmentRefs, type SegmentStore } from './segments.js';

export interface RealtimeDeps {
  warehouse: Warehouse;
  sink: MembershipSink;
  segments: SegmentStore;
  identities: { distinctIdsOfMany(projectId: string, personIds: readonly string[]): Promise<Map<string, string[]>> };
  now: () => number;
  onError: (message: string, error: unknown) => void;
  /** Least time between two whole re-evaluations of one cross-person segment (default 60 s). */
  wholeEveryMs?: number;
}

export interface RealtimeStats {
  /** Batches handled, persons re-evaluated, membership changes recorded. */
  batches: number;
  persons: number;
  changes: number;
  /** Milliseconds from a batch being stored to its changes being recorded, most recent first (up to 1000). */
  latenciesMs: number[];
}

export interface RealtimeSummary {
  batches: number;
  persons: number;
  changes: number;
  /** Persons waiting to be evaluated. */
  queued: number;
  /** From a batch being stored to its membership changes being recorded, over the last 1000 batches. */
  p50Ms: number | null;
  p99Ms: number | null;
}

export class RealtimeSegments {
  /** Persons waiting to be evaluated, per project, with when the first of them was stored. */
  private readonly pending = new Map<string, { persons: Set<string>; since: number }>();
  private readonly wholeDue = new Set<string>();
  private readonly lastWhole = new Map<string, number>();
  private working: Promise<void> | undefined;
  private stopped = false;
  readonly stats: RealtimeStats = { batches: 0, persons: 0, changes: 0, latenciesMs: [] };

  constructor(private readonly deps: RealtimeDeps) {}

  /** Called with the persons of each stored batch (LogConsumer.onStored). Returns at once. */
  notify(projectId: string, personIds: Iterable<string>): void {
    if (this.stopped) return;
    let entry = this.pending.get(projectId);
    if (!entry) this.pending.set(projectId, (entry = { persons: new Set(), since: this.deps.now() }));
    for (const p of personIds) entry.persons.add(p);
    this.kick();
  }

  private kick(): void {
    if (this.working || this.stopped || (this.pending.size === 0 && this.wholeDue.size === 0)) return;
    this.working = this.work().finally(() => {
      this.working = undefined;
      if (this.pending.size > 0) this.kick();
    });
  }

  /** Resolves when everything notified so far has been evaluated, due whole re-evaluations included. */
  async idle(): Promise<void> {
    while (this.working) await this.working;
    await this.flushWhole(true);
    while (this.working) await this.working;
  }

  /** Counts and latency percentiles of the recent updates, for the status endpoint and the benchmark. */
  summary(): RealtimeSummary {
    const sorted = [...this.stats.latenciesMs].sort((a, b) => a - b);
    const pick = (q: number): number | null =>
      sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
    let queued = 0;
    for (const entry of this.pending.values()) queued += entry.persons.size;
    const { batches, persons, changes } = this.stats;
    return { batches, persons, changes, queued, p50Ms: pick(0.5), p99Ms: pick(0.99) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.working?.catch(() => undefined);
  }

  private async work(): Promise<void> {
    while (this.pending.size > 0) {
      const [projectId, entry] = this.pending.entries().next().value as [
        string,
        { persons: Set<string>; since: number },
      ];
      this.pending.delete(projectId);
      try {
        await this.evaluate(projectId, [...entry.persons], entry.since);
      } catch (error) {
        this.deps.onError(`real-time segments of project "${projectId}" could not be updated`, error);
      }
    }
    await this.flushWhole(false);
  }

  private async evaluate(projectId: string, personIds: string[], storedAt: number): Promise<void> {
    const { segments: store, warehouse, sink } = this.deps;
    const saved = await listSegments(store, projectId);
    if (saved.length === 0) return;
    const byPerson = await this.deps.identities.distinctIdsOfMany(projectId, personIds);
    const distinctIds = [...byPerson.values()].flat();
    if (distinctIds.length === 0) return;
    this.stats.batches += 1;
    this.stats.persons += byPerson.size;
    const now = this.deps.now();
    const perPerson: { id: string; name: string; condition: Condition }[] = [];
    for (const segment of saved) {
      try {
        const condition = await resolveSegmentRefs(store, projectId, segment.condition, [segment.id]);
        if (comparesPersons(condition)) this.wholeDue.add(`${projectId}\u0000${segment.id}`);
        else perPerson.push({ ...segment, condition });
      } catch (error) {
        this.deps.onError(`segment "${segment.id}" of project "${projectId}" could not be updated`, error);
      }
    }
    // Every per-person segment at once: one evaluation query and one stored-membership query per batch.
    if (perPerson.length > 0) {
      const results = await recordMembership(warehouse, sink, projectId, perPerson, now, distinctIds);
      for (const r of results) this.stats.changes += r.entered + r.exited;
    }
    this.stats.latenciesMs.unshift(this.deps.now() - storedAt);
    this.stats.latenciesMs.length = Math.min(this.stats.latenciesMs.length, 1000);
  }

  /** Whole re-evaluations that are due (all of them with `force`). */
  private async flushWhole(force: boolean): Promise<void> {
    const every = this.deps.wholeEveryMs ?? 60_000;
    for (const key of [...this.wholeDue]) {
      const [projectId, id] = key.split('\u0000') as [string, string];
      const now = this.deps.now();
      if (!force && now - (this.lastWhole.get(key) ?? -Infinity) < every) continue;
      this.wholeDue.delete(key);
      this.lastWhole.set(key, now);
      try {
        const segment = (await listSegments(this.deps.segments, projectId)).find((s) => s.id === id);
        if (!segment) continue;
        const condition = await resolveSegmentRefs(this.deps.segments, projectId, segment.condition, [id]);
        const r = await refreshSegment(this.deps.warehouse, this.deps.sink, projectId, { ...segment, condition }, now);
        this.stats.changes += r.entered + r.exited;
      } catch (error) {
        this.deps.onError(`segment "${id}" of project "${projectId}" could not be updated`, error);
      }
    }
  }
}
