// Identity resolution: ties every distinct id to one person. Calls that carry both a userId and an anonymousId
// link them (the anonymous history joins the user); `alias` merges explicitly. Two persons that both carry a
// userId are never merged implicitly. When two persons merge, the older one survives.

import type { IncomingEvent } from '../core/event.js';
import type { IdentityChanges, IdentityRepository, PersonRecord } from '../state/repositories/identities.js';

export interface Merge {
  /** The person that disappears. */
  from: string;
  /** The surviving (older) person. */
  into: string;
}

export interface IdentityResolution {
  /** Person of each event, by index. */
  personIds: string[];
  changes: IdentityChanges;
  merges: Merge[];
}

/** The reads identity resolution needs: the repository, or a cache in front of it. */
export type IdentityLookup = Pick<IdentityRepository, 'lookup' | 'distinctIdsOf'>;

export interface IdentityContext {
  projectId: string;
  repo: IdentityLookup;
  now: number;
  /** Next identity-map version; resolution takes versions from here upward. */
  nextVersion: number;
  newPersonId: () => string;
}

type IdentityEvent = Pick<
  IncomingEvent,
  'type' | 'distinct_id' | 'anonymous_id' | 'user_id' | 'previous_id' | 'timestamp'
>;

export async function resolveIdentities(
  events: readonly IdentityEvent[],
  ctx: IdentityContext,
): Promise<IdentityResolution> {
  const ids = new Set<string>();
  for (const e of events) {
    ids.add(e.distinct_id);
    if (e.anonymous_id !== '') ids.add(e.anonymous_id);
    if (e.previous_id !== '') ids.add(e.previous_id);
  }
  const known = await ctx.repo.lookup(ctx.projectId, [...ids]);
  const persons = new Map<string, PersonRecord>();
  for (const p of known.values()) persons.set(p.personId, p);
  const map = new Map<string, string>([...known].map(([d, p]) => [d, p.personId]));

  const newPersons = new Map<string, PersonRecord>();
  const mappings = new Map<string, { distinctId: string; personId: string; version: number }>();
  const identified = new Set<string>();
  const deleted = new Set<string>();
  const merges: Merge[] = [];
  let version = ctx.nextVersion;

  const assign = (distinctId: string, personId: string): void => {
    map.set(distinctId, personId);
    mappings.set(distinctId, { distinctId, personId, version: version++ });
  };
  const createPerson = (isIdentified: boolean, at: number): string => {
    const person: PersonRecord = {
      personId: ctx.newPersonId(),
      createdAt: Math.min(at, ctx.now),
      identified: isIdentified,
    };
    persons.set(person.personId, person);
    newPersons.set(person.personId, person);
    return person.personId;
  };
  const markIdentified = (personId: string): void => {
    const p = persons.get(personId);
    if (p && !p.identified) {
      p.identified = true;
      if (!newPersons.has(personId)) identified.add(personId);
    }
  };
  const merge = async (a: string, b: string): Promise<string> => {
    const pa = persons.get(a) as PersonRecord;
    const pb = persons.get(b) as PersonRecord;
    const older = pa.createdAt < pb.createdAt || (pa.createdAt === pb.createdAt && a < b);
    const [into, from] = older ? [pa, pb] : [pb, pa];
    const fromIds = new Set(await ctx.repo.distinctIdsOf(ctx.projectId, from.personId));
    for (const [d, p] of map) if (p === from.personId) fromIds.add(d);
    for (const d of fromIds) assign(d, into.personId);
    if (from.identified) markIdentified(into.personId);
    persons.delete(from.personId);
    if (newPersons.delete(from.personId) === false) deleted.add(from.personId);
    identified.delete(from.personId);
    merges.push({ from: from.personId, into: into.personId });
    return into.personId;
  };

  /** Links `anonymousId` to the person of `userId`; `explicit` (alias) may merge two identified persons. */
  const link = async (userId: string, otherId: string, explicit: boolean, at: number): Promise<void> => {
    const pu = map.get(userId);
    const po = map.get(otherId);
    if (pu === undefined && po === undefined) {
      const p = createPerson(true, at);
      assign(otherId, p);
      assign(userId, p);
    } else if (pu === undefined && po !== undefined) {
      if (!explicit && persons.get(po)?.identified) {
        // The anonymous id already belongs to another user (a shared device): the new user gets a person of their own.
        assign(userId, createPerson(true, at));
        return;
      }
      assign(userId, po);
      markIdentified(po);
    } else if (pu !== undefined && po === undefined) {
      assign(otherId, pu);
    } else if (pu !== po && pu !== undefined && po !== undefined) {
      if (explicit || !persons.get(po)?.identified) await merge(pu, po);
    }
  };

  for (const e of events) {
    if (e.type === 'alias') {
      await link(e.user_id, e.previous_id, true, e.timestamp);
    } else if (e.user_id !== '' && e.anonymous_id !== '' && e.user_id !== e.anonymous_id) {
      await link(e.user_id, e.anonymous_id, false, e.timestamp);
    } else if (!map.has(e.distinct_id)) {
      assign(e.distinct_id, createPerson(e.user_id !== '', e.timestamp));
    }
  }

  return {
    personIds: events.map((e) => map.get(e.distinct_id) as string),
    changes: {
      newPersons: [...newPersons.values()],
      mappings: [...mappings.values()],
      identified: [...identified],
      deletedPersons: [...deleted],
    },
    merges,
  };
}
