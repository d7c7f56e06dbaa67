// What counts as a customer's behaviour when an analysis looks at "every event": not the calls that record who
// someone is (identify, alias, group), nor the events Waymark records itself (segment membership, exposures to decisions).

import { RECORDED_EVENTS } from '../core/event.js';
import type { ParamBinder } from './sql-params.js';

export const NON_BEHAVIOURAL: readonly string[] = ['$identify', '$alias', '$group', ...RECORDED_EVENTS];

/** A condition on `ev.event` leaving those out, except events the spec names itself (a step, a start event). */
export function behaviouralSql(binder: ParamBinder, named: readonly string[] = []): string {
  const excluded = `ev.event NOT IN ${binder.bind(NON_BEHAVIOURAL, 'Array(String)')}`;
  const kept = named.filter((n) => NON_BEHAVIOURAL.includes(n));
  return kept.length === 0 ? excluded : `(${excluded} OR ev.event IN ${binder.bind(kept, 'Array(String)')})`;
}
