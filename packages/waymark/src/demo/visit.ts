// One visit to the shop: the landing page, browsing, searching and adding to the cart, with the drop-offs of a real
// store. Checkout lives in checkout.ts.

import type { JsonObject } from '../core/event.js';
import type { Touch } from './campaigns.js';
import { categories, productsByCategory, searchTerms, type Category, type Product } from './catalog.js';
import { logIn, signUp } from './account.js';
import { reviewPurchase } from './aftercare.js';
import { checkout } from './checkout.js';
import { DEVICE_CONVERSION } from './devices.js';
import type { Browser } from './browser.js';
import { emailPage, emailProperties, pageContext, type PageContext } from './journal.js';
import { hasAttitude } from './people.js';
import { cartProducts, cartValue, listedProducts, productProperties } from './product-properties.js';
import { identify, type Shopper } from './shopper.js';

/** How likely each step is for an average visitor on a desktop; intent, channel and device scale them. */
const BASE = { bounce: 0.36, add: 0.027, cartAfterAdd: 0.55, checkout: 0.22, purchase: 0.4 };

export interface VisitOutcome {
  /** When the last call of the visit was made. */
  end: number;
  ordered: boolean;
}

const clamp = (p: number): number => Math.min(0.95, Math.max(0.01, p));

/** A visit in progress: the clock, the page the visitor is on, and their chances to go further. */
export class Visit {
  t: number;
  page: PageContext;
  readonly outcome: VisitOutcome;
  readonly pCheckout: number;
  readonly pPurchase: number;
  readonly pAdd: number;

  constructor(
    readonly shopper: Shopper,
    readonly browser: Browser,
    readonly touch: Touch,
    start: number,
  ) {
    this.t = start;
    this.outcome = { end: start, ordered: false };
    const { persona, calendar } = shopper;
    const sale = calendar.saleAt(start);
    const saleLift = sale === undefined ? 1 : hasAttitude(persona, 'price_sensitive') ? sale.lift * 1.25 : sale.lift;
    const returningToCart = browser.cart.length > 0 ? 1.3 : 1;
    const intent = persona.habits.intent * shopper.affinity * touch.quality * saleLift * returningToCart;
    const device = DEVICE_CONVERSION[browser.profile.type];
    this.pAdd = clamp(BASE.add * intent * device.add);
    this.pCheckout = clamp(BASE.checkout * Math.sqrt(intent) * device.checkout);
    this.pPurchase = clamp(BASE.purchase * Math.pow(intent, 0.3) * device.purchase);
    this.page = pageContext(touch, '/', 'Home');
  }

  /** A page view after reading the previous page: seconds to minutes, occasionally a long pause. */
  view(path: string, title: string, name: string, category?: string, search = ''): void {
    this.t += Math.min(this.shopper.random.logNormal(35, 0.8), 600) * 1000;
    this.page = pageContext(this.touch, path, title, search);
    this.shopper.journal.page(this.t, this.browser, this.touch, this.page, name, category);
  }

  track(event: string, properties: JsonObject, medianSeconds = 2): void {
    this.t += this.shopper.random.logNormal(medianSeconds, 0.5) * 1000;
    this.shopper.journal.track(this.t, this.browser, this.touch, this.page, event, properties);
  }

  identifyHere(): void {
    this.t += 800;
    identify(this.shopper, this.t, this.browser, this.touch, this.page);
  }
}

/** Plays one visit and reports how far it got. */
export function runVisit(shopper: Shopper, browser: Browser, touch: Touch, start: number): VisitOutcome {
  const visit = new Visit(shopper, browser, touch, start);
  const { random, persona } = shopper;
  if (touch.email !== undefined) emailClick(visit, touch.email.subject);
  if (touch.campaign?.['name'] === 'review-request') reviewPurchase(visit);
  else land(visit);
  const bounce = clamp(BASE.bounce / Math.sqrt(touch.quality * persona.habits.intent));
  if (!random.chance(bounce)) {
    if (shopper.journal.userId !== undefined && !browser.identified && random.chance(0.45)) logIn(visit);
    const attention = hasAttitude(persona, 'convenience_seeker') ? 5.5 : 7.5;
    const steps = 1 + Math.floor(random.exponential(attention * Math.sqrt(persona.habits.intent)));
    for (let i = 0; i < steps && !visit.outcome.ordered; i++) browseStep(visit);
    if (shopper.journal.userId === undefined && random.chance(persona.signUpChance)) {
      // Most sign-ups come from the newsletter pop-up (10% off); some go to the account page.
      if (random.chance(0.3)) visit.view('/account/signup', 'Create your account', 'Sign Up', 'Account');
      signUp(visit, visit.page.path === '/account/signup' ? 'account_page' : 'newsletter_popup');
    }
  }
  if (browser.cart.length > 0 && !visit.outcome.ordered) shopper.abandonedCartAt = visit.t;
  visit.outcome.end = visit.t;
  return visit.outcome;
}

/** The email's own events come first, filed on the email's web version page. */
function emailClick(visit: Visit, subject: string): void {
  visit.page = emailPage(visit.touch, subject);
  visit.track('Email Opened', emailProperties(visit.touch, subject), 1);
  const clicked = emailProperties(visit.touch, subject);
  clicked['link_url'] = visit.page.url;
  visit.track('Email Link Clicked', clicked, 40);
}

/** The landing page's URL carries the campaign's query string, so ingest can read UTM tags and click ids from it. */
function land(visit: Visit): void {
  const { touch } = visit;
  const query = touch.query;
  switch (touch.landing) {
    case 'product':
      return viewProduct(visit, pickProduct(visit), query);
    case 'category':
      return viewCategory(visit, pickCategory(visit), query);
    case 'sale':
      visit.view(touch.sale?.landingPath ?? '/sale', touch.sale?.title ?? 'Sale', 'Sale', undefined, query);
      return listViewed(visit, touch.sale?.campaign ?? 'sale', 'Sale', pickCategory(visit));
    case 'article': {
      const topic = pickCategory(visit);
      const path = `/journal/how-to-choose-${topic.slug}`;
      return visit.view(path, `How to choose ${topic.name}`, 'Article', 'Journal', query);
    }
    case 'cart':
      return viewCart(visit, query);
    case 'home':
      return visit.view('/', 'Outdoor gear for every trail', 'Home', undefined, query);
  }
}

/** Where a browsing visitor clicks next: mostly products, then categories and search; the cart once it has items. */
function browseStep(visit: Visit): void {
  const { random } = visit.shopper;
  const roll = random.float() * 100;
  if (visit.browser.cart.length > 0 && roll < 18) return viewCart(visit);
  if (roll < 60) return viewProduct(visit, pickProduct(visit));
  if (roll < 80) return viewCategory(visit, pickCategory(visit));
  if (roll < 92) return search(visit);
  if (roll < 97) return visit.view('/', 'Outdoor gear for every trail', 'Home');
  if (visit.shopper.orders > 0 && random.chance(0.5)) return openTicket(visit);
  return visit.view('/help/shipping', 'Shipping and returns', 'Help', 'Help');
}

function viewProduct(visit: Visit, product: Product, search = ''): void {
  const { shopper } = visit;
  visit.view(`/p/${product.slug}`, product.name, 'Product', product.category.name, search);
  visit.track('Product Viewed', productProperties(product, shopper.currency));
  if (!shopper.random.chance(visit.pAdd)) return;
  const quantity = shopper.random.chance(0.12) ? 2 : 1;
  const { cart } = visit.browser;
  const line = cart.find((l) => l.product === product);
  if (line) line.quantity += quantity;
  else cart.push({ product, quantity });
  const added = productProperties(product, shopper.currency);
  added['quantity'] = quantity;
  added['cart_id'] = cartId(visit);
  visit.track('Product Added', added, 6);
  if (shopper.random.chance(BASE.cartAfterAdd)) viewCart(visit);
}

function viewCategory(visit: Visit, category: Category, search = ''): void {
  visit.view(`/c/${category.slug}`, category.name, 'Category', category.name, search);
  listViewed(visit, category.slug, category.name, category);
}

function listViewed(visit: Visit, listId: string, listName: string, shown: Category): void {
  const products = listedProducts(shown.slug, visit.shopper.currency);
  visit.track('Product List Viewed', { list_id: listId, category: listName, products });
}

function search(visit: Visit): void {
  const [term, slug] = visit.shopper.random.pick(searchTerms);
  visit.view('/search', `Search: ${term}`, 'Search', undefined, `?q=${encodeURIComponent(term)}`);
  visit.track('Products Searched', { query: term });
  const category = categories.find((c) => c.slug === slug);
  if (category && visit.shopper.random.chance(0.7)) viewProduct(visit, pickFrom(visit, category));
}

function viewCart(visit: Visit, search = ''): void {
  const { shopper } = visit;
  visit.view('/cart', 'Your cart', 'Cart', undefined, search);
  const { cart } = visit.browser;
  const { currency } = shopper;
  if (cart.length === 0) return;
  const products = cartProducts(cart, currency);
  visit.track('Cart Viewed', { cart_id: cartId(visit), value: cartValue(cart, currency), currency, products });
  if (shopper.random.chance(visit.pCheckout)) checkout(visit);
}

const TICKET_TOPICS = ['delivery', 'delivery', 'return', 'sizing', 'payment', 'damaged_item'];

function openTicket(visit: Visit): void {
  const { random, customer } = visit.shopper;
  visit.view('/help/contact', 'Contact us', 'Contact', 'Help');
  const ticket = {
    ticket_id: `T-${customer + 1}-${Math.floor(visit.t / 60_000) % 1_000_000}`,
    topic: random.pick(TICKET_TOPICS),
    channel: random.pick(['chat', 'form', 'email']),
  };
  visit.track('Support Ticket Opened', ticket, 90);
}

function pickCategory(visit: Visit): Category {
  const { random, persona } = visit.shopper;
  return random.chance(0.75) ? random.pick(persona.interests) : random.pick(categories);
}

function pickProduct(visit: Visit): Product {
  return pickFrom(visit, pickCategory(visit));
}

function pickFrom(visit: Visit, category: Category): Product {
  const items = productsByCategory.get(category.slug) ?? [];
  // Best sellers sit at the top of a category and get most of the views.
  const index = Math.min(items.length - 1, Math.floor(visit.shopper.random.exponential(2.5)));
  return items[index] ?? items[0]!;
}

const cartId = (visit: Visit): string => `cart-${visit.browser.anonymousId.slice(0, 8)}`;
