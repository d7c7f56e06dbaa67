// The shop's marketing plan as data: its campaigns with their UTM tags, click ids and landing pages, the sites that
// send visitors without tags, and how good the visitors each one brings are (`quality`, 1 is average).

import type { Channel } from '../core/derive/channel.js';

/** The page a visit starts on; the visit turns it into a concrete URL. */
export type Landing = 'home' | 'category' | 'product' | 'sale' | 'article' | 'cart';

export type ClickId = 'gclid' | 'msclkid' | 'fbclid' | 'ttclid';

export interface CampaignSpec {
  channel: Channel;
  source: string;
  medium: string;
  /** `'sale'`: named after the sale running at the time (black-friday-2026...), and live only while one runs. */
  name: string;
  quality: number;
  /** Share among the campaigns of its list that are live. */
  weight: number;
  referrer: string;
  landing: Landing;
  terms?: readonly string[];
  contents: readonly string[];
  clickId?: ClickId;
  /** Live in October to December only. */
  q4?: true;
  /** Emails only. */
  subject?: string;
}

export const GOOGLE = 'https://www.google.com/';
const FACEBOOK = 'https://l.facebook.com/';
const INSTAGRAM = 'https://l.instagram.com/';
const TIKTOK = 'https://www.tiktok.com/';
const KEYWORDS = ['waterproof hiking boots', 'trail running shoes', 'down jacket sale', 'ultralight tent', 'gps watch'];

/** Paid campaigns that find new visitors (and bring some old ones back). */
// prettier-ignore
export const ACQUISITION: readonly CampaignSpec[] = [
  {
    channel: 'Paid Search', source: 'google', medium: 'cpc', name: 'brand-search', quality: 1.5, weight: 30,
    referrer: GOOGLE, landing: 'home', clickId: 'gclid',
    terms: ['summit supply', 'summitsupply', 'summit supply coupon'], contents: ['brand-exact'],
  },
  {
    channel: 'Paid Search', source: 'google', medium: 'cpc', name: 'generic-outdoor', quality: 0.85, weight: 40,
    referrer: GOOGLE, landing: 'product', clickId: 'gclid', terms: KEYWORDS, contents: ['rsa-benefits', 'rsa-price'],
  },
  {
    channel: 'Paid Search', source: 'google', medium: 'cpc', name: 'shopping-pmax', quality: 1.1, weight: 25,
    referrer: GOOGLE, landing: 'product', clickId: 'gclid', contents: ['shopping-feed'],
  },
  {
    channel: 'Paid Search', source: 'bing', medium: 'cpc', name: 'generic-outdoor', quality: 0.95, weight: 8,
    referrer: 'https://www.bing.com/', landing: 'category', clickId: 'msclkid',
    terms: KEYWORDS, contents: ['rsa-benefits'],
  },
  {
    channel: 'Paid Social', source: 'facebook', medium: 'paid_social', name: 'prospecting-broad',
    quality: 0.5, weight: 30,
    referrer: FACEBOOK, landing: 'product', clickId: 'fbclid',
    terms: ['lookalike-1pct', 'interest-hiking'], contents: ['carousel', 'video-15s'],
  },
  {
    channel: 'Paid Social', source: 'instagram', medium: 'paid_social', name: 'new-arrivals', quality: 0.65, weight: 22,
    referrer: INSTAGRAM, landing: 'category', clickId: 'fbclid',
    terms: ['interest-running', 'interest-camping'], contents: ['reel-ugc', 'story-carousel'],
  },
  {
    channel: 'Paid Social', source: 'tiktok', medium: 'paid_social', name: 'tiktok-creators', quality: 0.3, weight: 22,
    referrer: TIKTOK, landing: 'product', clickId: 'ttclid',
    terms: ['broad-18-34'], contents: ['creator-haul', 'creator-review'],
  },
  {
    channel: 'Paid Social', source: 'facebook', medium: 'paid_social', name: 'sale', quality: 0.9, weight: 25,
    referrer: FACEBOOK, landing: 'sale', clickId: 'fbclid',
    terms: ['lookalike-buyers'], contents: ['sale-carousel', 'countdown'],
  },
  {
    channel: 'Paid Social', source: 'instagram', medium: 'paid_social', name: 'sale', quality: 0.85, weight: 18,
    referrer: INSTAGRAM, landing: 'sale', clickId: 'fbclid', terms: ['interest-outdoor'], contents: ['sale-reel'],
  },
  {
    channel: 'Display', source: 'dv360', medium: 'display', name: 'awareness-display', quality: 0.3, weight: 10,
    referrer: 'https://www.weather-today.example/', landing: 'home',
    terms: ['in-market-outdoor'], contents: ['banner-300x250', 'banner-728x90'],
  },
  {
    channel: 'Affiliates', source: 'cashbackhub', medium: 'affiliate', name: 'affiliate-network',
    quality: 1.3, weight: 6,
    referrer: 'https://www.cashbackhub.example/stores/summit-supply', landing: 'product', contents: ['partner-1042'],
  },
  {
    channel: 'Affiliates', source: 'outdoordeals', medium: 'affiliate', name: 'affiliate-network',
    quality: 1.2, weight: 4,
    referrer: 'https://outdoordeals.example/coupons', landing: 'home', contents: ['partner-2210'],
  },
];

/** Ads that follow people who have visited before. */
// prettier-ignore
export const RETARGETING: readonly CampaignSpec[] = [
  {
    channel: 'Paid Social', source: 'facebook', medium: 'paid_social', name: 'retargeting-q4', quality: 1.5, weight: 40,
    referrer: FACEBOOK, landing: 'product', clickId: 'fbclid', q4: true,
    terms: ['site-visitors-30d'], contents: ['dynamic-product-ad'],
  },
  {
    channel: 'Paid Social', source: 'instagram', medium: 'paid_social', name: 'dynamic-retargeting',
    quality: 1.2, weight: 30, referrer: INSTAGRAM, landing: 'product', clickId: 'fbclid',
    terms: ['cart-abandoners-7d'], contents: ['dynamic-product-ad'],
  },
  {
    channel: 'Display', source: 'criteo', medium: 'display', name: 'retargeting-q4', quality: 1.1, weight: 30,
    referrer: 'https://www.news-daily.example/', landing: 'product', q4: true,
    terms: ['site-visitors-30d'], contents: ['dynamic-banner'],
  },
];

export type EmailKind = 'newsletter' | 'sale' | 'welcome' | 'cart' | 'review';

/** The shop's emails; they reach only customers who gave an address and opted in. */
// prettier-ignore
export const EMAILS: Readonly<Record<EmailKind, CampaignSpec>> = {
  newsletter: {
    channel: 'Email', source: 'newsletter', medium: 'email', name: 'weekly-newsletter', quality: 1.1, weight: 1,
    referrer: '', landing: 'category', contents: ['hero', 'product-grid', 'footer'],
    subject: 'New this week: gear for your next trip',
  },
  sale: {
    channel: 'Email', source: 'newsletter', medium: 'email', name: 'sale', quality: 1.5, weight: 1,
    referrer: '', landing: 'sale', contents: ['hero', 'countdown'], subject: 'Our sale is on',
  },
  welcome: {
    channel: 'Email', source: 'lifecycle', medium: 'email', name: 'welcome-series', quality: 1.35, weight: 1,
    referrer: '', landing: 'home', contents: ['welcome-offer'], subject: 'Welcome! Here is 10% off your first order',
  },
  cart: {
    channel: 'Email', source: 'lifecycle', medium: 'email', name: 'cart-reminder', quality: 2.2, weight: 1,
    referrer: '', landing: 'cart', contents: ['cart-items'], subject: 'You left something in your cart',
  },
  review: {
    channel: 'Email', source: 'lifecycle', medium: 'email', name: 'review-request', quality: 0.7, weight: 1,
    referrer: '', landing: 'product', contents: ['stars'], subject: 'How do you like your order?',
  },
};

/** Links in the shop's social profiles carry UTM tags with an organic medium. */
// prettier-ignore
export const LINK_IN_BIO: CampaignSpec = {
  channel: 'Organic Social', source: 'instagram', medium: 'social', name: 'link-in-bio', quality: 0.55, weight: 1,
  referrer: INSTAGRAM, landing: 'category', contents: ['bio-link'],
};

export const SEARCH_ENGINES: ReadonlyArray<readonly [referrer: string, share: number]> = [
  [GOOGLE, 85],
  ['https://www.bing.com/', 11],
  ['https://duckduckgo.com/', 4],
];
export const SOCIAL_SITES = [
  INSTAGRAM,
  'https://m.facebook.com/',
  TIKTOK,
  'https://www.pinterest.com/',
  'https://www.reddit.com/',
];
/** Blogs and review sites that link to the shop. */
export const REFERRING_SITES = [
  'https://www.trailtalk.blog/best-hiking-boots',
  'https://runnersweekly.example/reviews/trail-shoes',
  'https://campfire-stories.example/gear-list',
  'https://www.city-hiker.example/ausruestung',
  'https://gearlab-reviews.example/jackets/2026',
];
