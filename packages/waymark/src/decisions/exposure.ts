// What "this person saw this variant" looks like as an event, the same wherever a decision is made (the server's
// decision API, the Node SDK deciding locally, the demo's simulated pages), so that experiments count them alike:
// a `track` call `Experiment Viewed` (the Segment spec's name) when an experiment chose the variant, `Slot Viewed`
// otherwise, whose messageId makes it one event per person, slot and variant however often it is sent.

import { unitOf, type Decision } from './decide.js';
import type { HashOn } from './model.js';

export interface ExposureCall {
  type: 'track';
  event: 'Experiment Viewed' | 'Slot Viewed';
  messageId: string;
  userId?: string;
  anonymousId?: string;
  properties: {
    slot: string;
    variant: string;
    source: Decision['source'];
    rule?: string;
    experiment_id?: string;
    variant_id?: string;
  };
}

/** The exposure of a decision, or undefined when there is nothing to record (no variant) or no one to record it for. */
export function exposureCall(
  decision: Decision,
  slot: { hashOn?: HashOn } | undefined,
  person: { userId?: string; anonymousId?: string },
): ExposureCall | undefined {
  if (decision.variant === null) return undefined;
  const unit = unitOf(person, slot?.hashOn);
  if (unit === undefined) return undefined;
  const experiment = decision.source === 'experiment' && decision.experiment !== undefined;
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
