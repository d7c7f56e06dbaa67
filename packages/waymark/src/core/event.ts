// The event model: Segment Spec calls as they arrive, and the normalized row Waymark stores for each of them.

export const CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A Segment Spec call after validation. Times are ISO-8601 strings (or epoch ms numbers) as sent. */
export interface SegmentCall {
  type: CallType;
  messageId?: string;
  anonymousId?: string | number;
  userId?: string | number;
  event?: string;
  name?: string;
  category?: string;
  properties?: JsonObject;
  traits?: JsonObject;
  context?: JsonObject;
  integrations?: JsonObject;
  timestamp?: string | number;
  originalTimestamp?: string | number;
  sentAt?: string | number;
  receivedAt?: string | number;
  groupId?: string | number;
  previousId?: string | number;
}

/** Names Waymark gives the calls that are not `track`, so they can be used as steps like any event. */
/**
 * Events Waymark records itself when a person enters or leaves a segment. They are part of the person's story
 * (timeline, funnels, triggers) but not customer activity: profiles, engagement and "any event" leave them out.
 */
export const MEMBERSHIP_EVENTS = ['Segment Entered', 'Segment Exited'] as const;

/**
 * Events Waymark records when the decision API shows a person a variant: `Experiment Viewed` (the Segment spec's
 * name) when an experiment chose it, `Slot Viewed` otherwise. Like membership events, not customer activity.
 */
export const EXPOSURE_EVENTS = ['Experiment Viewed', 'Slot Viewed'] as const;

/** Every event Waymark records itself: never counted as activity. */
export const RECORDED_EVENTS: readonly string[] = [...MEMBERSHIP_EVENTS, ...EXPOSURE_EVENTS];

export const SYSTEM_EVENT_NAMES: Readonly<Record<Exclude<CallType, 'track'>, string>> = {
  page: '$page',
  screen: '$screen',
  identify: '$identify',
  group: '$group',
  alias: '$alias',
};

/**
 * One stored event: a row of the warehouse `events` table. Times are epoch milliseconds (UTC); JSON blocks are kept
 * as JSON text; derived columns are empty strings when unknown.
 */
export interface EventRow {
  project_id: string;
  message_id: string;
  type: CallType;
  event: string;
  /** userId when known, else anonymousId: the id the event is filed under. */
  distinct_id: string;
  anonymous_id: string;
  user_id: string;
  /** The person the distinct id belonged to at ingest; reads resolve the current person through the identity map. */
  person_id: string;
  timestamp: number;
  /** The timestamp as the client sent it, before clock-skew correction. */
  original_timestamp: number;
  sent_at: number | null;
  received_at: number;
  properties: string;
  traits: string;
  context: string;
  group_id: string;
  previous_id: string;
  channel: string;
  source: string;
  medium: string;
  campaign: string;
  term: string;
  content: string;
  referrer_domain: string;
  url: string;
  path: string;
  device_type: string;
  os: string;
  browser: string;
  country: string;
  locale: string;
  revenue: number;
  currency: string;
}

/** An event on its way in: normalized, not yet tied to a person. */
export type IncomingEvent = Omit<EventRow, 'person_id'>;

/**
 * What storing an event needs besides its warehouse line: ids for identity resolution and deduplication, and the
 * fields profiles fold. Small enough to pass between threads cheaply.
 */
export type EventSummary = Pick<
  IncomingEvent,
  | 'message_id'
  | 'type'
  | 'event'
  | 'distinct_id'
  | 'anonymous_id'
  | 'user_id'
  | 'previous_id'
  | 'timestamp'
  | 'traits'
  | 'revenue'
  | 'channel'
  | 'device_type'
  | 'os'
  | 'browser'
>;

export function summarize(e: IncomingEvent): EventSummary {
  return {
    message_id: e.message_id,
    type: e.type,
    event: e.event,
    distinct_id: e.distinct_id,
    anonymous_id: e.anonymous_id,
    user_id: e.user_id,
    previous_id: e.previous_id,
    timestamp: e.timestamp,
    traits: e.traits,
    revenue: e.revenue,
    channel: e.channel,
    device_type: e.device_type,
    os: e.os,
    browser: e.browser,
  };
}
