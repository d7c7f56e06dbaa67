// The exposure event the Node SDK sends for a local decision: the same event the server records for the decisions
// it makes, so that an experiment's analysis counts both alike.

import { unitOf, type Decision, type Slot } from '../core.js';
import type { SegmentCall } from '../shared/calls.js';

type Person = { userId?: string; anonymousId?: string };

/**
 * The track call that records `decision` as seen, or undefined when there is nothing to record (no variant) or no
 * one to record it for. The messageId makes it one event per person, slot and variant, however often it is sent.
 */
export function exposureOf(
  decision: Decision,
  slot: Slot | undefined,
  person: Person,
): Omit<SegmentCall, 'timestamp'> | undefined {
  if (decision.variant === null) return undefined;
  const unit = unitOf(person, slot?.hashOn);
  if (unit === undefined) return undefined;
  const experiment = decision.source === 'experiment';
  return {
    type: 'track',
    event: experiment ? 'Experiment Viewed' : 'Slot Viewed',
    messageId: `exposure:${decision.slot}:${decision.variant}:${unit}`,
    ...(person.userId === undefined ? {} : { userId: person.userId }),
    ...(person.anonymousId === undefined ? {} : { anonymousId: person.anonymousId }),
    properties: {
      slot: decision.slot,
      variant: decision.variant,
      source: decision.source,
      ...(decision.rule === undefined ? {} : { rule: decision.rule }),
      ...(experiment ? { experiment_id: decision.experiment, variant_id: decision.variant } : {}),
    },
  };
}
