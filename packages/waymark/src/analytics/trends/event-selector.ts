// Which events an analysis counts: one event name, or every behavioural event, narrowed by property filters. Trends
// series and retention's start and return events are all selectors.

import { behaviouralSql } from '../behaviour.js';
import Type from 'typebox';
import type { EventQuery } from '../event-query.js';
import { PropertyFilterSchema, filterProblem, filterSql, type PropertyFilter } from '../property.js';
import { ensure } from '../spec-check.js';

export interface EventSelector {
  /** The event name (`$page`, `$screen` for those calls); absent means every event but identity calls. */
  event?: string;
  where?: PropertyFilter[];
}

export const SELECTOR_FIELDS = {
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  where: Type.Optional(Type.Array(PropertyFilterSchema, { maxItems: 50 })),
};

/** Checks each filter of `where`, naming `field[i]` at fault. */
export function checkFilters(where: readonly PropertyFilter[] | undefined, field: string): void {
  where?.forEach((f, i) => {
    const problem = filterProblem(f);
    ensure(problem === undefined, `${field}[${i}]`, problem ?? '');
  });
}

export interface SelectorConditions {
  /** Conditions on the event alone: applied before persons are resolved, where they narrow the scan most. */
  where: string[];
  /** Conditions on person properties (`pp`), applied after the join. */
  having: string[];
}

/** The SQL conditions selecting `selector`'s events, plus `extra` filters that apply on top (e.g. a global filter). */
export function selectorConditions(
  selector: EventSelector,
  q: EventQuery,
  extra: readonly PropertyFilter[] = [],
): SelectorConditions {
  const name =
    selector.event === undefined ? behaviouralSql(q.binder) : `ev.event = ${q.binder.string(selector.event)}`;
  const filters = [...(selector.where ?? []), ...extra];
  return {
    where: [name, ...filters.filter((f) => f.on !== 'person').map((f) => filterSql(f, q.binder, q))],
    having: filters.filter((f) => f.on === 'person').map((f) => filterSql(f, q.binder, q)),
  };
}

/** A short label: the event name, or "All events". */
export function selectorLabel(selector: EventSelector): string {
  return selector.event ?? 'All events';
}
