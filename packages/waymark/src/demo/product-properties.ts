// Products as the Segment e-commerce spec describes them in event properties: single products, lists and carts,
// and the money of an order.

import type { JsonObject } from '../core/event.js';
import { categories, productsByCategory, type Currency, type Product } from './catalog.js';
import type { CartLine } from './browser.js';

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Properties of Product Viewed / Product Added / Product Reviewed: a fresh object on every call. */
export function productProperties(product: Product, currency: Currency): JsonObject {
  return {
    product_id: product.id,
    sku: product.sku,
    category: product.category.name,
    name: product.name,
    brand: product.brand,
    price: product.price[currency],
    currency,
    url: product.url,
    image_url: product.imageUrl,
  };
}

// A category page shows its first products above the fold; lists carry those, as shops send them.
const lists = new Map<string, JsonObject[]>();
for (const category of categories) {
  for (const currency of ['USD', 'EUR'] as const) {
    const items = (productsByCategory.get(category.slug) ?? []).slice(0, 6);
    lists.set(
      `${currency}:${category.slug}`,
      items.map((p, i) => ({ product_id: p.id, sku: p.sku, name: p.name, price: p.price[currency], position: i + 1 })),
    );
  }
}

/** The products block of Product List Viewed; shared between calls, so read-only. */
export function listedProducts(categorySlug: string, currency: Currency): JsonObject[] {
  return lists.get(`${currency}:${categorySlug}`) ?? [];
}

export function cartProducts(cart: readonly CartLine[], currency: Currency): JsonObject[] {
  return cart.map((line, i) => ({
    product_id: line.product.id,
    sku: line.product.sku,
    name: line.product.name,
    category: line.product.category.name,
    brand: line.product.brand,
    price: line.product.price[currency],
    quantity: line.quantity,
    position: i + 1,
  }));
}

export interface OrderTotals {
  subtotal: number;
  discount: number;
  /** Subtotal after discount, before shipping and tax: the spec's `revenue`. */
  revenue: number;
  shipping: number;
  tax: number;
  total: number;
}

/**
 * Money of an order. US prices exclude sales tax, added on top; euro prices include VAT, so `tax` reports the VAT
 * inside them and the total does not grow by it.
 */
export function orderTotals(
  cart: readonly CartLine[],
  currency: Currency,
  discountRate: number,
  freeShipping: boolean,
): OrderTotals {
  const subtotal = round2(cart.reduce((sum, line) => sum + line.product.price[currency] * line.quantity, 0));
  const discount = round2(subtotal * discountRate);
  const revenue = round2(subtotal - discount);
  const shipping = freeShipping || revenue >= 75 ? 0 : currency === 'USD' ? 6.95 : 5.95;
  const tax = currency === 'USD' ? round2(revenue * 0.07) : round2(revenue - revenue / 1.19);
  const total = round2(revenue + shipping + (currency === 'USD' ? tax : 0));
  return { subtotal, discount, revenue, shipping, tax, total };
}

export const cartValue = (cart: readonly CartLine[], currency: Currency): number =>
  round2(cart.reduce((sum, line) => sum + line.product.price[currency] * line.quantity, 0));
