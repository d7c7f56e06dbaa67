// Marketing channel of a touch, from UTM tags, ad click ids and the referrer: the grouping marketers know from
// web analytics tools (Paid Search, Email, Organic Social, ...), derived once at ingest.

export const CHANNELS = [
  'Direct',
  'Organic Search',
  'Paid Search',
  'Organic Social',
  'Paid Social',
  'Email',
  'Referral',
  'Display',
  'Affiliates',
  'SMS',
  'Push',
  'Video',
  'Other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface TouchInput {
  source: string;
  medium: string;
  campaign: string;
  referrerDomain: string;
  /** gclid, msclkid, fbclid... present on the landing URL. */
  clickIds: ReadonlySet<string>;
  /** True for page and screen views: with nothing else known, they are direct visits. */
  isView: boolean;
}

export interface Touch {
  /** Empty when the event carries no acquisition information (e.g. a track call mid-session). */
  channel: Channel | '';
  source: string;
  medium: string;
}

/** The second group names the engine: the source of its organic visits, as `google` in `google / organic`. */
const SEARCH_ENGINES =
  /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|ask|aol|naver|seznam|qwant|startpage|brave)\.[a-z.]+$|^search\./;
const SOCIAL_SITES =
  /(^|\.)(facebook|fb|instagram|twitter|x|t|linkedin|lnkd|pinterest|reddit|tiktok|snapchat|youtube|threads|tumblr|quora|vk|weibo|whatsapp|telegram|mastodon|bsky)\.[a-z.]+$|^(lm|l|m)\.facebook\.com$/;
const SEARCH_SOURCES = /^(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|naver|adwords|google ?ads|microsoft ?ads)$/;
const SOCIAL_SOURCES =
  /^(facebook|fb|meta|instagram|ig|twitter|x|linkedin|pinterest|reddit|tiktok|snapchat|youtube|threads|social)$/;
const VIDEO_SOURCES = /^(youtube|vimeo|twitch|dailymotion)$/;

const PAID_MEDIUM = /^(.*cp[cmv].*|ppc|paid.*|retargeting|sem|cpa)$/;
const DISPLAY_MEDIUM = /^(display|banner|expandable|interstitial|cpm|programmatic)$/;
const EMAIL_MEDIUM = /^(e[-_ ]?mail|newsletter|crm)$/;
const SOCIAL_MEDIUM = /^(social|social[-_ ]?(network|media)|sm|organic[-_ ]?social)$/;

/** Search ad click ids and the ad network that adds them: the source of the click when no utm_source says otherwise. */
const SEARCH_CLICK_IDS: Readonly<Record<string, string>> = {
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  msclkid: 'bing',
};
const SOCIAL_CLICK_IDS = ['fbclid', 'ttclid', 'li_fat_id', 'twclid', 'epik', 'sccid'];

/** Classifies one touch. Pure; the rules are documented in docs/events.md. */
export function classifyTouch(input: TouchInput): Touch {
  const source = input.source.trim().toLowerCase();
  const medium = input.medium.trim().toLowerCase();
  const referrer = input.referrerDomain;
  const searchEngine = referrer === '' ? null : SEARCH_ENGINES.exec(referrer);
  const searchReferrer = searchEngine !== null;
  const socialReferrer = referrer !== '' && SOCIAL_SITES.test(referrer);
  const hasUtm = source !== '' || medium !== '' || input.campaign.trim() !== '';
  const adNetwork = Object.entries(SEARCH_CLICK_IDS).find(([id]) => input.clickIds.has(id))?.[1] ?? '';

  const effectiveSource =
    source || adNetwork || (referrer === '' ? (input.isView ? '(direct)' : '') : (searchEngine?.[2] ?? referrer));
  const effectiveMedium =
    medium ||
    (adNetwork !== '' ? 'cpc' : '') ||
    (referrer === '' ? (input.isView && !hasUtm ? '(none)' : '') : searchReferrer ? 'organic' : 'referral');
  const touch = (channel: Channel | ''): Touch => ({ channel, source: effectiveSource, medium: effectiveMedium });

  const searchish = SEARCH_SOURCES.test(source) || (source === '' && searchReferrer);
  const socialish = SOCIAL_SOURCES.test(source) || (source === '' && socialReferrer);

  if (adNetwork !== '') return touch('Paid Search');
  if (PAID_MEDIUM.test(medium) || SOCIAL_CLICK_IDS.some((id) => input.clickIds.has(id) && PAID_MEDIUM.test(medium))) {
    // Video before social: YouTube is both, and an ad bought there is a video ad.
    if (VIDEO_SOURCES.test(source)) return touch('Video');
    if (socialish || medium.includes('social') || SOCIAL_CLICK_IDS.some((id) => input.clickIds.has(id))) {
      return touch('Paid Social');
    }
    // cpm is bought per impression: a display buy unless the source is a search engine.
    if (DISPLAY_MEDIUM.test(medium) && !searchish) return touch('Display');
    return touch('Paid Search');
  }
  if (DISPLAY_MEDIUM.test(medium)) return touch('Display');
  if (EMAIL_MEDIUM.test(medium) || /^(e[-_ ]?mail|newsletter)$/.test(source)) return touch('Email');
  if (medium === 'affiliate' || medium === 'affiliates') return touch('Affiliates');
  if (medium === 'sms' || source === 'sms') return touch('SMS');
  if (medium === 'push' || medium.endsWith('push') || source === 'push') return touch('Push');
  if (medium === 'video' || (VIDEO_SOURCES.test(source) && medium === '')) return touch('Video');
  if (SOCIAL_MEDIUM.test(medium) || (socialish && (medium === '' || medium === 'referral'))) {
    return touch('Organic Social');
  }
  if (medium === 'organic' || (searchish && medium === '')) return touch('Organic Search');
  if (medium === 'referral' || (referrer !== '' && !hasUtm)) return touch('Referral');
  if (hasUtm) return touch('Other');
  return touch(input.isView ? 'Direct' : '');
}
