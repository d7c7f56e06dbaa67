// The personalization endpoints the dashboard uses (docs/personalization.md): slots with their variants and rules
// (list, read, create, replace), the preview ("what would this customer see, and why", which records no exposure),
// and the decision counters. Slots and decisions are the engine's types (its decisions module).

import type { Decision, Slot } from 'waymark/types';
import { request } from './client.js';

export type {
  Decision,
  DecisionSource,
  Rule as SlotRule,
  Slot,
  Strategy,
  Targeting,
  ValueFilter,
  Variant as SlotVariant,
} from 'waymark/types';

export interface PreviewRequest {
  userId?: string;
  anonymousId?: string;
  context?: Record<string, string>;
}

/** Decisions and exposures the server recorded since it started (all projects). */
export interface DecisionCounters {
  decisions: number;
  exposures: number;
}

const inProject = (path: string, project: string) => `${path}?project=${encodeURIComponent(project)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function listSlots(project: string, signal?: AbortSignal): Promise<Slot[]> {
  const answer = await request<{ slots: Slot[] }>('GET', inProject('/api/slots', project), withSignal(signal));
  return answer.slots;
}

export const getSlot = (project: string, id: string, signal?: AbortSignal) =>
  request<Slot>('GET', inProject(`/api/slots/${encodeURIComponent(id)}`, project), withSignal(signal));

/** Saves a new slot (`POST /api/slots`); a 400 `ApiError` names the field at fault (`rules[0].when.and[1]…`). */
export const createSlot = (project: string, slot: Slot) =>
  request<Slot>('POST', inProject('/api/slots', project), { body: slot });

/** Replaces a saved slot (`PUT /api/slots/:id`); errors as for `createSlot`. */
export const updateSlot = (project: string, id: string, slot: Slot) =>
  request<Slot>('PUT', inProject(`/api/slots/${encodeURIComponent(id)}`, project), { body: slot });

/** What the person would see now; viewers may ask too (a preview changes nothing). */
export const previewSlot = (project: string, id: string, body: PreviewRequest, signal?: AbortSignal) =>
  request<Decision>('POST', inProject(`/api/slots/${encodeURIComponent(id)}/preview`, project), {
    body,
    ...withSignal(signal),
  });

export async function decisionCounters(signal?: AbortSignal): Promise<DecisionCounters> {
  const answer = await request<{ decisions: DecisionCounters }>('GET', '/api/slots/status', withSignal(signal));
  return answer.decisions;
}
