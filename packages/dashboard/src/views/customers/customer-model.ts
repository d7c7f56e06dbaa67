// One customer as the dashboard shows them: a name from their traits, traits as rows, what they did most, and their
// timeline grouped by day with each event's channel and its few telling properties. Also the search's inputs.

import type { Profile, ProfileSearch, TimelineEvent, TraitValue } from '../../api/profiles.js';
import type { ChartOption } from '../../charts/echarts.js';
import { formatAmount, formatCount } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { horizontalBarsOption } from '../../charts/bars.js';

/** The search box and the trait filter (`plan:gold`) as a profile search, or what is wrong with them. */
export function profileSearchOf(
  text: string,
  trait: string,
  page: { limit: number; offset: number },
): { search: ProfileSearch } | { problem: string } {
  const search: ProfileSearch = { ...page };
  if (text.trim() !== '') search.q = text.trim();
  if (trait.trim() !== '') {
    const i = trait.indexOf(':');
    if (i <= 0) return { problem: 'A trait filter looks like key:value, e.g. plan:gold.' };
    search.trait = { key: trait.slice(0, i).trim(), value: trait.slice(i + 1).trim() };
  }
  return { search };
}

const text = (v: TraitValue | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Who the customer is in a word: their name, else first + last name, else email, else an anonymous id. */
export function displayName(profile: Pick<Profile, 'traits' | 'personId' | 'distinctIds'>): string {
  const t = profile.traits;
  const full = [text(t['first_name']) ?? text(t['firstName']), text(t['last_name']) ?? text(t['lastName'])]
    .filter(Boolean)
    .join(' ');
  return text(t['name']) ?? (full || undefined) ?? text(t['email']) ?? `Anonymous ${profile.personId.slice(0, 8)}`;
}

/** A trait's value as text: lists joined with commas, objects as JSON. */
export function traitText(value: TraitValue): string {
  if (value === null) return '–';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Traits by name, with when each last changed. */
export function traitsTable(profile: Pick<Profile, 'traits' | 'traitsChangedAt'>): TableData {
  return {
    columns: [
      { key: 'trait', label: 'Trait' },
      { key: 'value', label: 'Value' },
      { key: 'changed', label: 'Changed' },
    ],
    rows: Object.keys(profile.traits)
      .sort((a, b) => a.localeCompare(b))
      .map((key) => ({
        trait: key,
        value: traitText(profile.traits[key] ?? null),
        changed: profile.traitsChangedAt[key]?.slice(0, 10) ?? null,
      })),
  };
}

/** Events the customer did, most frequent first (identify and the like included, as the profile counts them). */
export function eventCountRows(profile: Pick<Profile, 'eventCounts'>): { event: string; count: number }[] {
  return Object.entries(profile.eventCounts)
    .map(([event, count]) => ({ event, count }))
    .sort((a, b) => b.count - a.count || a.event.localeCompare(b.event));
}

export function eventCountsTable(profile: Pick<Profile, 'eventCounts'>): TableData {
  return {
    columns: [
      { key: 'event', label: 'Event' },
      { key: 'count', label: 'Times', numeric: true, format: (v) => formatCount(v as number) },
    ],
    rows: eventCountRows(profile),
  };
}

export function eventCountsOption(profile: Pick<Profile, 'eventCounts'>, top = 10): ChartOption {
  const rows = eventCountRows(profile).slice(0, top);
  return horizontalBarsOption(
    rows.map((r) => r.event),
    [{ name: 'Times', values: rows.map((r) => r.count) }],
    formatCount,
  );
}

/** Events by UTC day, newest day first, keeping the order within a day (newest first, as the API answers). */
export function timelineDays(events: TimelineEvent[]): { day: string; events: TimelineEvent[] }[] {
  const days: { day: string; events: TimelineEvent[] }[] = [];
  for (const e of events) {
    const day = e.timestamp.slice(0, 10);
    const last = days[days.length - 1];
    if (last && last.day === day) last.events.push(e);
    else days.push({ day, events: [e] });
  }
  return days;
}

/** An event's name as people read it: page views by their path, identify calls as "Identified". */
export function eventTitle(e: Pick<TimelineEvent, 'type' | 'event' | 'path' | 'properties'>): string {
  if (e.type === 'page' || e.event === '$page') return `Viewed ${e.path || text(e.properties['title']) || 'a page'}`;
  if (e.type === 'screen' || e.event === '$screen') return `Viewed screen ${text(e.properties['name']) ?? ''}`.trim();
  if (e.type === 'identify' || e.event === '$identify') return 'Identified';
  if (e.type === 'alias' || e.event === '$alias') return 'Linked another id';
  if (e.type === 'group' || e.event === '$group') return 'Joined a group';
  return e.event;
}

/** Where the event came from: channel, then campaign or source, then device. */
export function eventContext(e: Pick<TimelineEvent, 'channel' | 'campaign' | 'source' | 'deviceType'>): string[] {
  return [e.channel, e.campaign || e.source, e.deviceType].filter((x) => x !== '');
}

const PREFERRED = [
  'revenue',
  '$revenue',
  'order_id',
  'product',
  'product_name',
  'name',
  'category',
  'sku',
  'price',
  'quantity',
  'segment_name',
  'subject',
  'campaign',
  'query',
  'title',
  'plan',
];

/** Up to `limit` properties worth a glance: the well-known ones first, then short plain values; never long text. */
export function keyProperties(e: Pick<TimelineEvent, 'properties' | 'revenue'>, limit = 4): [string, string][] {
  const shown: [string, string][] = [];
  if (e.revenue) shown.push(['revenue', formatAmount(e.revenue)]);
  const keys = Object.keys(e.properties);
  const ordered = [...PREFERRED.filter((k) => keys.includes(k)), ...keys.filter((k) => !PREFERRED.includes(k)).sort()];
  for (const key of ordered) {
    if (shown.length >= limit) break;
    if ((key === 'revenue' || key === '$revenue') && e.revenue) continue;
    const value = e.properties[key];
    if (value === null || value === undefined || typeof value === 'object') continue;
    const s = String(value);
    if (s === '' || s.length > 60 || key === 'url' || key === 'referrer') continue;
    shown.push([key, s]);
  }
  return shown;
}

/** The events loaded so far as a table, for the CSV. */
export function timelineTable(events: TimelineEvent[]): TableData {
  return {
    columns: [
      { key: 'time', label: 'Time (UTC)' },
      { key: 'event', label: 'Event' },
      { key: 'type', label: 'Type' },
      { key: 'channel', label: 'Channel' },
      { key: 'device', label: 'Device' },
      { key: 'path', label: 'Path' },
      { key: 'revenue', label: 'Revenue', numeric: true },
      { key: 'distinctId', label: 'Id' },
    ],
    rows: events.map((e) => ({
      time: e.timestamp,
      event: e.event,
      type: e.type,
      channel: e.channel,
      device: e.deviceType,
      path: e.path,
      revenue: e.revenue,
      distinctId: e.distinctId,
    })),
  };
}
