// When to try again: exponential backoff with jitter, and which answers are worth retrying.

export interface RetryPolicy {
  /** Delay before the first retry (default 500 ms); it doubles with every failed attempt. */
  baseMs: number;
  /** The longest delay between two attempts (default 30 s). */
  maxMs: number;
  /** Attempts per batch before it is dropped (Infinity: keep it until it is delivered). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 10 };

/**
 * The wait after `failures` failed attempts (1 or more): base * 2^(failures - 1), capped, then scaled by a random
 * factor in [0.5, 1) so that many clients that failed together do not retry together.
 */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}

/** 429 (slow down) and 5xx (the server is unwell) may succeed later; any other 4xx never will. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
