// The decision service behind POST /v1/decide: what is known of the person (segments from the in-memory
// membership index, traits from the profile, the request's context), the project's slot and experiment definitions
// (cached until one changes) and the bandits' current weights go into the pure `decide`; each variant shown is
// recorded once per person, slot and variant as an exposure event.

import { normalizeCall } from '../core/normalize.js';
import type { IncomingEvent } from '../core/event.js';
import { LruMap } from '../core/lru.js';
import { decide, type Decision, type DecisionRequest } from '../decisions/decide.js';
import { exposureCall } from '../decisions/exposure.js';
import type { Experiment, Slot } from '../decisions/model.js';
import type { StateStore } from '../state/state-store.js';
import type { MembershipIndex } from '../segments/membership-index.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { banditWeights } from './bandits.js';
import { listExperiments, listSlots } from './definitions.js';
import { flattenContext, type DecideBody } from './request.js';

export interface DecisionDeps {
  state: Pick<StateStore, 'definitions' | 'identities' | 'profiles'>;
  membership: MembershipIndex;
  warehouse: Warehouse;
  /** Where exposure events go (the ingest path). */
  sink: { accept(projectId: string, events: IncomingEvent[]): Promise<void> };
  now: () => number;
  onError: (message: string, error: unknown) => void;
}

export interface ProjectDefinitions {
  slots: Map<string, Slot>;
  experiments: Map<string, Experiment>;
  banditWeights: Map<string, Record<string, number>>;
}

export class DecisionService {
  private readonly cache = new Map<string, Promise<ProjectDefinitions>>();
  /** Bumped by every invalidation, so that a background reload started before a save does not undo it. */
  private readonly generation = new Map<string, number>();
  private readonly exposed = new LruMap<string, true>(200_000);
  private timer: NodeJS.Timeout | undefined;
  /** Exposures waiting to be handed to ingest together (one log append for many requests). */
  private readonly pendingExposures = new Map<string, IncomingEvent[]>();
  private pendingCount = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  readonly stats = { decisions: 0, exposures: 0 };

  constructor(private readonly deps: DecisionDeps) {}

  /**
   * Recomputes bandit weights every `everyMs` (default 60 s) for the projects that have been asked, in the
   * background: decisions keep using the previous weights until the new ones are ready.
   */
  start(everyMs = 60_000): void {
    this.timer = setInterval(() => {
      for (const projectId of [...this.cache.keys()]) {
        const generation = this.generation.get(projectId) ?? 0;
        this.load(projectId).then(
          (fresh) => {
            if ((this.generation.get(projectId) ?? 0) === generation) this.cache.set(projectId, Promise.resolve(fresh));
          },
          (error: unknown) => this.deps.onError(`definitions of project "${projectId}" could not be reloaded`, error),
        );
      }
    }, everyMs);
    this.timer.unref();
  }

  /** Stops the timers and hands the exposures still waiting to ingest. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Hands waiting exposures to ingest now. Failures are logged (and the exposures may be recorded again later). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batches = [...this.pendingExposures];
    this.pendingExposures.clear();
    this.pendingCount = 0;
    for (const [projectId, events] of batches) {
      try {
        await this.deps.sink.accept(projectId, events);
      } catch (error) {
        for (const e of events) this.exposed.delete(`${projectId}:${e.message_id}`);
        this.deps.onError(`exposures of project "${projectId}" could not be recorded`, error);
      }
    }
  }

  /** Forgets a project's cached definitions (after a save or a delete); the next decision reloads them. */
  invalidate(projectId: string): void {
    this.generation.set(projectId, (this.generation.get(projectId) ?? 0) + 1);
    this.cache.delete(projectId);
  }

  definitions(projectId: string): Promise<ProjectDefinitions> {
    let cached = this.cache.get(projectId);
    if (!cached) {
      cached = this.load(projectId);
      this.cache.set(projectId, cached);
      cached.catch(() => this.cache.delete(projectId));
    }
    return cached;
  }

  private async load(projectId: string): Promise<ProjectDefinitions> {
    const { state, warehouse, now, onError } = this.deps;
    const [slots, experiments] = await Promise.all([
      listSlots(state.definitions, projectId),
      listExperiments(state.definitions, projectId),
    ]);
    let weights = new Map<string, Record<string, number>>();
    try {
      weights = await banditWeights(warehouse, projectId, slots, now());
    } catch (error) {
      onError(`bandit weights of project "${projectId}" could not be computed; traffic stays even`, error);
    }
    return {
      slots: new Map(slots.map((s) => [s.id, s])),
      experiments: new Map(experiments.map((e) => [e.id, e])),
      banditWeights: weights,
    };
  }

  /** What each slot shows this person, and why. */
  async decide(projectId: string, body: DecideBody): Promise<Record<string, Decision>> {
    const { state, membership, now } = this.deps;
    const defs = await this.definitions(projectId);
    const ids = [body.userId, body.anonymousId].filter((x): x is string => x !== undefined);
    const known = ids.length === 0 ? new Map() : await state.identities.lookup(projectId, ids);
    const personId =
      (body.userId === undefined ? undefined : known.get(body.userId)?.personId) ??
      (body.anonymousId === undefined ? undefined : known.get(body.anonymousId)?.personId);
    let segments: ReadonlySet<string> = new Set();
    const traits: Record<string, unknown> = {};
    if (personId !== undefined) {
      const [inSegments, profiles] = await Promise.all([
        membership.segmentsOf(projectId, personId),
        state.profiles.get(projectId, [personId]),
      ]);
      segments = inSegments;
      // Profiles keep each trait with when it changed and was seen; targeting reads the values.
      for (const [key, trait] of Object.entries(profiles.get(personId)?.traits ?? {})) traits[key] = trait.value;
    }
    const request: DecisionRequest = {
      ...(body.userId === undefined ? {} : { userId: body.userId }),
      ...(body.anonymousId === undefined ? {} : { anonymousId: body.anonymousId }),
      segments,
      traits: { ...traits, ...body.traits },
      context: flattenContext(body.context),
      now: now(),
    };
    const decisions: Record<string, Decision> = {};
    for (const slotId of body.slots) {
      decisions[slotId] = decide(defs.slots.get(slotId), slotId, request, defs);
    }
    this.stats.decisions += body.slots.length;
    if (body.expose) this.expose(projectId, request, defs, decisions);
    return decisions;
  }

  /** Records exposures without holding up the answer, gathered for a moment; failures are logged, never thrown. */
  private expose(
    projectId: string,
    request: DecisionRequest,
    defs: ProjectDefinitions,
    decisions: Record<string, Decision>,
  ): void {
    const events: IncomingEvent[] = [];
    for (const d of Object.values(decisions)) {
      // The call's messageId first: a repeat (the usual case) costs a lookup, not a normalization.
      const slot = defs.slots.get(d.slot);
      const call = exposureCall(d, slot, request);
      if (!call || this.exposed.get(`${projectId}:${call.messageId}`)) continue;
      const event = exposureEvent(projectId, slot, request, d);
      if (!event) continue;
      this.exposed.set(`${projectId}:${call.messageId}`, true);
      events.push(event);
    }
    if (events.length === 0) return;
    this.stats.exposures += events.length;
    let waiting = this.pendingExposures.get(projectId);
    if (!waiting) this.pendingExposures.set(projectId, (waiting = []));
    waiting.push(...events);
    this.pendingCount += events.length;
    // Up to 50 ms or 1,000 exposures together: one durable append instead of one per request.
    if (this.pendingCount >= 1000) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), 50);
  }
}

/** The exposure of a decision as ingest takes it (decisions/exposure.ts), timed at the decision. */
export function exposureEvent(
  projectId: string,
  slot: Slot | undefined,
  request: DecisionRequest,
  d: Decision,
): IncomingEvent | undefined {
  const call = exposureCall(d, slot, request);
  if (!call) return undefined;
  const result = normalizeCall(
    { ...call, timestamp: new Date(request.now).toISOString() },
    { projectId, receivedAt: request.now, correctSkew: false, newMessageId: () => '' },
  );
  return result.ok ? result.value : undefined;
}
