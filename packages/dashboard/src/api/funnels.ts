// The funnel drill-downs (`drop-off`, `funnel-persons`): their specs, and the engine's results. The pickers' lists
// (event names, property keys, traits) are in event-list.ts.

import type {
  DropOffResult,
  DropOffSpec as EngineDropOffSpec,
  FunnelPersonsResult,
  FunnelPersonsSpec as EngineFunnelPersonsSpec,
} from 'waymark/types';
import type { WithDateRange } from './types.js';
import { runQuery } from './waymark.js';

export type { DropOffResult, FunnelPersonsResult };

/** The drill-downs' specs: the engine's, with the dashboard's `DateRange` (see types.ts). */
export type DropOffSpec = WithDateRange<EngineDropOffSpec>;
export type FunnelPersonsSpec = WithDateRange<EngineFunnelPersonsSpec>;

export const runDropOff = (project: string, spec: DropOffSpec, signal?: AbortSignal) =>
  runQuery<DropOffResult>('drop-off', project, spec, signal);

export const runFunnelPersons = (project: string, spec: FunnelPersonsSpec, signal?: AbortSignal) =>
  runQuery<FunnelPersonsResult>('funnel-persons', project, spec, signal);
