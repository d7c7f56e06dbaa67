// The unified customer and their timeline as the API and the library hand them out (times as ISO strings). Kept
// apart from the profile reader so that clients can import these shapes without its store and warehouse types.

import type { JsonValue } from '../core/event.js';
import type { Profile } from '../core/profile.js';

export interface ProfileView {
  personId: string;
  distinctIds: string[];
  identified: boolean;
  traits: Record<string, JsonValue>;
  traitsChangedAt: Record<string, string>;
  firstSeen: string;
  lastSeen: string;
  sessions: number;
  eventCount: number;
  eventCounts: Record<string, number>;
  revenue: number;
  channels: string[];
  devices: Profile['devices'];
}

export interface TimelineEvent {
  messageId: string;
  type: string;
  event: string;
  timestamp: string;
  distinctId: string;
  properties: Record<string, JsonValue>;
  channel: string;
  source: string;
  medium: string;
  campaign: string;
  deviceType: string;
  path: string;
  revenue: number;
}
