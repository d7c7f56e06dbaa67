// Loads a scenario of Segment calls into real stores through the ingest pipeline (identities resolved, merges
// applied), for analysis tests whose expected numbers are worked out by hand.

import { randomUUID } from 'node:crypto';
import type { SegmentCall } from '../core/event.js';
import { IngestPipeline } from '../ingest/pipeline.js';
import { event } from './events.js';
import type { TestStores } from './stores.js';

/** A call with its time given as minutes after `start` (default T0 of test-support/events.ts). */
export type ScenarioCall = Omit<SegmentCall, 'timestamp'> & { at: number };

const MINUTE = 60_000;

export async function loadScenario(
  stores: TestStores,
  projectId: string,
  calls: readonly ScenarioCall[],
  start = Date.parse('2026-11-02T09:00:00.000Z'),
): Promise<void> {
  const pipeline = new IngestPipeline({
    warehouse: stores.warehouse,
    state: stores.state,
    now: Date.now,
    newPersonId: randomUUID,
    sessionGapMs: 30 * MINUTE,
  });
  const events = calls.map(({ at, ...call }) =>
    event(projectId, { ...call, timestamp: new Date(start + at * MINUTE).toISOString() } as SegmentCall),
  );
  await pipeline.storeBatch({ projectId, batchId: randomUUID(), source: 'scenario', events, profiles: 'deferred' });
}
