// Checkout: shipping, payment and the order, each step losing some buyers; the customer identifies here if they
// have not yet, because an order needs an email address.

import type { JsonObject } from '../core/event.js';
import { DAY_MS } from '../core/time.js';
import { signUp } from './account.js';
import { THANK_YOU_DISCOUNT } from './checkout-banner.js';
import { orderIdFor } from './ids.js';
import { hasAttitude } from './people.js';
import { cartProducts, cartValue, orderTotals } from './product-properties.js';
import { recordOrder } from './shopper.js';
import type { Visit } from './visit.js';

interface Offer {
  coupon: string;
  rate: number;
}

/** The best coupon the customer has at hand, if any: a sale, a partner code, or the welcome discount. */
function offerFor(visit: Visit): Offer | undefined {
  const { shopper, touch } = visit;
  const sale = shopper.calendar.saleAt(visit.t);
  // Bargain hunters and visitors from sale ads always have the sale's code; others find it half the time.
  const bargainHunter = touch.sale !== undefined || hasAttitude(shopper.persona, 'price_sensitive');
  const knowsCode = bargainHunter || shopper.random.chance(0.5);
  if (sale && knowsCode) return { coupon: sale.coupon, rate: sale.discount };
  if (touch.channel === 'Affiliates') return { coupon: 'PARTNER10', rate: 0.1 };
  const newSubscriber = shopper.knownSince !== undefined && visit.t - shopper.knownSince < 21 * DAY_MS;
  if (shopper.orders === 0 && newSubscriber && shopper.persona.marketingOptIn) {
    return { coupon: 'WELCOME10', rate: 0.1 };
  }
  if (touch.campaign?.['name'] === 'cart-reminder') return { coupon: 'COMEBACK5', rate: 0.05 };
  return undefined;
}

function paymentMethod(visit: Visit): string {
  const { random, currency } = visit.shopper;
  const roll = random.float();
  if (roll < 0.55) return 'credit_card';
  if (roll < 0.8) return 'paypal';
  if (roll < 0.92) return visit.browser.profile.userAgent.includes('Android') ? 'google_pay' : 'apple_pay';
  return currency === 'EUR' ? 'klarna' : 'afterpay';
}

/** From the cart to an order, or to an abandoned checkout. */
export function checkout(visit: Visit): void {
  const { shopper, browser } = visit;
  const { random, currency } = shopper;
  const cart = browser.cart;
  const orderId = orderIdFor(shopper.seed, shopper.customer, shopper.orders + 1);
  const checkoutId = `chk-${orderId}`;
  const usual = offerFor(visit);
  visit.view('/checkout/shipping', 'Checkout: shipping', 'Checkout Shipping', 'Checkout');
  // The page shows the banner; a returning customer's thank-you code applies when they have no better one.
  const shown = shopper.banner.show(shopper, browser, visit.t);
  const offer = usual ?? (shown?.offer === undefined ? undefined : { coupon: shown.offer, rate: THANK_YOU_DISCOUNT });
  const products = cartProducts(cart, currency);
  // No revenue here: the spec's `value`, so that only completed orders count as revenue.
  const value = cartValue(cart, currency);
  const started: JsonObject = { checkout_id: checkoutId, order_id: orderId, value, currency, products };
  if (offer) started['coupon'] = offer.coupon;
  visit.track('Checkout Started', started);

  // The shipping form asks for an email: members log in, a third of newcomers create an account, the rest are guests.
  if (!browser.identified) {
    if (shopper.journal.userId === undefined && random.chance(0.3)) signUp(visit, 'checkout');
    else visit.identifyHere();
  }
  // Buyers drop out in two places: shipping costs and the payment form.
  const stepPass = Math.sqrt(shopper.banner.completionChance(visit.pPurchase, shown));
  if (!random.chance(stepPass)) return;
  const shippingMethod = random.chance(0.8) ? 'standard' : 'express';
  visit.track('Checkout Step Completed', { checkout_id: checkoutId, step: 1, shipping_method: shippingMethod }, 45);
  visit.view('/checkout/payment', 'Checkout: payment', 'Checkout Payment', 'Checkout');
  const payment = paymentMethod(visit);
  const paymentInfo = { checkout_id: checkoutId, order_id: orderId, step: 2, payment_method: payment };
  visit.track('Payment Info Entered', paymentInfo, 30);
  if (!random.chance(stepPass)) return;
  visit.track('Checkout Step Completed', { checkout_id: checkoutId, step: 2, payment_method: payment }, 5);

  const totals = orderTotals(cart, currency, offer?.rate ?? 0, shopper.plan === 'plus');
  visit.view('/checkout/confirmation', 'Thank you for your order', 'Order Confirmation', 'Checkout');
  const order: JsonObject = {
    checkout_id: checkoutId,
    order_id: orderId,
    affiliation: 'Summit Supply Online',
    subtotal: totals.subtotal,
    total: totals.total,
    revenue: totals.revenue,
    shipping: totals.shipping,
    tax: totals.tax,
    discount: totals.discount,
    currency,
    products,
  };
  if (offer) order['coupon'] = offer.coupon;
  visit.track('Order Completed', order, 1);

  shopper.purchased.push(...cart.map((line) => line.product));
  cart.length = 0;
  shopper.abandonedCartAt = undefined;
  visit.outcome.ordered = true;
  visit.t += 1500;
  recordOrder(shopper, visit.t, browser, visit.touch, visit.page);
}
