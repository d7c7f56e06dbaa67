// Who a demo customer is: a lifecycle type that sets how often they come back and how keen they are to buy,
// plus the demographic and psychographic traits they reveal when they identify.

import type { JsonObject } from '../core/event.js';
import { categories, type Category } from './catalog.js';
import { drawHome, type Home } from './geography.js';
import { Weighted, type Random } from './random.js';

export type Lifecycle = 'one_off' | 'casual' | 'regular' | 'loyal';

export interface LifecycleTraits {
  /** Chance of another visit after a session, before decay. */
  returnChance: number;
  /** Each visit makes the next one less likely: interest fades and customers churn. */
  returnDecay: number;
  meanGapDays: number;
  /** Multiplies every chance to move further down the funnel. */
  intent: number;
}

const LIFECYCLES: Readonly<Record<Lifecycle, LifecycleTraits>> = {
  one_off: { returnChance: 0.5, returnDecay: 0.9, meanGapDays: 7, intent: 0.6 },
  casual: { returnChance: 0.86, returnDecay: 0.95, meanGapDays: 5, intent: 0.9 },
  regular: { returnChance: 0.95, returnDecay: 0.98, meanGapDays: 3.5, intent: 1.15 },
  loyal: { returnChance: 0.96, returnDecay: 0.99, meanGapDays: 2.5, intent: 1.5 },
};
const LIFECYCLE_SHARES = new Weighted<Lifecycle>([
  ['one_off', 40],
  ['casual', 35],
  ['regular', 18],
  ['loyal', 7],
]);

export type Attitude =
  'price_sensitive' | 'brand_loyal' | 'eco_conscious' | 'quality_focused' | 'convenience_seeker' | 'trend_seeker';
const ATTITUDES: ReadonlyArray<readonly [Attitude, number]> = [
  ['price_sensitive', 0.35],
  ['brand_loyal', 0.2],
  ['eco_conscious', 0.2],
  ['quality_focused', 0.2],
  ['convenience_seeker', 0.18],
  ['trend_seeker', 0.12],
];

// prettier-ignore
const FEMALE = [
  'Emma', 'Olivia', 'Sophie', 'Mia', 'Hannah', 'Chloe', 'Lea', 'Giulia', 'Lucia', 'Sarah',
  'Anna', 'Julia', 'Camille', 'Isabel', 'Nora', 'Ava', 'Maya', 'Laura', 'Elena', 'Zoe',
];
// prettier-ignore
const MALE = [
  'Liam', 'Noah', 'Lucas', 'Leon', 'Ethan', 'Hugo', 'Mateo', 'Lorenzo', 'Daniel', 'David',
  'Jonas', 'Louis', 'Max', 'Oliver', 'James', 'Samuel', 'Diego', 'Finn', 'Ben', 'Adam',
];
// prettier-ignore
const LAST = [
  'Smith', 'Johnson', 'Garcia', 'Miller', 'Brown', 'Martin', 'Bernard', 'Muller', 'Schmidt', 'Fischer',
  'Rossi', 'Russo', 'Ferrari', 'Lopez', 'Fernandez', 'de Vries', 'Jansen', 'Murphy', 'Kelly', 'Wilson',
  'Taylor', 'Nguyen', 'Kim', 'Patel', 'Dubois', 'Weber', 'Moreau', 'Romano', 'Walsh', 'Bakker',
];
// Reserved example domains: the demo must never hold a real person's address, and email workflows may run on it.
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export interface Persona {
  lifecycle: Lifecycle;
  habits: LifecycleTraits;
  home: Home;
  /** The categories they browse most, favourite first. */
  interests: readonly Category[];
  attitudes: readonly Attitude[];
  firstName: string;
  lastName: string;
  gender: 'female' | 'male' | 'non_binary' | undefined;
  age: number;
  email: string;
  marketingOptIn: boolean;
  /** Would create an account or leave an email without buying (newsletter sign-up, wishlist). */
  signUpChance: number;
}

export function drawPersona(random: Random, customer: number): Persona {
  const lifecycle = LIFECYCLE_SHARES.draw(random);
  const roll = random.float();
  // A few people do not state a gender; their trait is left out.
  const gender = roll < 0.49 ? 'female' : roll < 0.97 ? 'male' : roll < 0.985 ? 'non_binary' : undefined;
  const names = gender === 'male' || (gender !== 'female' && random.chance(0.5)) ? MALE : FEMALE;
  const firstName = random.pick(names);
  const lastName = random.pick(LAST);
  const attitudes = ATTITUDES.filter(([, share]) => random.chance(share)).map(([attitude]) => attitude);
  if (attitudes.length === 0) attitudes.push(random.chance(0.5) ? 'quality_focused' : 'convenience_seeker');
  const interestCount = random.between(1, 3);
  const interests: Category[] = [];
  while (interests.length < interestCount) {
    const category = random.pick(categories);
    if (!interests.includes(category)) interests.push(category);
  }
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    lifecycle,
    habits: LIFECYCLES[lifecycle],
    home: drawHome(random),
    interests,
    attitudes,
    firstName,
    lastName,
    gender,
    // Ages 18 to 63, most around 40: a sum of three uniforms gives a hump without long tails.
    age: Math.round(18 + (random.float() + random.float() + random.float()) * 15),
    email: `${local}${customer + 1}@${random.pick(EMAIL_DOMAINS)}`,
    marketingOptIn: random.chance(lifecycle === 'one_off' ? 0.4 : 0.62),
    signUpChance: lifecycle === 'one_off' ? 0.05 : lifecycle === 'casual' ? 0.1 : 0.18,
  };
}

/** Loyalty tier by lifetime orders. */
export function loyaltyTier(orders: number): string {
  return orders >= 6 ? 'gold' : orders >= 3 ? 'silver' : orders >= 1 ? 'bronze' : 'none';
}

/** Everything the shop knows about a person at the moment they first identify. */
export function identifyTraits(persona: Persona, orders: number, plan: string): JsonObject {
  const traits: JsonObject = {
    email: persona.email,
    name: `${persona.firstName} ${persona.lastName}`,
    first_name: persona.firstName,
    last_name: persona.lastName,
    age: persona.age,
    city: persona.home.city,
    country: persona.home.country.name,
    plan,
    loyalty_tier: loyaltyTier(orders),
    interests: persona.interests.map((c) => c.interest),
    attitudes: [...persona.attitudes],
    marketing_opt_in: persona.marketingOptIn,
  };
  if (persona.gender !== undefined) traits['gender'] = persona.gender;
  return traits;
}

export const hasAttitude = (persona: Persona, attitude: Attitude): boolean => persona.attitudes.includes(attitude);
