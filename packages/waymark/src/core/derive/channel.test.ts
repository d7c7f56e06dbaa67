import { describe, expect, it } from 'vitest';
import { CHANNELS, classifyTouch, type Touch, type TouchInput } from './channel.js';

/** A touch with nothing known; each scenario states only what its visitor brought. */
function touch(given: Partial<Omit<TouchInput, 'clickIds'>> & { clickIds?: string[] }): TouchInput {
  return {
    source: '',
    medium: '',
    campaign: '',
    referrerDomain: '',
    isView: true,
    ...given,
    clickIds: new Set(given.clickIds ?? []),
  };
}

type Scenario = [string, Parameters<typeof touch>[0], Touch];

const scenarios: Scenario[] = [
  // Paid search: an ad click id wins over everything, and names the network when UTM tags do not.
  ['gclid on the landing URL', { clickIds: ['gclid'] }, { channel: 'Paid Search', source: 'google', medium: 'cpc' }],
  [
    'gclid arriving from google.com',
    { clickIds: ['gclid'], referrerDomain: 'google.com' },
    { channel: 'Paid Search', source: 'google', medium: 'cpc' },
  ],
  ['msclkid', { clickIds: ['msclkid'] }, { channel: 'Paid Search', source: 'bing', medium: 'cpc' }],
  [
    'gclid with UTM tags keeps the tags',
    { clickIds: ['gclid'], source: 'google', medium: 'cpc', campaign: 'brand' },
    { channel: 'Paid Search', source: 'google', medium: 'cpc' },
  ],
  [
    'utm google / cpc',
    { source: 'google', medium: 'cpc' },
    { channel: 'Paid Search', source: 'google', medium: 'cpc' },
  ],
  ['utm bing / ppc', { source: 'bing', medium: 'ppc' }, { channel: 'Paid Search', source: 'bing', medium: 'ppc' }],
  [
    'UTM tags are lower-cased',
    { source: ' Google ', medium: 'CPC' },
    { channel: 'Paid Search', source: 'google', medium: 'cpc' },
  ],

  // Paid social
  [
    'utm facebook / paid_social',
    { source: 'facebook', medium: 'paid_social' },
    { channel: 'Paid Social', source: 'facebook', medium: 'paid_social' },
  ],
  [
    'fbclid with medium cpc',
    { clickIds: ['fbclid'], source: 'fb', medium: 'cpc' },
    { channel: 'Paid Social', source: 'fb', medium: 'cpc' },
  ],
  [
    'fbclid with medium cpc and an unknown source',
    { clickIds: ['fbclid'], source: 'spring-promo', medium: 'cpc' },
    { channel: 'Paid Social', source: 'spring-promo', medium: 'cpc' },
  ],
  [
    'medium paid_social from a source not known as social',
    { source: 'partner-network', medium: 'paid_social' },
    { channel: 'Paid Social', source: 'partner-network', medium: 'paid_social' },
  ],
  [
    'linkedin / cpc',
    { source: 'linkedin', medium: 'cpc' },
    { channel: 'Paid Social', source: 'linkedin', medium: 'cpc' },
  ],
  [
    'fbclid alone is link decoration on an organic share',
    { clickIds: ['fbclid'], referrerDomain: 'l.facebook.com' },
    { channel: 'Organic Social', source: 'l.facebook.com', medium: 'referral' },
  ],

  // Video and display
  ['youtube / cpv', { source: 'youtube', medium: 'cpv' }, { channel: 'Video', source: 'youtube', medium: 'cpv' }],
  ['vimeo without medium', { source: 'vimeo' }, { channel: 'Video', source: 'vimeo', medium: '' }],
  ['display / cpm', { source: 'display', medium: 'cpm' }, { channel: 'Display', source: 'display', medium: 'cpm' }],
  [
    'a network buy per impression',
    { source: 'criteo', medium: 'cpm' },
    { channel: 'Display', source: 'criteo', medium: 'cpm' },
  ],
  [
    'google / cpm stays search',
    { source: 'google', medium: 'cpm' },
    { channel: 'Paid Search', source: 'google', medium: 'cpm' },
  ],
  [
    'medium banner',
    { source: 'news-site', medium: 'banner' },
    { channel: 'Display', source: 'news-site', medium: 'banner' },
  ],

  // Owned and partner channels
  [
    'newsletter / email',
    { source: 'newsletter', medium: 'email' },
    { channel: 'Email', source: 'newsletter', medium: 'email' },
  ],
  ['source newsletter alone', { source: 'newsletter' }, { channel: 'Email', source: 'newsletter', medium: '' }],
  ['medium e-mail', { source: 'crm', medium: 'e-mail' }, { channel: 'Email', source: 'crm', medium: 'e-mail' }],
  [
    'affiliate',
    { source: 'awin', medium: 'affiliate' },
    { channel: 'Affiliates', source: 'awin', medium: 'affiliate' },
  ],
  ['sms', { source: 'twilio', medium: 'sms' }, { channel: 'SMS', source: 'twilio', medium: 'sms' }],
  [
    'web push',
    { source: 'onesignal', medium: 'web_push' },
    { channel: 'Push', source: 'onesignal', medium: 'web_push' },
  ],

  // Organic search and social from the referrer alone
  [
    'google.com, no UTM',
    { referrerDomain: 'google.com' },
    { channel: 'Organic Search', source: 'google', medium: 'organic' },
  ],
  [
    'a country Google',
    { referrerDomain: 'google.co.uk' },
    { channel: 'Organic Search', source: 'google', medium: 'organic' },
  ],
  [
    'DuckDuckGo',
    { referrerDomain: 'duckduckgo.com' },
    { channel: 'Organic Search', source: 'duckduckgo', medium: 'organic' },
  ],
  [
    'an unnamed search. host keeps its domain',
    { referrerDomain: 'search.example.org' },
    { channel: 'Organic Search', source: 'search.example.org', medium: 'organic' },
  ],
  [
    'utm google / organic',
    { source: 'google', medium: 'organic' },
    { channel: 'Organic Search', source: 'google', medium: 'organic' },
  ],
  ['t.co', { referrerDomain: 't.co' }, { channel: 'Organic Social', source: 't.co', medium: 'referral' }],
  [
    'facebook.com',
    { referrerDomain: 'facebook.com' },
    { channel: 'Organic Social', source: 'facebook.com', medium: 'referral' },
  ],
  [
    'm.facebook.com',
    { referrerDomain: 'm.facebook.com' },
    { channel: 'Organic Social', source: 'm.facebook.com', medium: 'referral' },
  ],
  [
    'utm linkedin / social',
    { source: 'linkedin', medium: 'social' },
    { channel: 'Organic Social', source: 'linkedin', medium: 'social' },
  ],

  // Referral, other, direct
  [
    'a blog',
    { referrerDomain: 'blog.example.org' },
    { channel: 'Referral', source: 'blog.example.org', medium: 'referral' },
  ],
  [
    'a blog link with a UTM medium referral',
    { source: 'partner-blog', medium: 'referral' },
    { channel: 'Referral', source: 'partner-blog', medium: 'referral' },
  ],
  [
    'an unknown UTM medium',
    { source: 'flyer', medium: 'print' },
    { channel: 'Other', source: 'flyer', medium: 'print' },
  ],
  ['only a campaign name', { campaign: 'spring' }, { channel: 'Other', source: '(direct)', medium: '' }],
  ['a page view with nothing known', {}, { channel: 'Direct', source: '(direct)', medium: '(none)' }],
  ['a track call with nothing known is no touch', { isView: false }, { channel: '', source: '', medium: '' }],
  [
    'a track call from a referrer',
    { isView: false, referrerDomain: 'blog.example.org' },
    { channel: 'Referral', source: 'blog.example.org', medium: 'referral' },
  ],
  [
    'a track call with UTM tags',
    { isView: false, source: 'newsletter', medium: 'email' },
    { channel: 'Email', source: 'newsletter', medium: 'email' },
  ],
];

describe('classifyTouch', () => {
  it.each(scenarios)('%s', (_name, given, expected) => {
    expect(classifyTouch(touch(given))).toEqual(expected);
  });

  it('only ever answers a known channel or no touch', () => {
    for (const [, given] of scenarios) {
      const { channel } = classifyTouch(touch(given));
      expect(channel === '' || (CHANNELS as readonly string[]).includes(channel)).toBe(true);
    }
  });

  it('lets UTM tags speak over the referrer', () => {
    const result = classifyTouch(touch({ referrerDomain: 'google.com', source: 'newsletter', medium: 'email' }));
    expect(result).toEqual({ channel: 'Email', source: 'newsletter', medium: 'email' });
  });
});
