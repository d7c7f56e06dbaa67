// Which segments each person is in right now, in memory, for decisions that must answer in a millisecond. Loaded
// per project from the recorded membership on first use, then kept current with every change recorded.

import type { MembershipChange } from './membership.js';

export class MembershipIndex {
  private readonly projects = new Map<string, Map<string, Set<string>>>();
  private readonly loading = new Map<string, { promise: Promise<void>; changes: MembershipChange[] }>();

  constructor(private readonly load: (projectId: string) => Promise<{ personId: string; segmentId: string }[]>) {}

  /** The segments of a person, loading the project's index first if needed. */
  async segmentsOf(projectId: string, personId: string): Promise<ReadonlySet<string>> {
    const index = this.projects.get(projectId) ?? (await this.ensure(projectId));
    return index.get(personId) ?? EMPTY;
  }

  /** Loads a project's index once; changes recorded while it loads are applied after. */
  async ensure(projectId: string): Promise<Map<string, Set<string>>> {
    const ready = this.projects.get(projectId);
    if (ready) return ready;
    let pending = this.loading.get(projectId);
    if (!pending) {
      const changes: MembershipChange[] = [];
      const promise = this.load(projectId).then(
        (rows) => {
          const index = new Map<string, Set<string>>();
          for (const r of rows) add(index, r.personId, r.segmentId);
          for (const c of changes) apply(index, c);
          this.projects.set(projectId, index);
          this.loading.delete(projectId);
        },
        (error: unknown) => {
          this.loading.delete(projectId);
          throw error;
        },
      );
      pending = { promise, changes };
      this.loading.set(projectId, pending);
    }
    await pending.promise;
    return this.projects.get(projectId) as Map<string, Set<string>>;
  }

  /** Applies recorded changes (ignored for projects not loaded: they load from the record). */
  apply(projectId: string, changes: readonly MembershipChange[]): void {
    const index = this.projects.get(projectId);
    if (index) for (const c of changes) apply(index, c);
    else this.loading.get(projectId)?.changes.push(...changes);
  }

  /** Drops a project's index (it reloads on next use). */
  forget(projectId: string): void {
    this.projects.delete(projectId);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function add(index: Map<string, Set<string>>, personId: string, segmentId: string): void {
  let set = index.get(personId);
  if (!set) index.set(personId, (set = new Set()));
  set.add(segmentId);
}

function apply(index: Map<string, Set<string>>, c: MembershipChange): void {
  if (c.entered) add(index, c.personId, c.segmentId);
  else {
    const set = index.get(c.personId);
    set?.delete(c.segmentId);
    if (set?.size === 0) index.delete(c.personId);
  }
}
