// The Node SDK: Segment-style calls batched to /v1/batch, and decisions made locally with the server's own decide()
// on definitions it keeps fresh in the background.

import { decide, type Decision, type DecisionRequest } from '../core.js';
import { Batcher } from '../shared/batcher.js';
import { stamp, type SegmentCall } from '../shared/calls.js';
import { SdkError } from '../shared/errors.js';
import { request, type Endpoint } from '../shared/http.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../shared/retry.js';
import { DefinitionsSync } from './definitions.js';
import { exposureOf } from './exposure.js';

export interface WaymarkOptions {
  /** The project's write key. */
  writeKey: string;
  /** Base URL of the Waymark server, e.g. http://localhost:3000. */
  host: string;
  /** How often to refetch the definitions, in ms (default 30,000). */
  refreshIntervalMs?: number;
  /** Send as soon as this many calls wait (default 20). */
  flushAt?: number;
  /** Send whatever waits this often, in ms (default 5,000). */
  flushIntervalMs?: number;
  /** The most calls kept while the server is unreachable (default 10,000); past it, the oldest is dropped. */
  maxQueueSize?: number;
  /** Backoff between attempts and attempts per batch (default 500 ms doubling to 30 s, 10 attempts). */
  retry?: Partial<RetryPolicy>;
  /** Send an exposure event for every variant decided locally (default true). */
  trackExposures?: boolean;
  /** Failed deliveries and dropped calls (default: console.warn). */
  onError?: (error: SdkError) => void;
}

/** Who a call is about: a userId, an anonymousId, or both. */
export interface Identity {
  userId?: string;
  anonymousId?: string;
}

interface Common extends Identity {
  context?: Record<string, unknown>;
  timestamp?: string;
  messageId?: string;
}

/** What the app knows of the person a decision is for. */
export interface DecideFor extends Identity {
  traits?: Record<string, unknown>;
  /** Request facts that targeting reads: url, path, device, utm_source, locale, country ... */
  context?: Record<string, unknown>;
  /** The segments the person belongs to, when the app knows them; rules on segments fall back to the default without. */
  segments?: Iterable<string>;
}

const LIBRARY = 'waymark-sdk-node';
const EXPOSURES_REMEMBERED = 100_000;

/**
 * A Waymark client for servers.
 *
 * ```ts
 * const waymark = new Waymark({ writeKey: 'wk_...', host: 'http://localhost:3000' });
 * await waymark.ready();
 * const { 'home-hero': hero } = waymark.decide({ userId: 'u1', traits: { plan: 'pro' } }, ['home-hero']);
 * waymark.track({ userId: 'u1', event: 'Order Completed', properties: { revenue: 30 } });
 * await waymark.close();
 * ```
 */
export class Waymark {
  private readonly endpoint: Endpoint;
  private readonly batcher: Batcher;
  private readonly definitions: DefinitionsSync;
  private readonly trackExposures: boolean;
  private readonly exposed = new Set<string>();

  constructor(options: WaymarkOptions) {
    if (!options.writeKey || !options.host)
      throw new SdkError('invalid_call', 'new Waymark() needs a writeKey and a host');
    this.endpoint = { host: options.host, writeKey: options.writeKey };
    const onError = options.onError ?? ((e: SdkError) => console.warn(`waymark: ${e.message}`));
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.trackExposures = options.trackExposures ?? true;
    this.batcher = new Batcher({
      flushAt: options.flushAt ?? 20,
      flushIntervalMs: options.flushIntervalMs ?? 5_000,
      maxBatchSize: 100,
      maxQueueSize: options.maxQueueSize ?? 10_000,
      retry,
      onError,
      send: (batch) =>
        request(this.endpoint, '/v1/batch', { method: 'POST', body: { batch, sentAt: new Date().toISOString() } }),
    });
    this.definitions = new DefinitionsSync(this.endpoint, {
      refreshIntervalMs: options.refreshIntervalMs ?? 30_000,
      retry,
      onError,
    });
  }

  track(call: Common & { event: string; properties?: Record<string, unknown> }): void {
    this.enqueue({ type: 'track', ...call });
  }

  identify(call: Common & { traits?: Record<string, unknown> }): void {
    this.enqueue({ type: 'identify', ...call });
  }

  page(call: Common & { name?: string; properties?: Record<string, unknown> }): void {
    this.enqueue({ type: 'page', ...call });
  }

  /** Links `previousId` (an older userId or an anonymousId) to `userId`. */
  alias(call: Common & { userId: string; previousId: string }): void {
    this.enqueue({ type: 'alias', ...call });
  }

  /** Resolves once the first definitions have arrived; rejects when the server refuses the write key. */
  ready(): Promise<void> {
    return this.definitions.ready();
  }

  /** Refetches the definitions now; true when they were replaced (on failure the last good ones stay). */
  refresh(): Promise<boolean> {
    return this.definitions.refresh();
  }

  /**
   * The decision for each slot, made here with the server's rules (no request). Before the first definitions
   * arrive, every slot gets `variant: null` with the reason. Records an exposure per person, slot and variant.
   */
  decide(person: DecideFor, slots: readonly string[]): Record<string, Decision> {
    const definitions = this.definitions.current;
    const out: Record<string, Decision> = {};
    const request: DecisionRequest = { traits: person.traits ?? {}, context: person.context ?? {}, now: Date.now() };
    if (person.userId !== undefined) request.userId = person.userId;
    if (person.anonymousId !== undefined) request.anonymousId = person.anonymousId;
    if (person.segments !== undefined) request.segments = new Set(person.segments);
    for (const id of slots) {
      if (!definitions) {
        out[id] = { slot: id, variant: null, source: 'default', reason: 'the definitions have not loaded yet' };
        continue;
      }
      const slot = definitions.slots.get(id);
      const decision = decide(slot, id, request, definitions.env);
      out[id] = decision;
      if (this.trackExposures) this.expose(exposureOf(decision, slot, person));
    }
    return out;
  }

  /** Sends what waits now; resolves when the queue is empty or a retry is scheduled. */
  flush(): Promise<void> {
    return this.batcher.flush(true);
  }

  /** Stops refreshing and delivers everything queued (retrying as configured), within `timeoutMs` (default 10 s). */
  async close({ timeoutMs = 10_000 } = {}): Promise<void> {
    this.definitions.stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.batcher.drain(), timeout]);
    clearTimeout(timer);
    this.batcher.stop();
  }

  private expose(call: Omit<SegmentCall, 'timestamp'> | undefined): void {
    if (!call || this.exposed.has(call.messageId)) return;
    this.exposed.add(call.messageId);
    if (this.exposed.size > EXPOSURES_REMEMBERED) this.exposed.delete(this.exposed.values().next().value as string);
    this.batcher.add(stamp(call, LIBRARY));
  }

  private enqueue(call: Omit<SegmentCall, 'messageId' | 'timestamp'> & Common): void {
    if (call.userId === undefined && call.anonymousId === undefined)
      throw new SdkError('invalid_call', `a ${call.type} call needs a userId or an anonymousId`, { field: 'userId' });
    this.batcher.add(stamp(call, LIBRARY));
  }
}
