// Matches one person's events against a funnel: which attempt counts, how far it got, when each step happened, and
// whether it could still progress. Pure, so that the semantics are pinned by tests without a database.
//
// An attempt starts at an event of step 0 inside the range. In `ordered` funnels each next step is the earliest
// qualifying event after the previous step; in `strict` ones it must be the person's very next event; in `unordered`
// ones an attempt starts at any step's event and counts the distinct steps done within the window.

import { addDuration, type Duration } from '../time-units.js';

/** One event: time, steps it matches (bit i = step i), exclusions, breakdown value. */
export type PersonEvent = readonly [t: number, steps: number, exclusions: number, value: string];

/**
 * One person's events in time order, column by column, as the funnel query returns them (the columns arrive as typed
 * arrays, which keeps millions of events cheap to decode and match).
 */
export interface PersonEvents {
  readonly t: ArrayLike<number>;
  readonly steps: ArrayLike<number>;
  readonly exclusions: ArrayLike<number>;
  readonly values: ArrayLike<string>;
}

/** Columns from a list of events (tests and small callers write events as tuples). */
export function eventColumns(list: readonly PersonEvent[]): PersonEvents {
  return {
    t: list.map((e) => e[0]),
    steps: list.map((e) => e[1]),
    exclusions: list.map((e) => e[2]),
    values: list.map((e) => e[3]),
  };
}

export interface TimeConstraint {
  fromStep: number;
  toStep: number;
  minMs?: number;
  max?: Duration;
}

export interface FunnelPlan {
  steps: number;
  order: 'ordered' | 'strict' | 'unordered';
  attempt: 'best' | 'first';
  window: Duration;
  /** Bit i of an event's exclusions matches `exclusions[i]`. */
  exclusions: readonly { fromStep: number; toStep: number }[];
  constraints: readonly TimeConstraint[];
  /** Step 0 must fall in [rangeFrom, rangeTo). */
  rangeFrom: number;
  rangeTo: number;
  /** Attempts whose deadline is after `now` are still open. */
  now: number;
}

export interface PersonFunnel {
  /** Steps reached: 1 = entered the funnel only, `steps` = converted. */
  reached: number;
  /** Time of each reached step (for unordered funnels: of the 1st, 2nd... distinct step done). */
  times: number[];
  /** Index in the events of each reached step's event. */
  indexes: number[];
  /** True when the attempt is incomplete and its window has not closed. */
  open: boolean;
}

interface Attempt extends PersonFunnel {
  excluded: boolean;
}

const bit = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0;

/** The person's counted attempt, or undefined when they never entered the funnel (or every attempt was excluded). */
export function matchPerson(events: PersonEvents, plan: FunnelPlan): PersonFunnel | undefined {
  let best: Attempt | undefined;
  const n = events.t.length;
  for (let i = 0; i < n; i++) {
    const t = events.t[i] as number;
    const steps = events.steps[i] as number;
    if (t < plan.rangeFrom) continue;
    if (t >= plan.rangeTo) break;
    const starts = plan.order === 'unordered' ? steps !== 0 : bit(steps, 0);
    if (!starts) continue;
    const attempt = plan.order === 'unordered' ? unorderedAttempt(events, i, plan) : sequenceAttempt(events, i, plan);
    if (plan.attempt === 'first') return attempt.excluded ? undefined : strip(attempt);
    if (attempt.excluded) continue;
    if (best === undefined || better(attempt, best)) best = attempt;
    if (best.reached === plan.steps) break;
  }
  return best && strip(best);
}

/** Further wins; at equal depth an attempt that can still progress wins; otherwise the earlier one stays. */
function better(a: Attempt, b: Attempt): boolean {
  return a.reached > b.reached || (a.reached === b.reached && a.open && !b.open);
}

function strip(a: Attempt): PersonFunnel {
  return { reached: a.reached, times: a.times, indexes: a.indexes, open: a.open };
}

function sequenceAttempt(events: PersonEvents, start: number, plan: FunnelPlan): Attempt {
  const t0 = events.t[start] as number;
  const windowEnd = addDuration(t0, plan.window);
  const times = [t0];
  const indexes = [start];
  let next = 1;
  let stopped = false;
  const n = events.t.length;
  for (let j = start + 1; j < n && next < plan.steps; j++) {
    const t = events.t[j] as number;
    const steps = events.steps[j] as number;
    const exclusions = events.exclusions[j] as number;
    if (t > windowEnd || t > deadline(plan, next, times)) {
      stopped = true;
      break;
    }
    if (bit(steps, next) && satisfiesMinimum(plan, next, times, t)) {
      times.push(t);
      indexes.push(j);
      next += 1;
      continue;
    }
    if (
      exclusions !== 0 &&
      plan.exclusions.some((x, k) => bit(exclusions, k) && x.fromStep < next && next <= x.toStep)
    ) {
      return { reached: next, times, indexes, open: false, excluded: true };
    }
    // In a strict funnel any other event in between ends the attempt.
    if (plan.order === 'strict') {
      stopped = true;
      break;
    }
  }
  const reached = next;
  const open = reached < plan.steps && !stopped && Math.min(windowEnd, deadline(plan, next, times)) > plan.now;
  return { reached, times, indexes, open, excluded: false };
}

/** The latest time step `next` may happen, from the `max` constraints ending at it. */
function deadline(plan: FunnelPlan, next: number, times: readonly number[]): number {
  let limit = Infinity;
  for (const c of plan.constraints) {
    if (c.toStep === next && c.max) limit = Math.min(limit, addDuration(times[c.fromStep] as number, c.max));
  }
  return limit;
}

function satisfiesMinimum(plan: FunnelPlan, next: number, times: readonly number[], t: number): boolean {
  for (const c of plan.constraints) {
    if (c.toStep === next && c.minMs !== undefined && t - (times[c.fromStep] as number) < c.minMs) return false;
  }
  return true;
}

function unorderedAttempt(events: PersonEvents, start: number, plan: FunnelPlan): Attempt {
  const t0 = events.t[start] as number;
  const windowEnd = addDuration(t0, plan.window);
  let done = 0;
  const times: number[] = [];
  const indexes: number[] = [];
  const n = events.t.length;
  for (let j = start; j < n && times.length < plan.steps; j++) {
    const t = events.t[j] as number;
    const steps = events.steps[j] as number;
    if (t > windowEnd) break;
    const fresh = steps & ~done;
    if (fresh === 0) continue;
    // One event completes one step: the lowest it matches that is not done yet.
    done |= fresh & -fresh;
    times.push(t);
    indexes.push(j);
  }
  const reached = times.length;
  return { reached, times, indexes, open: reached < plan.steps && windowEnd > plan.now, excluded: false };
}
