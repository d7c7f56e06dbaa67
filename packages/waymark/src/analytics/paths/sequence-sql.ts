// Array building blocks for analyses that read a person's events as a sequence (paths, touchpoints): which events
// are behaviour, how a time-sorted array splits into sessions, how consecutive repeats collapse.

import type { ParamBinder } from '../sql-params.js';

/**
 * Splits `events`, an array of tuples sorted by their first element (epoch ms), into sessions: a new session starts
 * after more than `gapMs` without an event. An array of arrays; `events` must be a column or alias.
 */
export function sessionsSql(events: string, gapMs: number, binder: ParamBinder): string {
  return `arraySplit((e, gap) -> gap > ${binder.bind(gapMs, 'Int64')}, ${events}, arrayDifference(arrayMap(e -> e.1, ${events})))`;
}

/** `values` without the elements equal to the one before them (`A A B A` -> `A B A`); a column or alias. */
export function collapseRepeatsSql(values: string): string {
  return `arrayFilter((v, i) -> i = 1 OR v != ${values}[i - 1], ${values}, arrayEnumerate(${values}))`;
}
