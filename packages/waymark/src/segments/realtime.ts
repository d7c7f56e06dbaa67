// Real-time segment membership: after every stored batch of events, the saved segments of the project are
// re-evaluated for the persons in it only (all of each person's distinct ids, so merges count), and who entered
// or exited is recorded at once as `Segment Entered` / `Segment Exited` events. It is the batch evaluation's own
// SQL restricted to those persons, so the two always agree. Segments that compare persons with each other (RFM
// quintiles) change for everyone when anyone buys: they are re-evaluated whole, at most once per `wholeEveryMs`.
//
// Time also changes membership with no new event: a person leaves "3 purchases in the last 30 days" when the oldest
// of them ages out, and enters "no purchase for 30 days" 30 days after the last one. Every evaluation also yields,
// per person, the next moment this can happen (compile.ts, `next_change`); those moments wait in one heap behind one
// timer, and when one comes the person is re-evaluated like a person with a new event. Moments further away than
// `changesWithinMs` are left to the scheduled whole refresh (scheduler.ts), which sets them once they come closer.

import { RECORDED_EVENTS } from '../core/event.js';
import { MinHeap } from '../core/min-heap.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { comparesPersons } from './compile.js';
import {
  allStoredMembers,
  recordMembership,
  type MembershipSink,
  type MembershipUpdate,
  type NextChange,
  type RefreshResult,
} from './membership.js';
import { MembershipIndex } from './membership-index.js';
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
  /**
   * How far ahead time-driven changes are scheduled (default 24 h). The scheduled refresh must run at least this
   * often for windows to slide exactly; nearer changes are always kept.
   */
  changesWithinMs?: number;
}

type Segment = { id: string; name: string; condition: Condition };

/** A condition naming one of the events Waymark records itself, as JSON text. */
const RECORDED_NAMES = new RegExp(RECORDED_EVENTS.map((e) => JSON.stringify(e)).join('|'));

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
  /** Persons with a time-driven change scheduled, and when the next one is due (ISO time). */
  scheduled: number;
  nextDue: string | null;
  /** From a batch being stored to its membership changes being recorded, over the last 1000 batches. */
  p50Ms: number | null;
  p99Ms: number | null;
}

export class RealtimeSegments {
  /** Persons waiting to be evaluated, per project, with when the first of them was stored. */
  private readonly pending = new Map<string, { persons: Map<string, boolean>; since: number }>();
  private readonly wholeDue = new Set<string>();
  private readonly lastWhole = new Map<string, number>();
  private working: Promise<void> | undefined;
  private stopped = false;
  /** Time-driven changes: when each person (`project\0person`) is due, and a heap of them (stale entries skipped). */
  private readonly due = new Map<string, number>();
  private readonly dueHeap = new MinHeap<string>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  readonly stats: RealtimeStats = { batches: 0, persons: 0, changes: 0, latenciesMs: [] };
  /** Who is in which segment now, in memory (for decisions), kept current with every change recorded here. */
  readonly membership: MembershipIndex;

  constructor(private readonly deps: RealtimeDeps) {
    this.membership = new MembershipIndex(async (projectId) =>
      allStoredMembers(
        deps.warehouse,
        projectId,
        (await listSegments(deps.segments, projectId)).map((s) => s.id),
      ),
    );
  }

  /** Every membership recording goes through here, so that the in-memory index follows. */
  private async record(
    projectId: string,
    segments: readonly Segment[],
    now: number,
    options: Parameters<typeof recordMembership>[5] = {},
  ): Promise<MembershipUpdate> {
    const update = await recordMembership(this.deps.warehouse, this.deps.sink, projectId, segments, now, options);
    this.membership.apply(projectId, update.changes);
    return update;
  }

  /**
   * Called with the persons of each stored batch (LogConsumer.onStored). Returns at once. `active`: those with
   * customer activity in it; the others only got events Waymark recorded itself (membership, exposures), which
   * change no segment unless one names such an event. Absent: all are active.
   */
  notify(projectId: string, personIds: Iterable<string>, active?: ReadonlySet<string>): void {
    if (this.stopped) return;
    let entry = this.pending.get(projectId);
    if (!entry) this.pending.set(projectId, (entry = { persons: new Map(), since: this.deps.now() }));
    for (const p of personIds) {
      if (entry.persons.get(p) !== true) entry.persons.set(p, active === undefined || active.has(p));
    }
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
    this.dropStale();
    const next = this.dueHeap.peekKey();
    return {
      batches,
      persons,
      changes,
      queued,
      scheduled: this.due.size,
      nextDue: next === undefined ? null : new Date(next).toISOString(),
      p50Ms: pick(0.5),
      p99Ms: pick(0.99),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.working?.catch(() => undefined);
  }

  /**
   * Records a whole segment's membership now (on save, on change, on schedule) and schedules its members'
   * time-driven changes.
   */
  async refresh(projectId: string, segment: Segment, now = this.deps.now()): Promise<RefreshResult> {
    const { results, nextChanges } = await this.record(projectId, [segment], now, {
      changesWithinMs: this.changesWithinMs,
    });
    this.schedule(projectId, nextChanges);
    return results[0] as RefreshResult;
  }

  /** Records that every stored member of a deleted segment left it (a `Segment Exited` each, now). */
  async retire(
    projectId: string,
    segment: { id: string; name: string },
    now = this.deps.now(),
  ): Promise<RefreshResult> {
    const nobody: Condition = { list: [] };
    const { results } = await this.record(projectId, [{ ...segment, condition: nobody }], now);
    return results[0] as RefreshResult;
  }

  /** Drops a person's scheduled change (the next evaluation of the person schedules it again). */
  forget(projectId: string, personId: string): void {
    this.due.delete(`${projectId}\u0000${personId}`);
  }

  /** When a person's next time-driven change is scheduled (epoch ms), if it is. */
  nextChangeOf(projectId: string, personId: string): number | undefined {
    return this.due.get(`${projectId}\u0000${personId}`);
  }

  private get changesWithinMs(): number {
    return this.deps.changesWithinMs ?? 86_400_000;
  }

  /** Remembers when these persons may next change by themselves (replacing what was scheduled for them). */
  private schedule(projectId: string, changes: readonly NextChange[]): void {
    for (const { personId, at } of changes) {
      const key = `${projectId}\u0000${personId}`;
      if (this.due.get(key) === at) continue;
      this.due.set(key, at);
      this.dueHeap.push(at, key);
    }
    this.arm();
  }

  private dropStale(): void {
    for (let key = this.dueHeap.peekKey(); key !== undefined; key = this.dueHeap.peekKey()) {
      const top = this.dueHeap.pop() as { key: number; value: string };
      if (this.due.get(top.value) === top.key) {
        this.dueHeap.push(top.key, top.value);
        return;
      }
    }
  }

  /** One timer, for the earliest scheduled change. */
  private arm(): void {
    if (this.stopped) return;
    this.dropStale();
    const next = this.dueHeap.peekKey();
    if (next === undefined || next >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = next;
    // setTimeout holds at most about 24.8 days; the timer re-arms when it fires early.
    const delay = Math.min(Math.max(0, next - this.deps.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
      this.timer = undefined;
      this.expireDue();
    }, delay);
    this.timer.unref();
  }

  /** Re-evaluates the persons whose scheduled change has come (called by the timer; tests call it directly). */
  expireDue(): number {
    const now = this.deps.now();
    const byProject = new Map<string, string[]>();
    let count = 0;
    for (let at = this.dueHeap.peekKey(); at !== undefined && at <= now; at = this.dueHeap.peekKey()) {
      const { key, value } = this.dueHeap.pop() as { key: number; value: string };
      if (this.due.get(value) !== key) continue;
      this.due.delete(value);
      const [projectId, personId] = value.split('\u0000') as [string, string];
      let persons = byProject.get(projectId);
      if (!persons) byProject.set(projectId, (persons = []));
      persons.push(personId);
      count += 1;
    }
    for (const [projectId, persons] of byProject) this.notify(projectId, persons);
    this.arm();
    return count;
  }

  private async work(): Promise<void> {
    while (this.pending.size > 0) {
      const [projectId, entry] = this.pending.entries().next().value as [
        string,
        { persons: Map<string, boolean>; since: number },
      ];
      this.pending.delete(projectId);
      try {
        await this.evaluate(projectId, entry.persons, entry.since);
      } catch (error) {
        this.deps.onError(`real-time segments of project "${projectId}" could not be updated`, error);
      }
    }
    await this.flushWhole(false);
  }

  private async evaluate(projectId: string, persons: Map<string, boolean>, storedAt: number): Promise<void> {
    const { segments: store } = this.deps;
    const saved = await listSegments(store, projectId);
    if (saved.length === 0) return;
    const namesRecorded = saved.some((s) => RECORDED_NAMES.test(JSON.stringify(s.condition)));
    const personIds = [...persons].filter(([, active]) => active || namesRecorded).map(([p]) => p);
    if (personIds.length === 0) return;
    const byPerson = await this.deps.identities.distinctIdsOfMany(projectId, personIds);
    const distinctIds = [...byPerson.values()].flat();
    if (distinctIds.length === 0) return;
    this.stats.batches += 1;
    this.stats.persons += byPerson.size;
    const now = this.deps.now();
    const perPerson: Segment[] = [];
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
      const { results, nextChanges } = await this.record(projectId, perPerson, now, {
        distinctIds,
        changesWithinMs: this.changesWithinMs,
      });
      for (const r of results) this.stats.changes += r.entered + r.exited;
      // What was scheduled for these persons is replaced by what this evaluation found.
      for (const personId of byPerson.keys()) this.due.delete(`${projectId}\u0000${personId}`);
      this.schedule(projectId, nextChanges);
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
        const r = await this.refresh(projectId, { ...segment, condition }, now);
        this.stats.changes += r.entered + r.exited;
      } catch (error) {
        this.deps.onError(`segment "${id}" of project "${projectId}" could not be updated`, error);
      }
    }
  }
}
