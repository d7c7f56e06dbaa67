// Keeps recently seen distinct ids and persons in memory in front of the state store, so that steady traffic from
// known customers resolves without a query per id. It only ever holds committed state: entries come from the
// store, or from changes after their transaction committed; on any failure the pipeline clears it.

import { LruMap } from '../core/lru.js';
import type { IdentityChanges, IdentityRepository, PersonRecord } from '../state/repositories/identities.js';
import type { IdentityLookup } from './identity.js';

const key = (projectId: string, id: string): string => `${projectId}\u0000${id}`;

export class IdentityCache {
  private readonly ids: LruMap<string, string>;
  private readonly persons: LruMap<string, { createdAt: number; identified: boolean }>;

  constructor(capacity = 500_000) {
    this.ids = new LruMap(capacity);
    this.persons = new LruMap(capacity);
  }

  /** Lookups through the cache, falling back to `repo` for what it does not hold. */
  front(repo: IdentityRepository): IdentityLookup {
    return {
      lookup: async (projectId, distinctIds) => {
        const out = new Map<string, PersonRecord>();
        const misses: string[] = [];
        for (const id of distinctIds) {
          const personId = this.ids.get(key(projectId, id));
          const person = personId === undefined ? undefined : this.persons.get(key(projectId, personId));
          // A copy: resolution marks persons identified before anything is committed.
          if (personId !== undefined && person !== undefined) out.set(id, { personId, ...person });
          else misses.push(id);
        }
        if (misses.length > 0) {
          for (const [id, p] of await repo.lookup(projectId, misses)) {
            out.set(id, p);
            this.ids.set(key(projectId, id), p.personId);
            this.persons.set(key(projectId, p.personId), { createdAt: p.createdAt, identified: p.identified });
          }
        }
        return out;
      },
      distinctIdsOf: (projectId, personId) => repo.distinctIdsOf(projectId, personId),
    };
  }

  /** Applies changes whose transaction has committed. */
  commit(projectId: string, changes: IdentityChanges): void {
    for (const p of changes.newPersons) {
      this.persons.set(key(projectId, p.personId), { createdAt: p.createdAt, identified: p.identified });
    }
    for (const m of changes.mappings) this.ids.set(key(projectId, m.distinctId), m.personId);
    for (const id of changes.identified) {
      const p = this.persons.get(key(projectId, id));
      if (p) p.identified = true;
    }
    for (const id of changes.deletedPersons) this.persons.delete(key(projectId, id));
  }

  clear(): void {
    this.ids.clear();
    this.persons.clear();
  }
}
