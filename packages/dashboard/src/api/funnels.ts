// The funnel drill-downs (`drop-off`, `funnel-persons`): their specs, and the engine's results. The pickers' lists
// (event names, property keys, traits) are in event-list.ts.

import type { DropOffResult, FunnelPersonsResult } from 'waymark/types';
import type { FunnelSpec } from './types.js';
import { runQuery } from './waymark.js';

export type { DropOffResult, FunnelPersonsResult };

/** The drill-downs' specs are the dashboard's own, like `FunnelSpec` (see types.ts). */
export interface DropOffSpec extends FunnelSpec {
  /** The step persons failed to reach (1 or more). */
  step: number;
  nextEvents?: number;
  alpha?: number;
}

export interface FunnelPersonsSpec extends FunnelSpec {
  step: number;
  status?: 'reached' | 'dropped' | 'in_progress';
  limit?: number;
  offset?: number;
}

export const runDropOff = (project: string, spec: DropOffSpec, signal?: AbortSignal) =>
  runQuery<DropOffResult>('drop-off', project, spec, signal);

export const runFunnelPersons = (project: string, spec: FunnelPersonsSpec, signal?: AbortSignal) =>
  runQuery<FunnelPersonsResult>('funnel-persons', project, spec, signal);
