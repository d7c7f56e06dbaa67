// After the order: reviews and satisfaction surveys from customers who come back through the review-request email.
// Loyal customers are kinder; the share of detractors gives feedback analysis something to find.

import type { Visit } from './visit.js';
import { productProperties } from './product-properties.js';
import { hasAttitude } from './people.js';

const REVIEW_TEXT: Readonly<Record<number, readonly string[]>> = {
  5: ['Perfect fit, comfortable on long trails.', 'Exactly as described, fast delivery.', 'Best purchase this year.'],
  4: ['Great quality, runs a little small.', 'Very good, but the colour is darker than in the photos.'],
  3: ['Okay for the price.', 'Does the job, nothing special.'],
  2: ['Arrived late and the box was damaged.', 'Started to wear out after a month.'],
  1: ['Wrong size sent, return took weeks.', 'Fell apart on the first hike.'],
};

/** The customer lands on a product they bought; some rate it and some answer the NPS question. */
export function reviewPurchase(visit: Visit): void {
  const { shopper } = visit;
  const { random, persona } = shopper;
  const product = shopper.purchased[shopper.purchased.length - 1];
  if (product === undefined) return;
  visit.view(`/p/${product.slug}`, product.name, 'Product', product.category.name, visit.touch.query);
  visit.track('Product Viewed', productProperties(product, shopper.currency));
  const kindness = persona.lifecycle === 'loyal' || hasAttitude(persona, 'brand_loyal') ? 0.15 : 0;
  if (random.chance(0.5)) {
    const roll = random.float() - kindness;
    const rating = roll < 0.55 ? 5 : roll < 0.8 ? 4 : roll < 0.9 ? 3 : roll < 0.95 ? 2 : 1;
    const review: Record<string, string | number> = {
      product_id: product.id,
      review_id: `rev-${shopper.customer}-${shopper.purchased.length}`,
      rating,
      review_body: random.pick(REVIEW_TEXT[rating] ?? ['']),
    };
    visit.track('Product Reviewed', review, 60);
  }
  if (random.chance(0.35)) {
    const roll = random.float() - kindness;
    const score = roll < 0.5 ? random.between(9, 10) : roll < 0.8 ? random.between(7, 8) : random.between(0, 6);
    visit.track('NPS Survey Answered', { survey_id: 'nps-post-purchase', score, order_count: shopper.orders }, 20);
  }
}
