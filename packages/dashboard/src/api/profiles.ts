// The profile endpoints the dashboard uses (docs/api.md#profiles): search, one unified customer, the segments they
// are in, and their cross-channel timeline.

import { request } from './client.js';

export type TraitValue = string | number | boolean | null | TraitValue[] | { [key: string]: TraitValue };

export interface Profile {
  personId: string;
  distinctIds: string[];
  identified: boolean;
  traits: Record<string, TraitValue>;
  traitsChangedAt: Record<string, string>;
  firstSeen: string;
  lastSeen: string;
  sessions: number;
  eventCount: number;
  eventCounts: Record<string, number>;
  revenue: number;
  channels: string[];
  devices: { type: string; os: string; browser: string }[];
}

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

export interface TimelineEvent {
  messageId: string;
  type: string;
  event: string;
  timestamp: string;
  distinctId: string;
  properties: Record<string, TraitValue>;
  channel: string;
  source: string;
  medium: string;
  campaign: string;
  deviceType: string;
  path: string;
  revenue: number;
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
