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

/**
 * An attempt's outcome packed in one number, so that trying every start of a person allocates nothing: steps
 * reached in the low byte, then the open and excluded flags. Its times and indexes go to a scratch buffer.
 */
type Outcome = number;
const OPEN = 1 << 8;
const EXCLUDED = 1 << 9;
const reachedOf = (o: Outcome): number => o & 0xff;

/** Where an attempt writes the time and event index of each step it reaches (only the first `reached` are valid). */
interface Scratch {
  times: number[];
  indexes: number[];
}

const bit = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0;

// Matching is synchronous, so two module-level buffers serve every call: the attempt being tried and the best so far.
let current: Scratch = { times: [], indexes: [] };
let kept: Scratch = { times: [], indexes: [] };

function result(outcome: Outcome, from: Scratch): PersonFunnel {
  const reached = reachedOf(outcome);
  return {
    reached,
    times: from.times.slice(0, reached),
    indexes: from.indexes.slice(0, reached),
    open: (outcome & OPEN) !== 0,
  };
}

/** The person's counted attempt, or undefined when they never entered the funnel (or every attempt was excluded). */
export function matchPerson(events: PersonEvents, plan: FunnelPlan): PersonFunnel | undefined {
  let best: Outcome = -1;
  const n = events.t.length;
  for (let i = 0; i < n; i++) {
    const t = events.t[i] as number;
    const steps = events.steps[i] as number;
    if (t < plan.rangeFrom) continue;
    if (t >= plan.rangeTo) break;
    const starts = plan.order === 'unordered' ? steps !== 0 : bit(steps, 0);
    if (!starts) continue;
    const outcome =
      plan.order === 'unordered'
        ? unorderedAttempt(events, i, plan, current)
        : sequenceAttempt(events, i, plan, current);
    if (plan.attempt === 'first') return (outcome & EXCLUDED) !== 0 ? undefined : result(outcome, current);
    if ((outcome & EXCLUDED) !== 0) continue;
    if (best < 0 || better(outcome, best)) {
      best = outcome;
      const swap = kept;
      kept = current;
      current = swap;
    }
    if (reachedOf(best) === plan.steps) break;
  }
  return best < 0 ? undefined : result(best, kept);
}

/** Further wins; at equal depth an attempt that can still progress wins; otherwise the earlier one stays. */
function better(a: Outcome, b: Outcome): boolean {
  const ra = reachedOf(a);
  const rb = reachedOf(b);
  return ra > rb || (ra === rb && (a & OPEN) !== 0 && (b & OPEN) === 0);
}

function sequenceAttempt(events: PersonEvents, start: number, plan: FunnelPlan, out: Scratch): Outcome {
  const t0 = events.t[start] as number;
  const windowEnd = addDuration(t0, plan.window);
  const { times, indexes } = out;
  times[0] = t0;
  indexes[0] = start;
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
      times[next] = t;
      indexes[next] = j;
      next += 1;
      continue;
    }
    if (
      exclusions !== 0 &&
      plan.exclusions.some((x, k) => bit(exclusions, k) && x.fromStep < next && next <= x.toStep)
    ) {
      return next | EXCLUDED;
    }
    // In a strict funnel any other event in between ends the attempt.
    if (plan.order === 'strict') {
      stopped = true;
      break;
    }
  }
  const open = next < plan.steps && !stopped && Math.min(windowEnd, deadline(plan, next, times)) > plan.now;
  return next | (open ? OPEN : 0);
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

function unorderedAttempt(events: PersonEvents, start: number, plan: FunnelPlan, out: Scratch): Outcome {
  const t0 = events.t[start] as number;
  const windowEnd = addDuration(t0, plan.window);
  let done = 0;
  let reached = 0;
  const n = events.t.length;
  for (let j = start; j < n && reached < plan.steps; j++) {
    const t = events.t[j] as number;
    const steps = events.steps[j] as number;
    if (t > windowEnd) break;
    const fresh = steps & ~done;
    if (fresh === 0) continue;
    // One event completes one step: the lowest it matches that is not done yet.
    done |= fresh & -fresh;
    out.times[reached] = t;
    out.indexes[reached] = j;
    reached += 1;
  }
  return reached | (reached < plan.steps && windowEnd > plan.now ? OPEN : 0);
}
