// Turns a validated Segment call into the row Waymark stores: ids and times settled, clock skew corrected for
// live traffic, and the acquisition and device columns derived once.

import type { IncomingEvent, JsonObject, JsonValue, SegmentCall } from './event.js';
import { SYSTEM_EVENT_NAMES } from './event.js';
import { WaymarkError, err, ok, type Result } from './errors.js';
import { classifyTouch, type Touch } from './derive/channel.js';
import { detectDevice, type Device } from './derive/device.js';
import { memoize } from './memo.js';
import { domainOf, parseUrl, pathOf, queryParams } from './derive/url.js';
import { parseTime } from './time.js';

export interface NormalizeContext {
  projectId: string;
  /** When the server received the request (epoch ms). */
  receivedAt: number;
  /** `sentAt` of the enclosing batch, used when the call has none of its own. */
  batchSentAt?: string | number | undefined;
  /** Live traffic: shift timestamps by the client's clock error (receivedAt - sentAt). Imports keep theirs. */
  correctSkew: boolean;
  /** Makes a messageId for calls that carry none. */
  newMessageId: () => string;
  /** Prefix of reported field names, e.g. `batch[3]`. */
  fieldPrefix?: string;
}

const CLICK_IDS = [
  'gclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'dclid',
  'fbclid',
  'ttclid',
  'li_fat_id',
  'twclid',
  'epik',
  'sccid',
];

const cachedTouch = memoize((key: string): Touch => {
  const [source = '', medium = '', campaign = '', referrerDomain = '', clickIds = '', view = ''] = key.split('\u0000');
  return classifyTouch({
    source,
    medium,
    campaign,
    referrerDomain,
    clickIds: new Set(clickIds === '' ? [] : clickIds.split(',')),
    isView: view === 'v',
  });
});

const cachedDevice = memoize((key: string): Device => {
  const [ua = '', type = '', os = ''] = key.split('\u0000');
  return detectDevice(ua, type, os);
});

export function normalizeCall(call: SegmentCall, ctx: NormalizeContext): Result<IncomingEvent, WaymarkError> {
  const field = (name: string): string => (ctx.fieldPrefix ? `${ctx.fieldPrefix}.${name}` : name);
  const invalid = (name: string, message: string) =>
    err(new WaymarkError('invalid_event', message, { field: field(name) }));

  const userId = idString(call.userId);
  const anonymousId = idString(call.anonymousId);
  if (userId === '' && anonymousId === '') return invalid('userId', 'userId or anonymousId is required');
  if (call.type === 'track' && (call.event === undefined || call.event.trim() === '')) {
    return invalid('event', 'track calls need a non-empty event name');
  }
  if (call.type === 'alias' && (idString(call.previousId) === '' || userId === '')) {
    return invalid(
      idString(call.previousId) === '' ? 'previousId' : 'userId',
      'alias calls need previousId and userId',
    );
  }
  if (call.type === 'group' && idString(call.groupId) === '') return invalid('groupId', 'group calls need a groupId');

  const rawTimestamp = call.timestamp ?? call.originalTimestamp;
  const original = parseTime(rawTimestamp);
  if (rawTimestamp !== undefined && original === undefined) {
    const name = call.timestamp !== undefined ? 'timestamp' : 'originalTimestamp';
    return invalid(name, `${name} is not a valid ISO-8601 time`);
  }
  const rawSentAt = call.sentAt ?? ctx.batchSentAt;
  const sentAt = parseTime(rawSentAt);
  if (rawSentAt !== undefined && sentAt === undefined) {
    const message = 'sentAt is not a valid ISO-8601 time';
    // The batch's own sentAt is a top-level field of the request, not one of the call's.
    if (call.sentAt !== undefined) return invalid('sentAt', message);
    return err(new WaymarkError('invalid_event', message, { field: 'sentAt' }));
  }

  const originalTimestamp = original ?? ctx.receivedAt;
  const timestamp =
    ctx.correctSkew && original !== undefined && sentAt !== undefined
      ? originalTimestamp + (ctx.receivedAt - sentAt)
      : originalTimestamp;

  const context: JsonObject = call.context ?? {};
  const page = objectAt(context, 'page');
  const props: JsonObject = { ...(call.type === 'group' ? (call.traits ?? {}) : (call.properties ?? {})) };
  if ((call.type === 'page' || call.type === 'screen') && call.name !== undefined) props['name'] ??= call.name;
  if (call.type === 'page' && call.category !== undefined) props['category'] ??= call.category;

  const traits: JsonObject =
    call.type === 'identify' ? { ...objectAt(context, 'traits'), ...(call.traits ?? {}) } : objectAt(context, 'traits');

  const url = stringAt(page, 'url') || (call.type === 'page' ? stringAt(props, 'url') : '');
  const urlParts = url === '' ? undefined : parseUrl(url);
  const query = urlParts ? queryParams(urlParts.query) : new Map<string, string>();
  const campaign = objectAt(context, 'campaign');
  const utm = (key: string): string => stringAt(campaign, key) || (query.get(`utm_${key}`) ?? '');
  const referrer = stringAt(page, 'referrer') || (call.type === 'page' ? stringAt(props, 'referrer') : '');
  const referrerHost = referrer === '' ? '' : domainOf(referrer);
  const ownHost = urlParts ? urlParts.host.replace(/^www\./, '') : '';
  const internalReferrer = referrerHost !== '' && referrerHost === ownHost;
  const referrerDomain = internalReferrer ? '' : referrerHost;
  const campaignName = stringAt(campaign, 'name') || query.get('utm_campaign') || '';

  const touch = cachedTouch(
    [
      utm('source'),
      utm('medium'),
      campaignName === '' ? '' : 'c',
      referrerDomain,
      CLICK_IDS.filter((id) => query.has(id)).join(','),
      // A view reached from another page of the same site continues a visit; it is not a new direct touch.
      (call.type === 'page' || call.type === 'screen') && !internalReferrer ? 'v' : '',
    ].join('\u0000'),
  );
  const device = cachedDevice(
    `${stringAt(context, 'userAgent')}\u0000${stringAt(objectAt(context, 'device'), 'type')}\u0000${stringAt(objectAt(context, 'os'), 'name')}`,
  );
  const path =
    stringAt(page, 'path') || (call.type === 'page' ? stringAt(props, 'path') : '') || (url ? pathOf(url) : '');

  return ok({
    project_id: ctx.projectId,
    message_id: call.messageId !== undefined && call.messageId !== '' ? call.messageId : ctx.newMessageId(),
    type: call.type,
    event: call.type === 'track' ? (call.event ?? '').trim() : SYSTEM_EVENT_NAMES[call.type],
    distinct_id: userId !== '' ? userId : anonymousId,
    anonymous_id: anonymousId,
    user_id: userId,
    timestamp,
    original_timestamp: originalTimestamp,
    sent_at: sentAt ?? null,
    received_at: ctx.receivedAt,
    properties: JSON.stringify(props),
    traits: JSON.stringify(traits),
    context: JSON.stringify(context),
    group_id: idString(call.groupId),
    previous_id: idString(call.previousId),
    channel: touch.channel,
    source: touch.source,
    medium: touch.medium,
    campaign: campaignName,
    term: utm('term'),
    content: utm('content'),
    referrer_domain: referrerDomain,
    url,
    path,
    device_type: device.deviceType,
    os: device.os,
    browser: device.browser,
    country: stringAt(objectAt(context, 'location'), 'country'),
    locale: stringAt(context, 'locale'),
    ...revenueOf(props),
  });
}

/** Revenue is `properties.revenue`, else `properties.total`; numeric strings count, anything else is 0. */
export function revenueOf(props: JsonObject): { revenue: number; currency: string } {
  const value = toNumber(props['revenue']) ?? toNumber(props['total']) ?? 0;
  const currency = typeof props['currency'] === 'string' ? props['currency'].toUpperCase() : '';
  return { revenue: value, currency };
}

function toNumber(v: JsonValue | undefined): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

function idString(v: string | number | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'number' ? String(v) : v.trim();
}

function objectAt(obj: JsonObject, key: string): JsonObject {
  const v = obj[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function stringAt(obj: JsonObject, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
