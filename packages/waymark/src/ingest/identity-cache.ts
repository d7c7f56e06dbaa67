// Keeps recently seen distinct ids and persons in memory in front of the state store, so that steady traffic from
// known customers resolves without a query per id. It only ever holds committed state: entries come from the
// store, or from changes after their transaction committed; on any failure the pipeline clears it.

import { LruMap } from '../core/lru.js';
import type { IdentityChanges, IdentityRepository, PersonRecord } from '../state/repositories/identities.js';
import type { IdentityLookup } from './identity.js';

interface ProjectCache {
  ids: LruMap<string, string>;
  persons: LruMap<string, { createdAt: number; identified: boolean }>;
}

export class IdentityCache {
  // One cache per project rather than composite keys: building a key string per lookup cost more than the lookup.
  private readonly projects = new Map<string, ProjectCache>();

  constructor(private readonly capacity = 500_000) {}

  private of(projectId: string): ProjectCache {
    let c = this.projects.get(projectId);
    if (c === undefined) {
      c = { ids: new LruMap(this.capacity), persons: new LruMap(this.capacity) };
      this.projects.set(projectId, c);
    }
    return c;
  }

  /** Lookups through the cache, falling back to `repo` for what it does not hold. */
  front(repo: IdentityRepository): IdentityLookup {
    return {
      lookup: async (projectId, distinctIds) => {
        const out = new Map<string, PersonRecord>();
        const misses: string[] = [];
        const cache = this.of(projectId);
        for (const id of distinctIds) {
          const personId = cache.ids.get(id);
          const person = personId === undefined ? undefined : cache.persons.get(personId);
          // A copy: resolution marks persons identified before anything is committed.
          if (personId !== undefined && person !== undefined) out.set(id, { personId, ...person });
          else misses.push(id);
        }
        if (misses.length > 0) {
          for (const [id, p] of await repo.lookup(projectId, misses)) {
            out.set(id, p);
            cache.ids.set(id, p.personId);
            cache.persons.set(p.personId, { createdAt: p.createdAt, identified: p.identified });
          }
        }
        return out;
      },
      distinctIdsOf: (projectId, personId) => repo.distinctIdsOf(projectId, personId),
    };
  }

  /** Applies changes whose transaction has committed. */
  commit(projectId: string, changes: IdentityChanges): void {
    const cache = this.of(projectId);
    for (const p of changes.newPersons) {
      cache.persons.set(p.personId, { createdAt: p.createdAt, identified: p.identified });
    }
    for (const m of changes.mappings) cache.ids.set(m.distinctId, m.personId);
    for (const id of changes.identified) {
      const p = cache.persons.get(id);
      if (p) p.identified = true;
    }
    for (const id of changes.deletedPersons) cache.persons.delete(id);
  }

  clear(): void {
    this.projects.clear();
  }
}
