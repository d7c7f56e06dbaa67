// A browser a customer shops on: its device, the anonymousId cookie analytics.js keeps, its network, and its cart.

import type { JsonObject } from '../core/event.js';
import type { DeviceProfile } from './devices.js';
import type { Home } from './geography.js';
import type { Product } from './catalog.js';

export interface CartLine {
  product: Product;
  quantity: number;
}

export interface Browser {
  profile: DeviceProfile;
  anonymousId: string;
  /** The customer has logged in (or signed up, or checked out) here; calls then carry the userId too. */
  identified: boolean;
  locale: string;
  timezone: string;
  ip: string;
  location: JsonObject;
  /** A cookie cart until the customer logs in; then the account's cart, shared by all their logged-in browsers. */
  cart: CartLine[];
}

export function openBrowser(profile: DeviceProfile, anonymousId: string, home: Home, ip: string): Browser {
  const location = { country: home.country.name, city: home.city };
  return {
    profile,
    anonymousId,
    identified: false,
    locale: home.locale,
    timezone: home.country.timezone,
    ip,
    location,
    cart: [],
  };
}
