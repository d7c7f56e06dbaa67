import { describe, expect, it } from 'vitest';
import { flattenContext } from './request.js';

describe('flattened request context', () => {
  it('reads analytics.js campaign names and derives device and channel', () => {
    expect(
      flattenContext({
        campaign: { name: 'black-friday', source: 'newsletter', medium: 'email' },
        page: { url: 'https://shop.test/sale/shoes?x=1', referrer: 'https://mail.example.com/' },
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
        locale: 'fr-FR',
      }),
    ).toMatchObject({
      utm_campaign: 'black-friday',
      utm_source: 'newsletter',
      utm_medium: 'email',
      path: '/sale/shoes',
      device: 'mobile',
      channel: 'Email',
      locale: 'fr-FR',
      referrer_domain: 'mail.example.com',
    });
  });
});
