// The body of POST /v1/decide, checked, and the request context flattened into the fields targeting reads:
// device, os, browser, channel, utm_source ... utm_content, url, path, referrer, referrer_domain, locale, country.
// A Segment-style context (page, campaign, userAgent, locale) works as analytics.js sends it.

import { classifyTouch } from '../core/derive/channel.js';
import { detectDevice } from '../core/derive/device.js';
import { domainOf, parseUrl, pathOf, queryParams } from '../core/derive/url.js';
import { fail, isObject, list, object, text } from '../core/field-check.js';

export interface DecideBody {
  userId?: string;
  anonymousId?: string;
  slots: string[];
  context: Record<string, unknown>;
  traits: Record<string, unknown>;
  /** Record exposures (default true); false for previews. */
  expose: boolean;
}

function idOf(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return text(v, field, 255);
}

export function parseDecideBody(raw: unknown): DecideBody {
  const v = object(raw, 'body');
  const userId = idOf(v['userId'], 'userId');
  const anonymousId = idOf(v['anonymousId'], 'anonymousId');
  const slots = list(v['slots'], 'slots', 20, (s, f) => text(s, f, 64));
  if (slots.length === 0) fail('slots', 'must name at least one slot');
  if (v['context'] !== undefined && !isObject(v['context'])) fail('context', 'must be an object');
  if (v['traits'] !== undefined && !isObject(v['traits'])) fail('traits', 'must be an object');
  if (v['expose'] !== undefined && typeof v['expose'] !== 'boolean') fail('expose', 'must be true or false');
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(anonymousId === undefined ? {} : { anonymousId }),
    slots,
    context: (v['context'] as Record<string, unknown> | undefined) ?? {},
    traits: (v['traits'] as Record<string, unknown> | undefined) ?? {},
    expose: v['expose'] !== false,
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Flat targeting fields from a request context; fields given flat win over derived ones. */
export function flattenContext(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const page = isObject(context['page']) ? context['page'] : {};
  const campaign = isObject(context['campaign']) ? context['campaign'] : {};
  const url = str(context['url']) || str(page['url']);
  const referrer = str(context['referrer']) || str(page['referrer']);
  const query = parseUrl(url)?.query ?? '';
  const params = queryParams(query);
  // analytics.js sends the campaign's name as `name` (utm_campaign), the other parts under their own names.
  const utm = (key: string) =>
    (key === 'campaign' ? str(campaign['name']) || str(campaign['campaign']) : str(campaign[key])) ||
    params.get(`utm_${key}`) ||
    '';
  const out: Record<string, unknown> = {};
  if (url) {
    out['url'] = url;
    out['path'] = pathOf(url);
  } else if (str(page['path'])) out['path'] = str(page['path']);
  if (referrer) {
    out['referrer'] = referrer;
    out['referrer_domain'] = domainOf(referrer);
  }
  for (const key of ['source', 'medium', 'campaign', 'term', 'content']) if (utm(key)) out[`utm_${key}`] = utm(key);
  const userAgent = str(context['userAgent']);
  if (userAgent) {
    const device = detectDevice(userAgent);
    out['device'] = device.deviceType;
    out['os'] = device.os;
    out['browser'] = device.browser;
  }
  const touch = classifyTouch({
    source: utm('source'),
    medium: utm('medium'),
    campaign: utm('campaign'),
    referrerDomain: referrer ? domainOf(referrer) : '',
    clickIds: new Set([...params.keys()].filter((k) => k.endsWith('clid'))),
    isView: true,
  });
  if (touch.channel) out['channel'] = touch.channel;
  if (str(context['locale'])) out['locale'] = str(context['locale']);
  for (const [key, value] of Object.entries(context)) {
    if (key === 'page' || key === 'campaign') continue;
    out[key] = value;
  }
  return out;
}
