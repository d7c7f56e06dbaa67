import { describe, expect, it } from 'vitest';
import { detectDevice, type Device } from './device.js';

const UA = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iPhoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.80 Mobile Safari/537.36',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:124.0) Gecko/124.0 Firefox/124.0',
  iPad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.80 Safari/537.36',
  kindleFire:
    'Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/122.3.1 like Chrome/122.0.6261.119 Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.65',
  windowsOpera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  macOutlook: 'Microsoft Office/16.0 (Macintosh; Mac OS X 14.4; Microsoft Outlook 16.83.24031120; Pro)',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  googlebotSmartphone:
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.86 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/123.0.0.0 Safari/537.36',
  facebookPreview: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  curl: 'curl/8.5.0',
  pythonRequests: 'python-requests/2.31.0',
} as const;

const browsers: [string, string, Device][] = [
  ['iPhone Safari', UA.iPhoneSafari, { deviceType: 'mobile', os: 'iOS', browser: 'Safari' }],
  ['iPhone Chrome', UA.iPhoneChrome, { deviceType: 'mobile', os: 'iOS', browser: 'Chrome' }],
  ['Android Chrome', UA.androidChrome, { deviceType: 'mobile', os: 'Android', browser: 'Chrome' }],
  ['Samsung Internet', UA.samsungInternet, { deviceType: 'mobile', os: 'Android', browser: 'Samsung Internet' }],
  ['Android Firefox', UA.androidFirefox, { deviceType: 'mobile', os: 'Android', browser: 'Firefox' }],
  ['iPad Safari', UA.iPad, { deviceType: 'tablet', os: 'iOS', browser: 'Safari' }],
  ['Android tablet (no "Mobile" token)', UA.androidTablet, { deviceType: 'tablet', os: 'Android', browser: 'Chrome' }],
  ['Kindle Fire', UA.kindleFire, { deviceType: 'tablet', os: 'Android', browser: 'Chrome' }],
  ['Windows Chrome', UA.windowsChrome, { deviceType: 'desktop', os: 'Windows', browser: 'Chrome' }],
  ['Windows Edge', UA.windowsEdge, { deviceType: 'desktop', os: 'Windows', browser: 'Edge' }],
  ['Windows Opera', UA.windowsOpera, { deviceType: 'desktop', os: 'Windows', browser: 'Opera' }],
  ['Mac Safari', UA.macSafari, { deviceType: 'desktop', os: 'macOS', browser: 'Safari' }],
  [
    'Outlook for Mac ("Microsoft" is not Chrome OS)',
    UA.macOutlook,
    { deviceType: 'desktop', os: 'macOS', browser: '' },
  ],
  ['Linux Firefox', UA.linuxFirefox, { deviceType: 'desktop', os: 'Linux', browser: 'Firefox' }],
  ['Chromebook', UA.chromebook, { deviceType: 'desktop', os: 'Chrome OS', browser: 'Chrome' }],
];

const bots: [string, string][] = [
  ['Googlebot', UA.googlebot],
  ['Googlebot smartphone (a bot, though its UA says Android and Mobile)', UA.googlebotSmartphone],
  ['headless Chrome', UA.headlessChrome],
  ['Facebook link preview', UA.facebookPreview],
  ['curl', UA.curl],
  ['python-requests', UA.pythonRequests],
];

describe('detectDevice from a user agent', () => {
  it.each(browsers)('%s', (_name, userAgent, expected) => {
    expect(detectDevice(userAgent)).toEqual(expected);
  });

  it.each(bots)('%s is a bot', (_name, userAgent) => {
    expect(detectDevice(userAgent).deviceType).toBe('bot');
  });

  it('keeps the OS and browser a bot claims', () => {
    expect(detectDevice(UA.googlebotSmartphone)).toEqual({ deviceType: 'bot', os: 'Android', browser: 'Chrome' });
    expect(detectDevice(UA.curl)).toEqual({ deviceType: 'bot', os: '', browser: '' });
  });

  it('knows nothing from nothing', () => {
    expect(detectDevice('')).toEqual({ deviceType: '', os: '', browser: '' });
  });
});

describe('detectDevice from the device block of a mobile SDK', () => {
  it.each([
    ['ios', '', { deviceType: 'mobile', os: 'iOS', browser: '' }],
    ['android', '', { deviceType: 'mobile', os: 'Android', browser: '' }],
    ['iOS', 'iPadOS', { deviceType: 'mobile', os: 'iPadOS', browser: '' }],
    ['mobile', '', { deviceType: 'mobile', os: '', browser: '' }],
    ['phone', 'Android', { deviceType: 'mobile', os: 'Android', browser: '' }],
    ['tablet', 'Android', { deviceType: 'tablet', os: 'Android', browser: '' }],
    ['desktop', 'macOS', { deviceType: 'desktop', os: 'macOS', browser: '' }],
  ] as const)('device.type %s, os.name "%s"', (sdkType, osName, expected) => {
    expect(detectDevice('', sdkType, osName)).toEqual(expected);
  });

  it('lets the SDK device type win over a user agent, which still names the browser', () => {
    expect(detectDevice(UA.macSafari, 'ios')).toEqual({ deviceType: 'mobile', os: 'macOS', browser: 'Safari' });
    expect(detectDevice(UA.windowsChrome, 'tablet', 'Android')).toEqual({
      deviceType: 'tablet',
      os: 'Android',
      browser: 'Chrome',
    });
  });

  it('reads the user agent when the SDK says only "desktop" or something unknown', () => {
    expect(detectDevice(UA.iPhoneSafari, 'desktop')).toEqual({ deviceType: 'mobile', os: 'iOS', browser: 'Safari' });
    expect(detectDevice(UA.linuxFirefox, 'tv')).toEqual({ deviceType: 'desktop', os: 'Linux', browser: 'Firefox' });
  });

  it('prefers the SDK os name over the user agent', () => {
    expect(detectDevice(UA.androidChrome, '', 'Android 14')).toEqual({
      deviceType: 'mobile',
      os: 'Android 14',
      browser: 'Chrome',
    });
  });
});
