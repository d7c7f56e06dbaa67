// The exposure event the Node SDK sends for a local decision: the same event the server records for the decisions
// it makes, so that an experiment's analysis counts both alike.

import { exposureCall, type Decision, type Slot } from '../core.js';
import type { SegmentCall } from '../shared/calls.js';

type Person = { userId?: string; anonymousId?: string };

/**
 * The track call that records `decision` as seen (the server's own shape, decisions/exposure.ts), or undefined when
 * there is nothing to record (no variant) or no one to record it for.
 */
export function exposureOf(
  decision: Decision,
  slot: Slot | undefined,
  person: Person,
): Omit<SegmentCall, 'timestamp'> | undefined {
  return exposureCall(decision, slot, person) as Omit<SegmentCall, 'timestamp'> | undefined;
}
