// The funnel drill-downs (`drop-off`, `funnel-persons`) and the event catalog the funnel builder's pickers read
// (`GET /api/events`, `GET /api/events/:name/properties`).

import { request } from './client.js';
import type { FunnelSpec } from './types.js';
import { runQuery } from './waymark.js';

export interface DropOffSpec extends FunnelSpec {
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

export interface FunnelPersonsSpec extends FunnelSpec {
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

/** The property keys of one event in the last 90 days, most set first. */
export async function listEventProperties(project: string, event: string, signal?: AbortSignal): Promise<string[]> {
  const path = `/api/events/${encodeURIComponent(event)}/properties?project=${encodeURIComponent(project)}`;
  const answer = await request<{ properties: { property: string; count: number }[] }>(
    'GET',
    path,
    signal ? { signal } : {},
  );
  return answer.properties.map((p) => p.property);
}

/** The event names of the last `days` (most frequent first) from the event catalog, including Waymark's own. */
export async function listCatalogEvents(project: string, days = 180, signal?: AbortSignal): Promise<string[]> {
  const path = `/api/events?project=${encodeURIComponent(project)}&days=${days}`;
  const answer = await request<{ events: { name: string; count: number }[] }>('GET', path, signal ? { signal } : {});
  return answer.events.map((e) => e.name);
}
