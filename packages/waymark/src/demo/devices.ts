// The browsers and devices demo customers shop on, as analytics.js reports them, and how well each converts.

import type { JsonObject } from '../core/event.js';
import { Weighted, type Random } from './random.js';

export type DeviceType = 'desktop' | 'mobile' | 'tablet';

/**
 * Context blocks sent with every call from this device. `device` (phones and tablets) leaves out `type` on purpose:
 * Waymark trusts an SDK's device type over the user agent and would then not parse the browser.
 */
export interface DeviceProfile {
  type: DeviceType;
  userAgent: string;
  os: JsonObject;
  screen: JsonObject;
  device: JsonObject | undefined;
  /** Chromium browsers only. */
  userAgentData: JsonObject | undefined;
}

/** Small screens and fiddly forms: each funnel step converts worse on a phone. */
export const DEVICE_CONVERSION: Readonly<Record<DeviceType, { add: number; checkout: number; purchase: number }>> = {
  desktop: { add: 1, checkout: 1, purchase: 1 },
  tablet: { add: 0.95, checkout: 0.9, purchase: 0.9 },
  mobile: { add: 0.8, checkout: 0.8, purchase: 0.75 },
};

const CHROME = '130.0.0.0';
const WEBKIT = 'AppleWebKit/537.36 (KHTML, like Gecko)';
const IOS_WEBKIT = 'AppleWebKit/605.1.15 (KHTML, like Gecko)';

function chromiumData(brand: string, platform: string, mobile: boolean): JsonObject {
  return {
    brands: [
      { brand: 'Chromium', version: '130' },
      { brand, version: '130' },
      { brand: 'Not?A_Brand', version: '99' },
    ],
    mobile,
    platform,
  };
}

interface Spec {
  type: DeviceType;
  userAgent: string;
  os: [name: string, version: string];
  hardware?: [manufacturer: string, model: string];
  screen: [width: number, height: number, density: number];
  chromium?: [brand: string, platform: string];
  /** Relative share of its device type's traffic. */
  share: number;
}

function profile(spec: Spec): DeviceProfile {
  return {
    type: spec.type,
    userAgent: spec.userAgent,
    os: { name: spec.os[0], version: spec.os[1] },
    screen: { width: spec.screen[0], height: spec.screen[1], density: spec.screen[2] },
    device: spec.hardware && { manufacturer: spec.hardware[0], model: spec.hardware[1] },
    userAgentData: spec.chromium && chromiumData(spec.chromium[0], spec.chromium[1], spec.type === 'mobile'),
  };
}

const devices = (specs: readonly Spec[]): Weighted<DeviceProfile> =>
  new Weighted(specs.map((spec) => [profile(spec), spec.share] as const));

const WINDOWS = 'Windows NT 10.0; Win64; x64';
const MAC = 'Macintosh; Intel Mac OS X 10_15_7';

const DESKTOP = devices([
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (${WINDOWS}) ${WEBKIT} Chrome/${CHROME} Safari/537.36`,
    os: ['Windows', '10'],
    screen: [1920, 1080, 1],
    chromium: ['Google Chrome', 'Windows'],
    share: 40,
  },
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (${WINDOWS}) ${WEBKIT} Chrome/${CHROME} Safari/537.36 Edg/130.0.0.0`,
    os: ['Windows', '11'],
    screen: [1536, 864, 1.25],
    chromium: ['Microsoft Edge', 'Windows'],
    share: 14,
  },
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (${WINDOWS}; rv:132.0) Gecko/20100101 Firefox/132.0`,
    os: ['Windows', '10'],
    screen: [1920, 1080, 1],
    share: 6,
  },
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (${MAC}) ${IOS_WEBKIT} Version/18.1 Safari/605.1.15`,
    os: ['macOS', '15.1'],
    screen: [1512, 982, 2],
    share: 15,
  },
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (${MAC}) ${WEBKIT} Chrome/${CHROME} Safari/537.36`,
    os: ['macOS', '14.6'],
    screen: [1440, 900, 2],
    chromium: ['Google Chrome', 'macOS'],
    share: 18,
  },
  {
    type: 'desktop',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0',
    os: ['macOS', '14.6'],
    screen: [1728, 1117, 2],
    share: 3,
  },
  {
    type: 'desktop',
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) ${WEBKIT} Chrome/${CHROME} Safari/537.36`,
    os: ['Linux', ''],
    screen: [2560, 1440, 1],
    chromium: ['Google Chrome', 'Linux'],
    share: 4,
  },
]);

const MOBILE = devices([
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) ${IOS_WEBKIT} Version/18.1 Mobile/15E148 Safari/604.1`,
    os: ['iOS', '18.1'],
    hardware: ['Apple', 'iPhone'],
    screen: [393, 852, 3],
    share: 38,
  },
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) ${IOS_WEBKIT} Version/17.6 Mobile/15E148 Safari/604.1`,
    os: ['iOS', '17.6'],
    hardware: ['Apple', 'iPhone'],
    screen: [390, 844, 3],
    share: 9,
  },
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) ${IOS_WEBKIT} CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1`,
    os: ['iOS', '18.1'],
    hardware: ['Apple', 'iPhone'],
    screen: [393, 852, 3],
    share: 7,
  },
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (Linux; Android 10; K) ${WEBKIT} Chrome/${CHROME} Mobile Safari/537.36`,
    os: ['Android', '14'],
    hardware: ['Google', 'Pixel 8'],
    screen: [412, 915, 2.625],
    chromium: ['Google Chrome', 'Android'],
    share: 22,
  },
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (Linux; Android 10; K) ${WEBKIT} Chrome/${CHROME} Mobile Safari/537.36`,
    os: ['Android', '14'],
    hardware: ['Samsung', 'SM-S921B'],
    screen: [384, 832, 2.8125],
    chromium: ['Google Chrome', 'Android'],
    share: 14,
  },
  {
    type: 'mobile',
    userAgent: `Mozilla/5.0 (Linux; Android 14; SM-A546B) ${WEBKIT} SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36`,
    os: ['Android', '14'],
    hardware: ['Samsung', 'SM-A546B'],
    screen: [384, 854, 2.8125],
    share: 8,
  },
  {
    type: 'mobile',
    userAgent: 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0',
    os: ['Android', '14'],
    screen: [412, 915, 2.625],
    share: 2,
  },
]);

const TABLET = devices([
  {
    type: 'tablet',
    userAgent: `Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) ${IOS_WEBKIT} Version/17.6 Mobile/15E148 Safari/604.1`,
    os: ['iOS', '17.6'],
    hardware: ['Apple', 'iPad'],
    screen: [820, 1180, 2],
    share: 70,
  },
  {
    type: 'tablet',
    userAgent: `Mozilla/5.0 (Linux; Android 13; SM-X710) ${WEBKIT} Chrome/${CHROME} Safari/537.36`,
    os: ['Android', '13'],
    hardware: ['Samsung', 'SM-X710'],
    screen: [800, 1280, 2],
    chromium: ['Google Chrome', 'Android'],
    share: 30,
  },
]);

const BY_TYPE: Readonly<Record<DeviceType, Weighted<DeviceProfile>>> = {
  desktop: DESKTOP,
  mobile: MOBILE,
  tablet: TABLET,
};
const FIRST_DEVICE = new Weighted<DeviceType>([
  ['mobile', 56],
  ['desktop', 37],
  ['tablet', 7],
]);

/** The device a new customer first shows up on. */
export function drawFirstDevice(random: Random): DeviceProfile {
  return BY_TYPE[FIRST_DEVICE.draw(random)].draw(random);
}

/** A customer's other device: phone browsers buy on the laptop, laptop browsers check on the phone. */
export function drawSecondDevice(random: Random, first: DeviceType): DeviceProfile {
  const other: DeviceType = random.chance(0.85) ? 'mobile' : 'tablet';
  const type: DeviceType = first !== 'desktop' ? 'desktop' : other;
  return BY_TYPE[type].draw(random);
}
