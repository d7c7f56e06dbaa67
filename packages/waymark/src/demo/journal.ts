// Writes one customer's Segment calls the way analytics.js in the shop's storefront would send them: ids, an ISO
// timestamp and a full browser context on every call; and the few calls the shop's server records about them.

import type { JsonObject, SegmentCall } from '../core/event.js';
import type { Touch } from './campaigns.js';
import { SHOP_ORIGIN, pageTitle } from './catalog.js';
import type { Browser } from './browser.js';
import { messageIdFor } from './ids.js';
import { isoTime } from './iso-time.js';

const LIBRARY: JsonObject = { name: 'analytics.js', version: 'next-1.74.0' };

/** A page as `context.page` describes it; track calls made on the page share it. */
export interface PageContext extends JsonObject {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

/**
 * The storefront is a single-page app: `document.referrer` stays the landing page's referrer for the whole visit,
 * and its tracking plugin keeps the visit's UTM tags in `context.campaign`, so every call of a visit carries it.
 */
export function pageContext(touch: Touch, path: string, title: string, search = ''): PageContext {
  return { path, referrer: touch.referrer, search, title: pageTitle(title), url: `${SHOP_ORIGIN}${path}${search}` };
}

/** Email events are filed on the email's web version, tagged with the email's campaign. */
export function emailPage(touch: Touch, subject: string): PageContext {
  return pageContext(touch, `/email/${String(touch.campaign?.['name'] ?? 'newsletter')}`, subject, touch.query);
}

export function emailProperties(touch: Touch, subject: string): JsonObject {
  const name = String(touch.campaign?.['name'] ?? 'newsletter');
  const emailId = `${name}-${String(touch.campaign?.['content'] ?? '')}`;
  return { email_id: emailId, email_subject: subject, campaign_name: name };
}

/**
 * One customer's calls in time order. Nested context blocks are shared between calls to keep generation fast:
 * treat the calls as read-only.
 */
export class Journal {
  readonly calls: SegmentCall[] = [];
  /** The customer's userId once they have identified on any browser. */
  userId: string | undefined;
  private count = 0;
  /** messageIds of the server's calls: the server records each once. */
  private readonly recorded = new Set<string>();

  constructor(
    private readonly seed: number,
    private readonly customer: number,
    /** Calls at or after the end of the simulated period are not written. */
    private readonly end: number,
  ) {}

  page(t: number, browser: Browser, touch: Touch, page: PageContext, name: string, category?: string): void {
    const { path, referrer, search, title, url } = page;
    const properties: JsonObject = { path, referrer, search, title, url, name };
    const call = this.call('page', t, browser, touch, page, properties);
    if (call === undefined) return;
    call.name = name;
    if (category !== undefined) {
      call.category = category;
      properties['category'] = category;
    }
  }

  track(t: number, browser: Browser, touch: Touch, page: PageContext, event: string, properties: JsonObject): void {
    const call = this.call('track', t, browser, touch, page, properties);
    if (call !== undefined) call.event = event;
  }

  identify(t: number, browser: Browser, touch: Touch, page: PageContext, traits: JsonObject): void {
    if (this.userId === undefined) throw new Error('identify before the customer has a userId');
    browser.identified = true;
    const call = this.call('identify', t, browser, touch, page, undefined);
    if (call !== undefined) call.traits = traits;
  }

  /**
   * A track call the shop's server records, as Waymark's decision API does: the customer's ids on this browser, no
   * browser context, and the server's own messageId. A messageId already recorded is not recorded again.
   */
  serverTrack(t: number, browser: Browser, event: string, properties: JsonObject, messageId: string): void {
    if (t >= this.end || this.recorded.has(messageId)) return;
    this.recorded.add(messageId);
    const timestamp = isoTime(Math.round(t));
    const call: SegmentCall = {
      type: 'track',
      event,
      messageId,
      timestamp,
      anonymousId: browser.anonymousId,
      properties,
    };
    if (browser.identified && this.userId !== undefined) call.userId = this.userId;
    this.calls.push(call);
  }

  private call(
    type: SegmentCall['type'],
    t: number,
    browser: Browser,
    touch: Touch,
    page: PageContext,
    properties: JsonObject | undefined,
  ): SegmentCall | undefined {
    if (t >= this.end) return undefined;
    // An object literal, not a spread of shared fields: spreading is many times slower on this hot path.
    const device = browser.profile;
    const context: JsonObject = {
      library: LIBRARY,
      page,
      userAgent: device.userAgent,
      locale: browser.locale,
      timezone: browser.timezone,
      ip: browser.ip,
      location: browser.location,
      os: device.os,
      screen: device.screen,
    };
    if (device.device !== undefined) context['device'] = device.device;
    if (device.userAgentData !== undefined) context['userAgentData'] = device.userAgentData;
    if (touch.campaign !== undefined) context['campaign'] = touch.campaign;
    const call: SegmentCall = {
      type,
      messageId: messageIdFor(this.seed, this.customer, this.count++),
      timestamp: isoTime(Math.round(t)),
      anonymousId: browser.anonymousId,
      context,
    };
    if (browser.identified && this.userId !== undefined) call.userId = this.userId;
    if (properties !== undefined) call.properties = properties;
    this.calls.push(call);
    return call;
  }
}
