// One customer's whole story over the simulated period: first visit, returns that thin out until they churn,
// a second device for some, and the shop's emails that bring them back (or are only opened).

import type { SegmentCall } from '../core/event.js';
import { DAY_MS, HOUR_MS } from '../core/time.js';
import type { Calendar } from './calendar.js';
import { drawFirstTouch, drawReturnTouch, emailTouch, type Touch } from './campaigns.js';
import { drawFirstDevice, drawSecondDevice } from './devices.js';
import { drawIp } from './geography.js';
import { anonymousIdFor } from './ids.js';
import { openBrowser, type Browser } from './browser.js';
import type { CheckoutBanner } from './checkout-banner.js';
import { Journal, emailPage, emailProperties } from './journal.js';
import { drawPersona, hasAttitude, type Persona } from './people.js';
import { Random } from './random.js';
import { emailable, type Shopper } from './shopper.js';
import { runVisit } from './visit.js';

/** Chance that an email brings the customer back, by kind. */
const CLICK_THROUGH = { cart: 0.3, welcome: 0.35, review: 0.3 } as const;

/** Simulates customer number `customer` (0-based) and returns their calls in time order. */
export function simulateCustomer(
  seed: number,
  customer: number,
  calendar: Calendar,
  banner: CheckoutBanner,
): SegmentCall[] {
  const random = new Random(seed, customer + 1);
  const persona = drawPersona(random, customer);
  const { home, habits } = persona;
  const offset = home.country.utcOffset;
  const first = openBrowser(drawFirstDevice(random), anonymousIdFor(random, seed, customer, 0), home, home.ip);
  let t = calendar.firstVisit(random, offset);
  let touch = drawFirstTouch(random, t, calendar);
  const shopper = newShopper(seed, customer, random, calendar, banner, persona, first, touch);
  // Multi-device shoppers browse on the phone and buy on the laptop; one-off visitors rarely show up twice anyway.
  const multiDevice = random.chance(persona.lifecycle === 'one_off' ? 0.08 : 0.35);
  const salePull = hasAttitude(persona, 'price_sensitive') ? 0.75 : 0.4;
  const loyaltyBoost = hasAttitude(persona, 'brand_loyal') ? 0.08 : 0.04;
  let browser = first;
  let returnChance = Math.min(0.97, habits.returnChance * (0.8 + 0.2 * shopper.affinity));
  for (let visits = 1; t < calendar.end; visits++) {
    const outcome = runVisit(shopper, browser, touch, t);
    // A good purchase brings people back; otherwise interest fades visit by visit until they churn.
    if (outcome.ordered) returnChance = Math.min(0.96, returnChance + loyaltyBoost);
    else returnChance *= habits.returnDecay;

    browser = multiDevice && random.chance(0.4) ? secondBrowser(shopper) : first;
    const triggered = triggeredVisit(shopper, outcome.end);
    if (triggered !== undefined) {
      [t, touch] = triggered;
      continue;
    }
    if (!random.chance(returnChance)) break;
    const meanGap = habits.meanGapDays * (1 + visits * 0.05);
    const next = calendar.nextVisit(outcome.end, meanGap, salePull, random, offset);
    openedNewsletters(shopper, first, outcome.end, next);
    t = next;
    touch = drawReturnTouch(random, t, calendar, emailable(shopper));
  }
  return shopper.journal.calls;
}

function newShopper(
  seed: number,
  customer: number,
  random: Random,
  calendar: Calendar,
  banner: CheckoutBanner,
  persona: Persona,
  first: Browser,
  firstTouch: Touch,
): Shopper {
  return {
    seed,
    customer,
    random,
    calendar,
    banner,
    journal: new Journal(seed, customer, calendar.end),
    persona,
    // How a customer found the shop says how much they wanted it: brand searchers stay keen, ad swipers do not.
    affinity: Math.sqrt(firstTouch.quality),
    currency: persona.home.country.currency,
    browsers: [first],
    accountCart: undefined,
    orders: 0,
    purchased: [],
    plan: 'free',
    knownSince: undefined,
    abandonedCartAt: undefined,
    lastOrderAt: undefined,
  };
}

/** The customer's other browser, opened (anonymous, with its own cookie and network) the first time it is used. */
function secondBrowser(shopper: Shopper): Browser {
  const existing = shopper.browsers[1];
  if (existing) return existing;
  const { random, seed, customer, persona } = shopper;
  const first = shopper.browsers[0]!;
  const profile = drawSecondDevice(random, first.profile.type);
  const anonymousId = anonymousIdFor(random, seed, customer, 1);
  const browser = openBrowser(profile, anonymousId, persona.home, drawIp(random, persona.home.country));
  shopper.browsers.push(browser);
  return browser;
}

/**
 * Emails the shop sends because of what just happened: a reminder a few hours after a cart was left, a review
 * request a week after an order, a welcome after signing up. When the customer clicks, that is their next visit.
 */
function triggeredVisit(shopper: Shopper, after: number): [number, Touch] | undefined {
  if (!emailable(shopper)) return undefined;
  const { random, calendar } = shopper;
  const send = (kind: keyof typeof CLICK_THROUGH, delay: number): [number, Touch] | undefined => {
    if (!random.chance(CLICK_THROUGH[kind])) return undefined;
    const t = after + delay + random.exponential(6 * HOUR_MS);
    return [t, emailTouch(random, kind, t, calendar)];
  };
  const justHappened = (at: number | undefined): boolean => at !== undefined && at >= after - HOUR_MS;
  if (justHappened(shopper.abandonedCartAt)) return send('cart', 3 * HOUR_MS);
  if (justHappened(shopper.lastOrderAt)) return send('review', 7 * DAY_MS);
  if (justHappened(shopper.knownSince) && shopper.orders === 0) return send('welcome', HOUR_MS);
  return undefined;
}

/** Newsletters go out weekly; between visits the customer opens some without clicking. */
function openedNewsletters(shopper: Shopper, browser: Browser, from: number, to: number): void {
  if (!emailable(shopper)) return;
  const { random, calendar, journal } = shopper;
  for (let t = from + random.exponential(7 * DAY_MS); t < to - HOUR_MS; t += 7 * DAY_MS) {
    if (!random.chance(0.3)) continue;
    const touch = emailTouch(random, calendar.saleAt(t) !== undefined ? 'sale' : 'newsletter', t, calendar);
    const subject = touch.email?.subject ?? '';
    journal.track(t, browser, touch, emailPage(touch, subject), 'Email Opened', emailProperties(touch, subject));
  }
}
