// The profile endpoints the dashboard uses (docs/api.md#profiles): search, one unified customer, the segments they
// are in, and their cross-channel timeline. A profile and a timeline event are the engine's types.

import type { ProfileView as Profile, TimelineEvent } from 'waymark/types';
import { request } from './client.js';

export type { Profile, TimelineEvent };
export type { JsonValue as TraitValue } from 'waymark/types';

export interface ProfileSearch {
  /** Text anywhere in the traits. */
  q?: string;
  /** A trait equal to a value. */
  trait?: { key: string; value: string };
  limit: number;
  offset: number;
}

export interface ProfilePage {
  total: number;
  limit: number;
  offset: number;
  profiles: Profile[];
}

export interface TimelinePage {
  personId: string;
  events: TimelineEvent[];
  /** The `before` of the next (older) page; null on the last one. */
  next: string | null;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const profilePath = (project: string, id: string, tail = '', query = '') =>
  `/api/profiles/${encodeURIComponent(id)}${tail}?project=${encodeURIComponent(project)}${query}`;

export function searchProfiles(project: string, search: ProfileSearch, signal?: AbortSignal): Promise<ProfilePage> {
  const params = new URLSearchParams({ project, limit: String(search.limit), offset: String(search.offset) });
  if (search.q) params.set('q', search.q);
  if (search.trait) params.set('trait', `${search.trait.key}:${search.trait.value}`);
  return request<ProfilePage>('GET', `/api/profiles?${params.toString()}`, withSignal(signal));
}

export const getProfile = (project: string, id: string, signal?: AbortSignal) =>
  request<Profile>('GET', profilePath(project, id), withSignal(signal));

export async function profileSegments(
  project: string,
  id: string,
  signal?: AbortSignal,
): Promise<{ id: string; name: string }[]> {
  const answer = await request<{ segments: { id: string; name: string }[] }>(
    'GET',
    profilePath(project, id, '/segments'),
    withSignal(signal),
  );
  return answer.segments;
}

export const profileTimeline = (
  project: string,
  id: string,
  page: { limit: number; before?: string },
  signal?: AbortSignal,
) =>
  request<TimelinePage>(
    'GET',
    profilePath(
      project,
      id,
      '/timeline',
      `&limit=${page.limit}${page.before ? `&before=${encodeURIComponent(page.before)}` : ''}`,
    ),
    withSignal(signal),
  );
