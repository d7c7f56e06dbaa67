// What the simulation remembers about one customer between visits: who they are, their browsers and orders,
// and what the shop knows of them.

import type { Calendar } from './calendar.js';
import type { Touch } from './campaigns.js';
import type { CheckoutBanner } from './checkout-banner.js';
import type { Browser, CartLine } from './browser.js';
import type { Currency, Product } from './catalog.js';
import { userIdFor } from './ids.js';
import type { Journal, PageContext } from './journal.js';
import { identifyTraits, loyaltyTier, type Persona } from './people.js';
import type { Random } from './random.js';

export interface Shopper {
  readonly seed: number;
  readonly customer: number;
  readonly random: Random;
  readonly calendar: Calendar;
  readonly journal: Journal;
  readonly persona: Persona;
  /** Lifelong interest from how they were acquired; multiplies the intent of every visit. */
  readonly affinity: number;
  readonly currency: Currency;
  readonly browsers: Browser[];
  /** The banner checkout shows, shared by every customer of the run. */
  readonly banner: CheckoutBanner;
  /** The cart of the customer's account, once they have logged in somewhere. */
  accountCart: CartLine[] | undefined;
  orders: number;
  /** Ordered products awaiting a review or survey, newest last. */
  purchased: Product[];
  plan: 'free' | 'plus';
  /** When the customer created an account or first left an email, for the welcome emails. */
  knownSince: number | undefined;
  /** Set when a visit ended with items in the cart and no order: the shop sends a reminder. */
  abandonedCartAt: number | undefined;
  lastOrderAt: number | undefined;
}

/** True once the shop has an address it may send marketing to. */
export const emailable = (shopper: Shopper): boolean =>
  shopper.knownSince !== undefined && shopper.persona.marketingOptIn;

/**
 * The customer tells the shop who they are on this browser: sign-up, guest checkout or login. The first time, the
 * shop creates their userId and records every trait; later browsers just link to it.
 */
export function identify(shopper: Shopper, t: number, browser: Browser, touch: Touch, page: PageContext): void {
  if (browser.identified) return;
  if (shopper.journal.userId === undefined) {
    shopper.journal.userId = userIdFor(shopper.seed, shopper.customer);
    shopper.knownSince = t;
  }
  shopper.journal.identify(t, browser, touch, page, identifyTraits(shopper.persona, shopper.orders, shopper.plan));
  // Logging in moves the cookie cart into the account's cart, which every logged-in browser then shows.
  if (shopper.accountCart === undefined) {
    shopper.accountCart = browser.cart;
    return;
  }
  for (const line of browser.cart) {
    const same = shopper.accountCart.find((l) => l.product === line.product);
    if (same) same.quantity += line.quantity;
    else shopper.accountCart.push(line);
  }
  browser.cart = shopper.accountCart;
}

/** After an order: the loyalty tier moves up at 1, 3 and 6 orders, and the shop's CRM says so with an identify. */
export function recordOrder(shopper: Shopper, t: number, browser: Browser, touch: Touch, page: PageContext): void {
  const before = loyaltyTier(shopper.orders);
  shopper.orders += 1;
  shopper.lastOrderAt = t;
  const after = loyaltyTier(shopper.orders);
  if (after === before || !browser.identified) return;
  // Silver members are offered the paid plan (free shipping); about a third take it.
  if (after === 'silver' && shopper.random.chance(0.3)) shopper.plan = 'plus';
  const traits = { loyalty_tier: after, orders_count: shopper.orders, plan: shopper.plan };
  shopper.journal.identify(t, browser, touch, page, traits);
}
