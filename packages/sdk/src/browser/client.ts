// The browser SDK: Segment-style calls, batched and retried, kept in localStorage while they cannot be delivered,
// and decisions fetched from /v1/decide and rendered into the page.

import type { Decision } from '../core.js';
import { Batcher } from '../shared/batcher.js';
import { stamp, uuid, type SegmentCall } from '../shared/calls.js';
import { SdkError } from '../shared/errors.js';
import { KEEPALIVE_MAX, request, urlOf, type Endpoint } from '../shared/http.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../shared/retry.js';
import { decisionContext, pageContext, pageProperties } from './context.js';
import { findSlots, render } from './personalize.js';
import { openStore, readJson, type Store } from './storage.js';

export interface LoadOptions {
  /** Base URL of the Waymark server, e.g. https://waymark.example.com. */
  host: string;
  /** Send as soon as this many calls wait (default 20). */
  flushAt?: number;
  /** Send whatever waits this often, in ms (default 5,000). */
  flushIntervalMs?: number;
  /** The most calls kept in localStorage while offline (default 1,000); past it, the oldest is dropped. */
  maxQueueSize?: number;
  /** Backoff between attempts (default 500 ms doubling to 30 s; the browser never gives up on a batch). */
  retry?: Partial<Omit<RetryPolicy, 'maxAttempts'>>;
}

const KEYS = { anonymousId: 'waymark.anonymousId', userId: 'waymark.userId', traits: 'waymark.traits' };
const QUEUE_KEY = 'waymark.queue';
const LIBRARY = 'waymark-sdk-browser';

type Props = Record<string, unknown>;

export interface WaymarkBrowser {
  /** Starts the SDK; calls made before it are an error. Sends what earlier pages left unsent. */
  load(writeKey: string, options: LoadOptions): void;
  track(event: string, properties?: Props): void;
  page(name?: string, properties?: Props): void;
  identify(userId?: string | null, traits?: Props): void;
  /** Links `previousId` (default: the current user or anonymous id) to `userId`. */
  alias(userId: string, previousId?: string): void;
  /** Forgets the user: a new anonymousId, no userId, no traits. */
  reset(): void;
  /** Decisions for `slots` from the server; rejects when it cannot be reached. */
  decide(slots: string[], context?: Props): Promise<Record<string, Decision>>;
  /** Decides every data-waymark-slot element under `root` and renders it; on failure the page keeps its content. */
  personalize(options?: { root?: ParentNode; context?: Props }): Promise<Record<string, Decision>>;
  /** Sends what waits now. */
  flush(): Promise<void>;
  user(): { anonymousId: string; userId: string | undefined; traits: Props };
}

export function createWaymark(): WaymarkBrowser {
  let endpoint: Endpoint | undefined;
  let batcher: Batcher | undefined;
  let store: Store | undefined;

  const started = (): { store: Store; batcher: Batcher; endpoint: Endpoint } => {
    if (!store || !batcher || !endpoint)
      throw new SdkError('invalid_call', 'call waymark.load(writeKey, { host }) first');
    return { store, batcher, endpoint };
  };

  const anonymousId = (): string => {
    const s = started().store;
    let id = s.get(KEYS.anonymousId);
    if (!id) s.set(KEYS.anonymousId, (id = uuid()));
    return id;
  };

  const identity = () => {
    const s = started().store;
    const userId = s.get(KEYS.userId);
    return { anonymousId: anonymousId(), ...(userId ? { userId } : {}) };
  };

  const enqueue = (call: Omit<SegmentCall, 'messageId' | 'timestamp'>): void => {
    started().batcher.add(stamp({ ...identity(), context: pageContext(), ...call }, LIBRARY));
  };

  const warn = (error: SdkError) => console.warn(`waymark: ${error.message}`);

  /** Hands everything waiting to the browser as the page goes away. */
  const beacon = (): void => {
    if (!batcher || !endpoint || batcher.pending.length === 0 || !navigator.onLine) return;
    if (typeof navigator.sendBeacon !== 'function') {
      void batcher.flush(true);
      return;
    }
    const url = urlOf(endpoint, '/v1/batch');
    const sent: SegmentCall[] = [];
    let chunk: SegmentCall[] = [];
    const send = () => {
      const body = JSON.stringify({ batch: chunk, writeKey: endpoint!.writeKey, sentAt: new Date().toISOString() });
      if (navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) sent.push(...chunk);
      chunk = [];
    };
    let size = 0;
    for (const call of batcher.pending) {
      const length = JSON.stringify(call).length;
      if (size + length > KEEPALIVE_MAX - 200 && chunk.length > 0) {
        send();
        size = 0;
      }
      chunk.push(call);
      size += length + 1;
    }
    if (chunk.length > 0) send();
    // A beacon's answer is never seen: while the server is failing, keep the calls for the next page too (the
    // server drops repeated messageIds).
    if (!batcher.backingOff) batcher.forget(sent);
  };

  const api: WaymarkBrowser = {
    load(writeKey, options) {
      if (batcher) return;
      if (!writeKey || !options?.host) throw new SdkError('invalid_call', 'waymark.load needs a write key and a host');
      endpoint = { writeKey, host: options.host };
      store = openStore();
      const s = store;
      batcher = new Batcher({
        flushAt: options.flushAt ?? 20,
        flushIntervalMs: options.flushIntervalMs ?? 5_000,
        maxBatchSize: 100,
        maxQueueSize: options.maxQueueSize ?? 1_000,
        retry: { ...DEFAULT_RETRY, ...options.retry, maxAttempts: Infinity },
        initial: readJson<SegmentCall[]>(s, QUEUE_KEY, []),
        onChange: (queue) => s.set(QUEUE_KEY, queue.length > 0 ? JSON.stringify(queue) : undefined),
        onError: warn,
        send: async (batch) =>
          navigator.onLine === false
            ? { ok: false, retryable: true, error: new SdkError('network', 'the browser is offline') }
            : request(endpoint!, '/v1/batch', {
                method: 'POST',
                body: { batch, sentAt: new Date().toISOString() },
                keyInBody: true,
                keepalive: true,
              }),
      });
      window.addEventListener('online', () => void batcher!.flush(true));
      window.addEventListener('pagehide', beacon);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && beacon());
      if (batcher.pending.length > 0) void batcher.flush();
    },

    track(event, properties = {}) {
      enqueue({ type: 'track', event, properties });
    },

    page(name, properties = {}) {
      enqueue({ type: 'page', ...(name ? { name } : {}), properties: { ...pageProperties(), ...properties } });
    },

    identify(userId, traits = {}) {
      const s = started().store;
      if (userId) s.set(KEYS.userId, userId);
      const all = { ...readJson<Props>(s, KEYS.traits, {}), ...traits };
      s.set(KEYS.traits, JSON.stringify(all));
      enqueue({ type: 'identify', traits });
    },

    alias(userId, previousId) {
      const { userId: current, anonymousId: anonymous } = identity();
      enqueue({ type: 'alias', userId, previousId: previousId ?? current ?? anonymous });
    },

    reset() {
      const s = started().store;
      for (const key of Object.values(KEYS)) s.set(key, undefined);
    },

    async decide(slots, context = {}) {
      const { endpoint: e, store: s } = started();
      const outcome = await request(e, '/v1/decide', {
        method: 'POST',
        body: {
          ...identity(),
          slots,
          context: { ...decisionContext(), ...context },
          traits: readJson(s, KEYS.traits, {}),
        },
      });
      if (!outcome.ok) throw outcome.error;
      return (outcome.body as { decisions?: Record<string, Decision> } | undefined)?.decisions ?? {};
    },

    async personalize({ root = document, context } = {}) {
      const { elements, slots } = findSlots(root);
      if (slots.length === 0) return {};
      let decisions: Record<string, Decision>;
      try {
        decisions = await api.decide(slots, context);
      } catch (error) {
        warn(error as SdkError);
        return {};
      }
      for (const element of elements) render(element, decisions[element.getAttribute('data-waymark-slot') as string]);
      return decisions;
    },

    flush() {
      return started().batcher.flush(true);
    },

    user() {
      const s = started().store;
      return { ...identity(), userId: s.get(KEYS.userId), traits: readJson<Props>(s, KEYS.traits, {}) };
    },
  };
  return api;
}
