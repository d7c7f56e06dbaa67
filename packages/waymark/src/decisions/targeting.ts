// Evaluates targeting against what is known of a person and a request. Pure. Anything that cannot be evaluated
// (a segment the caller does not know, a bad regex, an unknown time zone) throws an Unevaluable with the reason.

import { WEEKDAYS, type Targeting, type ValueFilter } from './model.js';

export class Unevaluable extends Error {}

export interface TargetingFacts {
  /** Segments the person is a member of; `undefined` when membership is not known (local evaluation). */
  segments: ReadonlySet<string> | undefined;
  traits: Readonly<Record<string, unknown>>;
  context: Readonly<Record<string, unknown>>;
  now: number;
}

/** `a.b` in nested objects; a flat key with a dot wins (`utm.source` stored as one key). */
export function lookup(object: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in object) return object[path];
  let value: unknown = object;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    if (Number.isFinite(n)) return n;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** One scalar against one filter value: numbers numerically, booleans as true/false, the rest as text. */
function equals(v: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'number') return toNumber(v) === expected;
  if (typeof expected === 'boolean') return v === expected || String(v) === String(expected);
  return v !== undefined && v !== null && String(v) === expected;
}

function ordered(v: unknown, expected: unknown, compare: (a: number, b: number) => boolean): boolean {
  const a = toNumber(v);
  const b = toNumber(expected);
  return a !== undefined && b !== undefined && compare(a, b);
}

/** Lists (a trait like interests: ["running", "yoga"]) match when any element does. */
function anyOf(v: unknown, test: (x: unknown) => boolean): boolean {
  return Array.isArray(v) ? v.some(test) : test(v);
}

export function matchesFilter(v: unknown, f: ValueFilter): boolean {
  const expected = f.value;
  const list = Array.isArray(expected) ? expected : expected === undefined ? [] : [expected];
  const one = list[0];
  switch (f.op) {
    case 'is_set':
      return Array.isArray(v) ? v.length > 0 : isSet(v);
    case 'is_not_set':
      return !(Array.isArray(v) ? v.length > 0 : isSet(v));
    case 'eq':
      return one !== undefined && anyOf(v, (x) => equals(x, one));
    case 'neq':
      return one === undefined || !anyOf(v, (x) => equals(x, one));
    case 'in':
      return anyOf(v, (x) => list.some((e) => equals(x, e)));
    case 'not_in':
      return !anyOf(v, (x) => list.some((e) => equals(x, e)));
    case 'gt':
      return anyOf(v, (x) => ordered(x, one, (a, b) => a > b));
    case 'gte':
      return anyOf(v, (x) => ordered(x, one, (a, b) => a >= b));
    case 'lt':
      return anyOf(v, (x) => ordered(x, one, (a, b) => a < b));
    case 'lte':
      return anyOf(v, (x) => ordered(x, one, (a, b) => a <= b));
    case 'contains':
      return one !== undefined && anyOf(v, (x) => isSet(x) && String(x).includes(String(one)));
    case 'not_contains':
      return !anyOf(v, (x) => isSet(x) && String(x).includes(String(one)));
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(String(one));
      } catch {
        throw new Unevaluable(`"${String(one)}" is not a valid regular expression`);
      }
      return anyOf(v, (x) => isSet(x) && re.test(String(x)));
    }
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The last answer per time zone, for its quarter hour (formatting dates is slow; hours change rarely). */
const lastLocal = new Map<string, { from: number; to: number; day: number; hour: number }>();

/** Weekday (0 = Monday) and hour of `now` in a time zone. */
function localTime(now: number, timezone: string): { day: number; hour: number } {
  const last = lastLocal.get(timezone);
  if (last && now >= last.from && now < last.to) return last;
  const local = formatLocalTime(now, timezone);
  // Every time zone's offset is a whole number of quarter hours: the hour holds until the next quarter hour at least.
  const quarter = 15 * 60_000;
  const from = Math.floor(now / quarter) * quarter;
  lastLocal.set(timezone, { from, to: from + quarter, ...local });
  return local;
}

function formatLocalTime(now: number, timezone: string): { day: number; hour: number } {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    } catch {
      throw new Unevaluable(`unknown time zone "${timezone}"`);
    }
    formatters.set(timezone, f);
  }
  let day = 0;
  let hour = 0;
  for (const part of f.formatToParts(now)) {
    if (part.type === 'weekday') day = WEEKDAYS.indexOf(part.value.slice(0, 3).toLowerCase() as never);
    if (part.type === 'hour') hour = Number(part.value);
  }
  return { day, hour };
}

export function matches(t: Targeting, facts: TargetingFacts): boolean {
  if ('and' in t) return t.and.every((x) => matches(x, facts));
  if ('or' in t) return t.or.some((x) => matches(x, facts));
  if ('not' in t) return !matches(t.not, facts);
  if ('segment' in t) {
    if (!facts.segments) throw new Unevaluable(`membership of segment "${t.segment}" is not known here`);
    return facts.segments.has(t.segment);
  }
  if ('trait' in t) return matchesFilter(lookup(facts.traits, t.trait.property), t.trait);
  if ('context' in t) return matchesFilter(lookup(facts.context, t.context.property), t.context);
  const { hours, days, timezone } = t.time;
  const local = localTime(facts.now, timezone ?? 'UTC');
  if (days && !days.includes(WEEKDAYS[local.day] as (typeof WEEKDAYS)[number])) return false;
  if (hours) {
    const [from, to] = hours;
    // [22, 6) wraps around midnight.
    const inside = from <= to ? local.hour >= from && local.hour < to : local.hour >= from || local.hour < to;
    if (!inside) return false;
  }
  return true;
}
