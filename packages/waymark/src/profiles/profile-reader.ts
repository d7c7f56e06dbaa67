// Reads the unified customer: a profile by person or distinct id, its cross-channel timeline from the warehouse,
// and search by trait, distinct id or text.

import type { JsonValue } from '../core/event.js';
import { traitValues, type Profile } from '../core/profile.js';
import { fromWarehouseTime } from '../core/time.js';
import type { ProfileSearch } from '../state/repositories/profiles.js';
import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { ProfileView, TimelineEvent } from './profile-view.js';

export type { ProfileView, TimelineEvent } from './profile-view.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export class ProfileReader {
  constructor(
    private readonly state: StateStore,
    private readonly warehouse: Warehouse,
  ) {}

  /** The person behind a person id or any of its distinct ids. */
  async resolvePerson(projectId: string, id: string): Promise<string | undefined> {
    if (await this.state.identities.person(projectId, id)) return id;
    return (await this.state.identities.lookup(projectId, [id])).get(id)?.personId;
  }

  async get(projectId: string, id: string): Promise<ProfileView | undefined> {
    const personId = await this.resolvePerson(projectId, id);
    if (personId === undefined) return undefined;
    const profile = (await this.state.profiles.get(projectId, [personId])).get(personId);
    if (profile === undefined) return undefined;
    return this.view(profile);
  }

  async search(projectId: string, search: ProfileSearch): Promise<{ total: number; profiles: ProfileView[] }> {
    const { total, profiles } = await this.state.profiles.search(projectId, search);
    return { total, profiles: await Promise.all(profiles.map((p) => this.view(p))) };
  }

  /** The person's events across all their distinct ids, newest first; `before` pages back in time. */
  async timeline(
    projectId: string,
    personId: string,
    options: { limit: number; before?: number },
  ): Promise<TimelineEvent[]> {
    const ids = await this.state.identities.distinctIdsOf(projectId, personId);
    if (ids.length === 0) return [];
    const db = this.warehouse.database;
    const rows = await this.warehouse.query<Record<string, string | number>>(
      `SELECT message_id, type, event, timestamp, distinct_id, properties, channel, source, medium, campaign,
              device_type, path, revenue
       FROM ${db}.events
       WHERE project_id = {project:String} AND distinct_id IN {ids:Array(String)}
         AND timestamp < fromUnixTimestamp64Milli({before:Int64}, 'UTC')
       ORDER BY timestamp DESC, message_id
       LIMIT {limit:UInt32}`,
      { project: projectId, ids, before: options.before ?? 8_000_000_000_000, limit: options.limit },
    );
    return rows.map((r) => ({
      messageId: String(r['message_id']),
      type: String(r['type']),
      event: String(r['event']),
      timestamp: iso(fromWarehouseTime(String(r['timestamp']))),
      distinctId: String(r['distinct_id']),
      properties: JSON.parse(String(r['properties'])) as Record<string, JsonValue>,
      channel: String(r['channel']),
      source: String(r['source']),
      medium: String(r['medium']),
      campaign: String(r['campaign']),
      deviceType: String(r['device_type']),
      path: String(r['path']),
      revenue: Number(r['revenue']),
    }));
  }

  private async view(profile: Profile): Promise<ProfileView> {
    const [distinctIds, person] = await Promise.all([
      this.state.identities.distinctIdsOf(profile.projectId, profile.personId),
      this.state.identities.person(profile.projectId, profile.personId),
    ]);
    return {
      personId: profile.personId,
      distinctIds,
      identified: person?.identified ?? false,
      traits: traitValues(profile),
      traitsChangedAt: Object.fromEntries(Object.entries(profile.traits).map(([k, t]) => [k, iso(t.changedAt)])),
      firstSeen: iso(profile.firstSeen),
      lastSeen: iso(profile.lastSeen),
      sessions: profile.sessions,
      eventCount: profile.eventCount,
      eventCounts: profile.eventCounts,
      revenue: profile.revenue,
      channels: profile.channels,
      devices: profile.devices,
    };
  }
}
