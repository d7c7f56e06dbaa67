// Builds normalized events for tests the way ingest does, from Segment calls with relative times.

import { randomUUID } from 'node:crypto';
import type { IncomingEvent, SegmentCall } from '../core/event.js';
import { normalizeCall } from '../core/normalize.js';

export const T0 = Date.parse('2026-11-02T09:00:00.000Z');

/** Normalizes `call` as an import would (timestamps kept). Throws on invalid input: tests pass valid calls. */
export function event(projectId: string, call: SegmentCall, receivedAt = T0): IncomingEvent {
  const result = normalizeCall(call, { projectId, receivedAt, correctSkew: false, newMessageId: randomUUID });
  if (!result.ok) throw result.error;
  return result.value;
}

export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
