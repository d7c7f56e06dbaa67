// When things happen in the demo: the traffic rhythm of a week and a day, Black Friday and the other sales, and the
// dates a visit can fall on inside the simulated period.

import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/time.js';
import { Weighted, type Random } from './random.js';

/** A sale the shop runs: campaigns named after it, a coupon, and more traffic and conversion while it lasts. */
export interface Sale {
  title: string;
  campaign: string;
  coupon: string;
  discount: number;
  /** Multiplies the chance to buy. */
  lift: number;
  /** Multiplies the day's traffic. */
  traffic: number;
  landingPath: string;
  start: number;
  /** Exclusive. */
  end: number;
}

// Sunday first, as Date#getUTCDay counts. Shops see more traffic on Sunday evenings, less on Friday nights.
const WEEKDAY_TRAFFIC = [1.12, 1.05, 1.0, 0.98, 0.97, 0.86, 0.92];
const MAX_WEEKDAY_TRAFFIC = Math.max(...WEEKDAY_TRAFFIC);

// Local hour of day, midnight first: a lunch bump and an evening peak.
const HOUR_TRAFFIC = [
  0.6, 0.3, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 1.8, 2.2, 2.4, 2.6, 3, 2.9, 2.6, 2.5, 2.6, 2.9, 3.2, 3.8, 4.2, 4, 2.8, 1.6,
];
const HOURS = new Weighted(HOUR_TRAFFIC.map((weight, hour) => [hour, weight] as const));

// Traffic around Black Friday, by days from it: early deals, the day itself, the weekend, Cyber Monday.
// prettier-ignore
const BLACK_FRIDAY_TRAFFIC: ReadonlyMap<number, number> = new Map([
  [-7, 1.2], [-6, 1.2], [-5, 1.25], [-4, 1.3], [-3, 1.3], [-2, 1.35], [-1, 1.5],
  [0, 3.4], [1, 2.1], [2, 1.8], [3, 2.7], [4, 1.3],
]);

const utcDay = (year: number, month: number, day: number): number => Date.UTC(year, month, day);

/** The Friday after the fourth Thursday of November (US Thanksgiving), at 00:00 UTC. */
export function blackFriday(year: number): number {
  const firstWeekday = new Date(utcDay(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return utcDay(year, 10, firstThursday + 22);
}

function salesOfYear(year: number): Sale[] {
  const bf = blackFriday(year);
  const day = (month: number, date: number): number => utcDay(year, month, date);
  // prettier-ignore
  return [
    // From a week of early deals to the day after Cyber Monday; its traffic follows BLACK_FRIDAY_TRAFFIC.
    { title: 'Black Friday', campaign: `black-friday-${year}`, coupon: 'BLACKFRIDAY25', discount: 0.25, lift: 1.7,
      traffic: 1, landingPath: '/sale/black-friday', start: bf - 7 * DAY_MS, end: bf + 5 * DAY_MS },
    { title: 'Holiday gifts', campaign: `holiday-gifts-${year}`, coupon: 'GIFT15', discount: 0.15, lift: 1.3,
      traffic: 1.3, landingPath: '/sale/holiday-gifts', start: day(11, 1), end: day(11, 22) },
    { title: 'Spring sale', campaign: 'spring-sale', coupon: 'SPRING15', discount: 0.15, lift: 1.25,
      traffic: 1.15, landingPath: '/sale/spring', start: day(2, 15), end: day(3, 16) },
    { title: 'Summer sale', campaign: 'summer-sale', coupon: 'SUMMER20', discount: 0.2, lift: 1.3,
      traffic: 1.15, landingPath: '/sale/summer', start: day(5, 20), end: day(6, 21) },
  ];
}

export class Calendar {
  readonly start: number;
  readonly end: number;
  private readonly firstDay: number;
  private readonly days: Weighted<number>;
  private readonly sales: readonly Sale[];
  /** Days so busy that customers who meant to come back later come back then (Black Friday, Cyber Monday). */
  private readonly peakDays: readonly number[];

  constructor(start: number, end: number) {
    this.start = start;
    this.end = end;
    this.firstDay = Math.floor(start / DAY_MS) * DAY_MS;
    const years: number[] = [];
    for (let y = new Date(start).getUTCFullYear(); y <= new Date(end).getUTCFullYear(); y++) years.push(y);
    this.sales = years.flatMap(salesOfYear).filter((s) => s.end > start && s.start < end);
    this.peakDays = years.flatMap((y) => [blackFriday(y), blackFriday(y) + 3 * DAY_MS]);
    const weights: Array<readonly [number, number]> = [];
    for (let day = this.firstDay; day < end; day += DAY_MS) weights.push([day, this.trafficOn(day)]);
    this.days = new Weighted(weights);
  }

  /** How busy a day (00:00 UTC) is, relative to an ordinary Tuesday. */
  trafficOn(day: number): number {
    const date = new Date(day);
    let weight = WEEKDAY_TRAFFIC[date.getUTCDay()] ?? 1;
    const fromBlackFriday = Math.round((day - blackFriday(date.getUTCFullYear())) / DAY_MS);
    weight *= BLACK_FRIDAY_TRAFFIC.get(fromBlackFriday) ?? 1;
    weight *= this.saleAt(day)?.traffic ?? 1;
    // Christmas: shops go quiet.
    if (date.getUTCMonth() === 11 && date.getUTCDate() >= 24 && date.getUTCDate() <= 26) weight *= 0.6;
    return weight;
  }

  saleAt(t: number): Sale | undefined {
    for (const sale of this.sales) if (t >= sale.start && t < sale.end) return sale;
    return undefined;
  }

  /** A first visit: busy days are likelier, and the hour follows the customer's local day. */
  firstVisit(random: Random, utcOffsetHours: number): number {
    for (;;) {
      const t = this.atLocalHour(this.days.draw(random), random, utcOffsetHours);
      if (t >= this.start && t < this.end) return t;
    }
  }

  /**
   * The next visit after `after` (which ends a session), about `meanGapDays` later. Quiet weekdays push it a day
   * on; a Black Friday or Cyber Monday in between pulls it in with probability `salePull`.
   */
  nextVisit(after: number, meanGapDays: number, salePull: number, random: Random, utcOffsetHours: number): number {
    const planned = after + random.exponential(meanGapDays * DAY_MS);
    const peak = this.peakDays.find((day) => day > after && day < planned);
    let day = Math.floor(planned / DAY_MS) * DAY_MS;
    if (peak !== undefined && random.chance(salePull)) day = peak;
    else if (random.float() * MAX_WEEKDAY_TRAFFIC > (WEEKDAY_TRAFFIC[new Date(day).getUTCDay()] ?? 1)) day += DAY_MS;
    const t = this.atLocalHour(day, random, utcOffsetHours);
    // Closer than a session gap would make it the same visit; an evening return a few hours later is common.
    return t > after + 31 * MINUTE_MS ? t : after + 31 * MINUTE_MS + random.exponential(3 * HOUR_MS);
  }

  private atLocalHour(day: number, random: Random, utcOffsetHours: number): number {
    return day + (HOURS.draw(random) - utcOffsetHours) * HOUR_MS + random.int(HOUR_MS);
  }
}
