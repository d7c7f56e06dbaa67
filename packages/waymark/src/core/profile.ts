// A profile is the unified customer: a fold over the person's events. The same fold serves live ingest (one batch
// at a time) and rebuilds from the warehouse, so the two can never disagree on what a profile means.

import type { EventRow, JsonValue } from './event.js';
import { RECORDED_EVENTS } from './event.js';
import { MINUTE_MS } from './time.js';

export interface TraitValue {
  value: JsonValue;
  /** When the trait took its current value (event time). */
  changedAt: number;
  /** Event time of the latest event that stated the trait; older events never overwrite newer ones. */
  seenAt: number;
}

export interface DeviceSeen {
  type: string;
  os: string;
  browser: string;
}

export interface Profile {
  projectId: string;
  personId: string;
  traits: Record<string, TraitValue>;
  firstSeen: number;
  lastSeen: number;
  sessions: number;
  eventCount: number;
  eventCounts: Record<string, number>;
  revenue: number;
  /** Channels in the order first seen; the first is the acquisition channel. */
  channels: string[];
  devices: DeviceSeen[];
}

export const DEFAULT_SESSION_GAP_MS = 30 * MINUTE_MS;
const MAX_LIST = 50;

export function emptyProfile(projectId: string, personId: string): Profile {
  return {
    projectId,
    personId,
    traits: {},
    firstSeen: 0,
    lastSeen: 0,
    sessions: 0,
    eventCount: 0,
    eventCounts: {},
    revenue: 0,
    channels: [],
    devices: [],
  };
}

/** The part of an event a profile needs. */
export type ProfileEvent = Pick<
  EventRow,
  'timestamp' | 'event' | 'traits' | 'revenue' | 'channel' | 'device_type' | 'os' | 'browser'
>;

/**
 * Folds one event into a profile (mutating it). Sessions count gaps longer than `sessionGapMs`; they are exact when
 * events arrive in time order, as rebuilds feed them, and close to exact for live traffic.
 */
export function applyEvent(profile: Profile, event: ProfileEvent, sessionGapMs = DEFAULT_SESSION_GAP_MS): void {
  // Segment membership changes are Waymark's bookkeeping, not something the customer did.
  if (RECORDED_EVENTS.includes(event.event)) return;
  const t = event.timestamp;
  if (profile.eventCount === 0) {
    profile.firstSeen = t;
    profile.lastSeen = t;
    profile.sessions = 1;
  } else if (t > profile.lastSeen) {
    if (t - profile.lastSeen > sessionGapMs) profile.sessions += 1;
    profile.lastSeen = t;
  } else if (t < profile.firstSeen) {
    if (profile.firstSeen - t > sessionGapMs) profile.sessions += 1;
    profile.firstSeen = t;
  }
  profile.eventCount += 1;
  profile.eventCounts[event.event] = (profile.eventCounts[event.event] ?? 0) + 1;
  profile.revenue = roundMoney(profile.revenue + event.revenue);
  if (event.channel !== '' && !profile.channels.includes(event.channel) && profile.channels.length < MAX_LIST) {
    profile.channels.push(event.channel);
  }
  if (event.device_type !== '') {
    const seen = profile.devices.some(
      (d) => d.type === event.device_type && d.os === event.os && d.browser === event.browser,
    );
    if (!seen && profile.devices.length < MAX_LIST) {
      profile.devices.push({ type: event.device_type, os: event.os, browser: event.browser });
    }
  }
  if (event.traits !== '{}' && event.traits !== '')
    applyTraits(profile, JSON.parse(event.traits) as Record<string, JsonValue>, t);
}

export function applyTraits(profile: Profile, traits: Record<string, JsonValue>, at: number): void {
  for (const [key, value] of Object.entries(traits)) {
    const current = profile.traits[key];
    if (current === undefined) {
      profile.traits[key] = { value, changedAt: at, seenAt: at };
    } else if (at >= current.seenAt) {
      if (!sameJson(current.value, value)) current.changedAt = at;
      current.value = value;
      current.seenAt = at;
    }
  }
}

/** Combines the profiles of two persons being merged into `into`'s person. */
export function mergeProfiles(into: Profile, from: Profile): Profile {
  if (from.eventCount === 0) return into;
  if (into.eventCount === 0) return { ...from, personId: into.personId, projectId: into.projectId };
  // Lists keep the order first seen, so the profile seen first leads (its first channel is the acquisition channel).
  const [earlier, later] = from.firstSeen < into.firstSeen ? [from, into] : [into, from];
  const merged: Profile = {
    projectId: into.projectId,
    personId: into.personId,
    traits: { ...into.traits },
    firstSeen: Math.min(into.firstSeen, from.firstSeen),
    lastSeen: Math.max(into.lastSeen, from.lastSeen),
    // Overlapping activity is rebuilt exactly from the warehouse after a merge; the sum is the upper bound.
    sessions: into.sessions + from.sessions,
    eventCount: into.eventCount + from.eventCount,
    eventCounts: { ...into.eventCounts },
    revenue: roundMoney(into.revenue + from.revenue),
    channels: [...earlier.channels],
    devices: [...earlier.devices],
  };
  for (const [name, n] of Object.entries(from.eventCounts))
    merged.eventCounts[name] = (merged.eventCounts[name] ?? 0) + n;
  for (const [key, trait] of Object.entries(from.traits)) {
    const mine = merged.traits[key];
    if (mine === undefined || trait.seenAt > mine.seenAt) merged.traits[key] = { ...trait };
  }
  for (const c of later.channels) {
    if (!merged.channels.includes(c) && merged.channels.length < MAX_LIST) merged.channels.push(c);
  }
  for (const d of later.devices) {
    const seen = merged.devices.some((x) => x.type === d.type && x.os === d.os && x.browser === d.browser);
    if (!seen && merged.devices.length < MAX_LIST) merged.devices.push(d);
  }
  return merged;
}

/** Trait values without their bookkeeping, as APIs show them. */
export function traitValues(profile: Profile): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(profile.traits).map(([k, t]) => [k, t.value]));
}

function roundMoney(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
