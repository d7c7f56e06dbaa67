// How a visit starts: drawn from the marketing plan (campaigns with UTM tags and click ids, search engines, social
// sites, partners) or typed in, and turned into the referrer, landing URL and campaign context the visit carries.

import type { Channel } from '../core/derive/channel.js';
import type { JsonObject } from '../core/event.js';
import type { Calendar, Sale } from './calendar.js';
import {
  ACQUISITION,
  EMAILS,
  GOOGLE,
  LINK_IN_BIO,
  REFERRING_SITES,
  RETARGETING,
  SEARCH_ENGINES,
  SOCIAL_SITES,
  type CampaignSpec,
  type ClickId,
  type EmailKind,
  type Landing,
} from './marketing-plan.js';
import type { Random } from './random.js';

/** How one visit started. Built once per visit and shared, read-only, by all its calls. */
export interface Touch {
  /** The channel Waymark should derive for this visit. */
  channel: Channel;
  /** `document.referrer` of the landing page. */
  referrer: string;
  /** `context.campaign`, when the landing URL carried UTM tags. */
  campaign: JsonObject | undefined;
  /** Query string of the landing URL (UTM tags and click id), `''` for none. */
  query: string;
  landing: Landing;
  /** The sale the landing page belongs to, for `landing: 'sale'`. */
  sale: Sale | undefined;
  /** Multiplies the visitor's intent: a brand-search click means business, a TikTok swipe rarely does. */
  quality: number;
  /** An email visit: the customer opened this email and clicked through. */
  email: { subject: string } | undefined;
}

function utmTouch(spec: CampaignSpec, random: Random, sale: Sale | undefined): Touch {
  const name = spec.name === 'sale' ? (sale?.campaign ?? 'sale') : spec.name;
  const campaign: JsonObject = { source: spec.source, medium: spec.medium, name };
  const term = spec.terms ? random.pick(spec.terms) : undefined;
  if (term !== undefined) campaign['term'] = term;
  const content = random.pick(spec.contents);
  campaign['content'] = content;
  let query = `?utm_source=${spec.source}&utm_medium=${spec.medium}&utm_campaign=${name}`;
  if (term !== undefined) query += `&utm_term=${encodeURIComponent(term)}`;
  query += `&utm_content=${content}`;
  if (spec.clickId) query += `&${spec.clickId}=${clickId(random, spec.clickId)}`;
  return {
    channel: spec.channel,
    referrer: spec.referrer,
    campaign,
    query,
    landing: spec.landing,
    sale,
    quality: spec.quality,
    email: spec.subject === undefined ? undefined : { subject: sale ? saleSubject(sale) : spec.subject },
  };
}

const saleSubject = (sale: Sale): string => `${sale.title}: ${Math.round(sale.discount * 100)}% off everything`;

function plainTouch(channel: Channel, referrer: string, landing: Landing, quality: number): Touch {
  return { channel, referrer, campaign: undefined, query: '', landing, sale: undefined, quality, email: undefined };
}

function drawCampaign(random: Random, specs: readonly CampaignSpec[], t: number, calendar: Calendar): Touch {
  const sale = calendar.saleAt(t);
  const q4 = new Date(t).getUTCMonth() >= 9;
  const live = specs.filter((s) => (s.name !== 'sale' || sale !== undefined) && (!s.q4 || q4));
  let roll = random.float() * live.reduce((sum, s) => sum + s.weight, 0);
  const spec = live.find((s) => (roll -= s.weight) < 0) ?? live[live.length - 1] ?? ACQUISITION[0]!;
  return utmTouch(spec, random, spec.name === 'sale' ? sale : undefined);
}

/** How a new visitor found the shop: search 25%, typed in 15%, paid campaigns 36%, social 12%, other sites 12%. */
export function drawFirstTouch(random: Random, t: number, calendar: Calendar): Touch {
  const roll = random.float() * 100;
  if (roll < 25) return organicSearch(random);
  if (roll < 40) return plainTouch('Direct', '', 'home', 1);
  if (roll < 76) return drawCampaign(random, ACQUISITION, t, calendar);
  if (roll < 88) return organicSocial(random);
  return plainTouch('Referral', random.pick(REFERRING_SITES), 'product', 1.05);
}

/** How a returning visitor comes back: a third type the address, a quarter come from the shop's own emails. */
export function drawReturnTouch(random: Random, t: number, calendar: Calendar, emailable: boolean): Touch {
  const roll = random.float() * 100;
  if (roll < 33) return plainTouch('Direct', '', 'home', 1.1);
  if (roll < 52) return organicSearch(random);
  if (roll < 60) return drawCampaign(random, RETARGETING, t, calendar);
  if (roll < 68) return drawCampaign(random, ACQUISITION, t, calendar);
  if (roll < 72) return organicSocial(random);
  if (roll < 75) return plainTouch('Referral', random.pick(REFERRING_SITES), 'product', 1.05);
  // Emails only reach those who gave an address and opted in; the others search or type the address.
  if (!emailable) return random.chance(0.5) ? plainTouch('Direct', '', 'home', 1.1) : organicSearch(random);
  const saleOn = calendar.saleAt(t) !== undefined;
  return emailTouch(random, saleOn && random.chance(0.7) ? 'sale' : 'newsletter', t, calendar);
}

export function emailTouch(random: Random, kind: EmailKind, t: number, calendar: Calendar): Touch {
  const sale = kind === 'sale' ? calendar.saleAt(t) : undefined;
  return utmTouch(sale === undefined && kind === 'sale' ? EMAILS.newsletter : EMAILS[kind], random, sale);
}

function organicSearch(random: Random): Touch {
  let roll = random.float() * 100;
  const referrer = SEARCH_ENGINES.find(([, share]) => (roll -= share) < 0)?.[0] ?? GOOGLE;
  const landing = random.pick<Landing>(['product', 'product', 'category', 'article', 'home']);
  return plainTouch('Organic Search', referrer, landing, 1);
}

function organicSocial(random: Random): Touch {
  if (random.chance(0.7)) return plainTouch('Organic Social', random.pick(SOCIAL_SITES), 'product', 0.5);
  return utmTouch(LINK_IN_BIO, random, undefined);
}

const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CLICK_ID_PREFIX: Readonly<Record<ClickId, string>> = {
  gclid: 'Cj0KCQiA',
  msclkid: '',
  fbclid: 'IwAR',
  ttclid: 'E.C.P.',
};

/** An ad click id as the ad platform appends it: opaque, long, unique per click. */
function clickId(random: Random, kind: ClickId): string {
  let out = CLICK_ID_PREFIX[kind];
  for (let i = 0; i < 8; i++) {
    let bits = random.uint32();
    for (let j = 0; j < 5; j++, bits >>>= 6) out += TOKEN[bits & 63];
  }
  return out;
}
