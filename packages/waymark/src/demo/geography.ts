// Where demo customers live: country, city, locale, time zone, the currency they pay in and a plausible IP.

import { Weighted, type Random } from './random.js';
import type { Currency } from './catalog.js';

export interface Country {
  /** As a GeoIP lookup names it in `context.location.country`. */
  name: string;
  locales: readonly string[];
  timezone: string;
  /** Hours ahead of UTC, daylight saving ignored: only the hour-of-day rhythm depends on it. */
  utcOffset: number;
  currency: Currency;
  cities: readonly string[];
  /** First two octets of address blocks the country's ISPs hand out (illustrative, not a GeoIP database). */
  ipBlocks: readonly string[];
}

const COUNTRIES = new Weighted<Country>([
  [
    {
      name: 'United States',
      locales: ['en-US', 'en-US', 'en-US', 'es-US'],
      timezone: 'America/New_York',
      utcOffset: -5,
      currency: 'USD',
      cities: ['New York', 'Los Angeles', 'Chicago', 'Denver', 'Seattle', 'Austin', 'Boston', 'Portland', 'Atlanta'],
      ipBlocks: ['73.162', '98.207', '24.12', '172.58', '67.180', '108.28'],
    },
    38,
  ],
  [
    {
      name: 'Canada',
      locales: ['en-CA', 'en-CA', 'fr-CA'],
      timezone: 'America/Toronto',
      utcOffset: -5,
      currency: 'USD',
      cities: ['Toronto', 'Vancouver', 'Montreal', 'Calgary', 'Ottawa'],
      ipBlocks: ['142.114', '99.230', '174.88'],
    },
    6,
  ],
  [
    {
      name: 'Germany',
      locales: ['de-DE'],
      timezone: 'Europe/Berlin',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig'],
      ipBlocks: ['91.64', '84.150', '37.201', '93.208'],
    },
    16,
  ],
  [
    {
      name: 'France',
      locales: ['fr-FR'],
      timezone: 'Europe/Paris',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Bordeaux', 'Grenoble'],
      ipBlocks: ['90.45', '86.243', '176.150'],
    },
    10,
  ],
  [
    {
      name: 'Netherlands',
      locales: ['nl-NL', 'nl-NL', 'en-NL'],
      timezone: 'Europe/Amsterdam',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'The Hague'],
      ipBlocks: ['84.85', '145.53', '77.172'],
    },
    7,
  ],
  [
    {
      name: 'Spain',
      locales: ['es-ES'],
      timezone: 'Europe/Madrid',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao'],
      ipBlocks: ['83.45', '88.12', '79.148'],
    },
    8,
  ],
  [
    {
      name: 'Italy',
      locales: ['it-IT'],
      timezone: 'Europe/Rome',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Milan', 'Rome', 'Turin', 'Bologna', 'Florence'],
      ipBlocks: ['79.32', '93.44', '151.38'],
    },
    8,
  ],
  [
    {
      name: 'Ireland',
      locales: ['en-IE'],
      timezone: 'Europe/Dublin',
      utcOffset: 0,
      currency: 'EUR',
      cities: ['Dublin', 'Cork', 'Galway'],
      ipBlocks: ['86.45', '109.78'],
    },
    3,
  ],
  [
    {
      name: 'Austria',
      locales: ['de-AT'],
      timezone: 'Europe/Vienna',
      utcOffset: 1,
      currency: 'EUR',
      cities: ['Vienna', 'Graz', 'Innsbruck', 'Salzburg'],
      ipBlocks: ['80.108', '178.115'],
    },
    4,
  ],
]);

export interface Home {
  country: Country;
  city: string;
  locale: string;
  ip: string;
}

export function drawHome(random: Random): Home {
  const country = COUNTRIES.draw(random);
  return {
    country,
    city: random.pick(country.cities),
    locale: random.pick(country.locales),
    ip: drawIp(random, country),
  };
}

/** An address in the country: a second device on another network gets its own. */
export function drawIp(random: Random, country: Country): string {
  return `${random.pick(country.ipBlocks)}.${random.int(256)}.${random.between(1, 254)}`;
}
