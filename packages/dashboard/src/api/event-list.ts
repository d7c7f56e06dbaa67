// The project's event names, an event's property keys and the profile traits in use, as the builders' pickers need
// them: each asked of the server once per browser session and shared by every view (one request in flight, reused
// for five minutes), so that opening a view runs its analysis at once instead of first waiting for its pickers.

import type { EventName } from 'waymark/types';
import { request } from './client.js';
import { SessionCache } from './session-cache.js';

/** How long an answer is reused before the next ask loads it again. */
export const LIST_MAX_AGE_MS = 5 * 60_000;
/** How far back the event list looks. */
export const EVENT_LIST_DAYS = 180;
/** Profiles sampled for the trait names (the server has no trait catalog). */
const TRAIT_SAMPLE = 200;

/** One event name of the catalog (`GET /api/events`), most frequent first: the engine's type. */
export type CatalogEvent = EventName;

/** The calls that say who someone is rather than what they did; analyses of "every event" leave them out. */
const IDENTITY_CALLS = ['$identify', '$alias', '$group'];

/** The names of the events customers do: not identity calls, not what Waymark records itself. */
export function behaviouralNames(events: Pick<CatalogEvent, 'name' | 'recorded'>[]): string[] {
  return events.filter((e) => !e.recorded && !IDENTITY_CALLS.includes(e.name)).map((e) => e.name);
}

/** The trait names of sampled profiles, sorted, without Waymark's own (`$…`). */
export function traitNamesOf(profiles: { traits: Record<string, unknown> }[]): string[] {
  const names = new Set(profiles.flatMap((p) => Object.keys(p.traits)));
  return [...names].filter((n) => !n.startsWith('$')).sort((a, b) => a.localeCompare(b));
}

const q = (project: string) => `project=${encodeURIComponent(project)}`;

const catalog = new SessionCache(
  async (project: string) =>
    (await request<{ events: CatalogEvent[] }>('GET', `/api/events?${q(project)}&days=${EVENT_LIST_DAYS}`)).events,
  LIST_MAX_AGE_MS,
);

const properties = new SessionCache(async ({ project, event }: { project: string; event: string }) => {
  const path = `/api/events/${encodeURIComponent(event)}/properties?${q(project)}`;
  const answer = await request<{ properties: { property: string; count: number }[] }>('GET', path);
  return answer.properties.map((p) => p.property);
}, LIST_MAX_AGE_MS);

const traits = new SessionCache(async (project: string) => {
  const page = await request<{ profiles: { traits: Record<string, unknown> }[] }>(
    'GET',
    `/api/profiles?${q(project)}&limit=${TRAIT_SAMPLE}&offset=0`,
  );
  return traitNamesOf(page.profiles);
}, LIST_MAX_AGE_MS);

/** Every event name of the last 180 days with its count, Waymark's own included. */
export const catalogEvents = (project: string, signal?: AbortSignal) => catalog.get(project, signal);

/** The event names of the last 180 days, most frequent first, Waymark's own included (funnel steps may use them). */
export async function catalogEventNames(project: string, signal?: AbortSignal): Promise<string[]> {
  return (await catalogEvents(project, signal)).map((e) => e.name);
}

/** The names of the events customers did in the last 180 days, most frequent first (see `behaviouralNames`). */
export async function behaviouralEventNames(project: string, signal?: AbortSignal): Promise<string[]> {
  return behaviouralNames(await catalogEvents(project, signal));
}

/** The property keys of one event in the last 90 days, most set first. */
export const eventPropertyKeys = (project: string, event: string, signal?: AbortSignal) =>
  properties.get({ project, event }, signal);

/** Trait names seen on a sample of the project's profiles. */
export const traitNames = (project: string, signal?: AbortSignal) => traits.get(project, signal);

/** Forget every list (on signing out: the next user may see other projects). */
export function clearEventLists(): void {
  catalog.clear();
  properties.clear();
  traits.clear();
}
