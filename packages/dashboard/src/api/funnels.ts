// The funnel spec's finer fields (per-step time limits, attempt, person filters) and the funnel drill-downs
// (`drop-off`, `funnel-persons`). The pickers' lists (event names, property keys, traits) are in event-list.ts.

import type { Duration, FunnelSpec, PropertyFilter } from './types.js';
import { runQuery } from './waymark.js';

/**
 * The whole funnel spec the builder makes (docs/analytics/funnels.md#the-spec): the shared `FunnelSpec` plus a time
 * limit per step, which attempt counts, and filters on the person's traits.
 */
export interface FunnelBuilderSpec extends Omit<FunnelSpec, 'steps'> {
  /** `window`: the step counts only if it follows the previous one within this time (never on the first step). */
  steps: (FunnelSpec['steps'][number] & { window?: Duration })[];
  /** `best`: the attempt that got furthest counts; `first`: only the person's first entry. */
  attempt?: 'best' | 'first';
  /** Only persons whose traits match every filter (`on: 'person'`). */
  persons?: PropertyFilter[];
  /** A `toStep` event sooner than `min` after `fromStep` is skipped; past `max` the attempt stops. */
  timeBetween?: { fromStep: number; toStep: number; min?: Duration; max?: Duration }[];
}

export interface DropOffSpec extends FunnelBuilderSpec {
  /** The step persons failed to reach (1 or more). */
  step: number;
  nextEvents?: number;
  alpha?: number;
}

export interface OverRepresented {
  dimension: string;
  value: string;
  dropped: number;
  reached: number;
  shareOfDropped: number;
  shareOfReached: number;
  lift: number | null;
  p: number;
  significant: boolean;
}

export interface DropOffResult {
  step: number;
  stepName: string;
  previousStepName: string;
  dropped: number;
  reached: number;
  inProgress: number;
  nextEvents: { event: string; persons: number; share: number }[];
  overRepresented: OverRepresented[];
  sampled: boolean;
}

export interface FunnelPersonsSpec extends FunnelBuilderSpec {
  step: number;
  status?: 'reached' | 'dropped' | 'in_progress';
  limit?: number;
  offset?: number;
}

export interface FunnelPerson {
  personId: string;
  /** Steps reached (1 = entered only). */
  reached: number;
  enteredAt: string;
  lastStepAt: string;
}

export interface FunnelPersonsResult {
  step: number;
  status: 'reached' | 'dropped' | 'in_progress';
  total: number;
  persons: FunnelPerson[];
}

export const runDropOff = (project: string, spec: DropOffSpec, signal?: AbortSignal) =>
  runQuery<DropOffResult>('drop-off', project, spec, signal);

export const runFunnelPersons = (project: string, spec: FunnelPersonsSpec, signal?: AbortSignal) =>
  runQuery<FunnelPersonsResult>('funnel-persons', project, spec, signal);
