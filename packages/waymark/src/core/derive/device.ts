// Device type, operating system and browser from a user agent or the device block that mobile SDKs send.

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | '';

export interface Device {
  deviceType: DeviceType;
  os: string;
  browser: string;
}

const BOT = /bot|crawl|spider|slurp|headless|lighthouse|preview|facebookexternalhit|curl\/|wget|python-requests/i;
const TABLET = /ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini/i;

const OS_RULES: ReadonlyArray<[RegExp, string]> = [
  [/windows phone/i, 'Windows Phone'],
  [/windows/i, 'Windows'],
  [/iphone|ipad|ipod|ios/i, 'iOS'],
  [/android/i, 'Android'],
  // A whole word: "Microsoft" contains "cros".
  [/\bcros\b/i, 'Chrome OS'],
  [/mac os x|macintosh/i, 'macOS'],
  [/linux/i, 'Linux'],
];

const BROWSER_RULES: ReadonlyArray<[RegExp, string]> = [
  [/edg(e|a|ios)?\//i, 'Edge'],
  [/opr\/|opera/i, 'Opera'],
  [/samsungbrowser/i, 'Samsung Internet'],
  [/firefox|fxios/i, 'Firefox'],
  [/chrome|crios|chromium/i, 'Chrome'],
  [/safari/i, 'Safari'],
];

function firstMatch(rules: ReadonlyArray<[RegExp, string]>, ua: string): string {
  for (const [re, name] of rules) if (re.test(ua)) return name;
  return '';
}

/** Parses a user agent; `sdkDeviceType` (context.device.type, e.g. "ios") wins when the SDK states it. */
export function detectDevice(userAgent: string, sdkDeviceType = '', sdkOsName = ''): Device {
  const sdkType = sdkDeviceType.toLowerCase();
  const os = sdkOsName || firstMatch(OS_RULES, userAgent);
  // The SDK's device type decides the type; a user agent sent along still names the browser.
  const browser = userAgent === '' ? '' : firstMatch(BROWSER_RULES, userAgent);
  if (sdkType === 'ios' || sdkType === 'android' || sdkType === 'mobile' || sdkType === 'phone') {
    return {
      deviceType: 'mobile',
      os: os || (sdkType === 'ios' ? 'iOS' : sdkType === 'android' ? 'Android' : ''),
      browser,
    };
  }
  if (sdkType === 'tablet') return { deviceType: 'tablet', os, browser };
  if (userAgent === '') return { deviceType: sdkType === 'desktop' ? 'desktop' : '', os, browser };
  if (BOT.test(userAgent)) return { deviceType: 'bot', os, browser };
  if (TABLET.test(userAgent)) return { deviceType: 'tablet', os, browser };
  if (MOBILE.test(userAgent)) return { deviceType: 'mobile', os, browser };
  return { deviceType: 'desktop', os, browser };
}
