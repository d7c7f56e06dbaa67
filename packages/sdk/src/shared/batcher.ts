// The outgoing queue both SDKs share: calls wait here until a batch is full or the flush interval passes, go out one
// batch at a time in order, and come back to the front of the queue when the server cannot take them yet.

import type { SegmentCall } from './calls.js';
import { SdkError } from './errors.js';
import type { HttpOutcome } from './http.js';
import { backoffMs, type RetryPolicy } from './retry.js';

export interface BatcherOptions {
  /** Send as soon as this many calls wait. */
  flushAt: number;
  /** Send whatever waits this often, in ms. */
  flushIntervalMs: number;
  /** The most calls in one request. */
  maxBatchSize: number;
  /** The most calls kept while the server is unreachable; past it, the oldest is dropped. */
  maxQueueSize: number;
  retry: RetryPolicy;
  send(batch: SegmentCall[]): Promise<HttpOutcome>;
  /** Called after every change of the queue (the browser persists it). */
  onChange?(queue: readonly SegmentCall[]): void;
  onError(error: SdkError): void;
  /** Calls left by an earlier page or process. */
  initial?: SegmentCall[];
}

export class Batcher {
  private queue: SegmentCall[];
  private failures = 0;
  private sending: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryWaiters: (() => void)[] = [];
  private stopped = false;
  private readonly interval: ReturnType<typeof setInterval>;

  constructor(private readonly options: BatcherOptions) {
    this.queue = options.initial ? options.initial.slice(-options.maxQueueSize) : [];
    this.interval = setInterval(() => void this.flush(), options.flushIntervalMs);
    // A Node process may exit while the SDK is idle: close() is how to wait for the queue.
    (this.interval as { unref?: () => void }).unref?.();
  }

  /** Calls not yet delivered, the one in flight included. */
  get pending(): readonly SegmentCall[] {
    return this.queue;
  }

  /** Whether the last attempt failed and a retry is waiting. */
  get backingOff(): boolean {
    return this.retryTimer !== undefined;
  }

  add(call: SegmentCall): void {
    this.queue.push(call);
    if (this.queue.length > this.options.maxQueueSize) {
      const dropped = this.queue.shift() as SegmentCall;
      this.options.onError(
        new SdkError('queue_full', `the queue holds ${this.options.maxQueueSize} calls: dropped ${describe(dropped)}`),
      );
    }
    this.changed();
    if (this.queue.length >= this.options.flushAt) void this.flush();
  }

  /**
   * Sends what waits, batch by batch; resolves when the queue is empty or an attempt failed (a retry is then
   * scheduled). While a retry waits, a flush does nothing unless `now` is set (the browser came back online).
   */
  flush(now = false): Promise<void> {
    if (this.retryTimer !== undefined) {
      if (!now) return Promise.resolve();
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.wakeWaiters();
    }
    this.sending ??= this.sendAll().finally(() => (this.sending = undefined));
    return this.sending;
  }

  /** Forgets calls delivered another way (a beacon as the page goes away). */
  forget(calls: readonly SegmentCall[]): void {
    const gone = new Set(calls);
    this.queue = this.queue.filter((c) => !gone.has(c));
    this.changed();
  }

  /** Sends until nothing is left (delivered, or dropped after the last retry), waiting out the backoff. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      await this.flush(true);
      if (this.retryTimer !== undefined) await new Promise<void>((resolve) => this.retryWaiters.push(resolve));
    }
  }

  /** Stops the timers and sending; what is queued stays queued. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.interval);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.wakeWaiters();
  }

  private async sendAll(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.slice(0, this.options.maxBatchSize);
      const outcome = await this.options.send(batch);
      if (outcome.ok) {
        this.failures = 0;
        this.forget(batch);
        continue;
      }
      if (!outcome.retryable) {
        this.options.onError(outcome.error);
        this.forget(batch);
        continue;
      }
      this.failures += 1;
      if (this.failures >= this.options.retry.maxAttempts) {
        this.options.onError(
          new SdkError('retries_exhausted', `dropped ${batch.length} calls after ${this.failures} attempts`, {
            ...outcome.error.details,
          }),
        );
        this.failures = 0;
        this.forget(batch);
        continue;
      }
      this.options.onError(outcome.error);
      this.retryTimer = setTimeout(
        () => {
          this.retryTimer = undefined;
          this.wakeWaiters();
          void this.flush();
        },
        backoffMs(this.failures, this.options.retry),
      );
      (this.retryTimer as { unref?: () => void }).unref?.();
      return;
    }
  }

  private wakeWaiters(): void {
    for (const wake of this.retryWaiters.splice(0)) wake();
  }

  private changed(): void {
    this.options.onChange?.(this.queue);
  }
}

const describe = (call: SegmentCall): string =>
  call.type === 'track' ? `track "${call.event}"` : `${call.type} ${call.messageId}`;
