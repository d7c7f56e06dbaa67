// How often a failed delivery is tried again: a list of waits, one per retry. The default backs off exponentially
// (1 min, 5 min, 25 min: four attempts over about half an hour); tests use milliseconds.

import { fail } from '../../core/field-check.js';

export interface RetryPolicy {
  /** The wait before each retry; attempts = delaysMs.length + 1. */
  delaysMs: number[];
}

export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [60_000, 300_000, 1_500_000] };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `1m,5m,25m` (units ms, s, m, h), or `none` for a single attempt. */
export function parseRetryDelays(value: string, field = 'retry'): RetryPolicy {
  if (value.trim() === 'none') return { delaysMs: [] };
  const delaysMs = value.split(',').map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!m) fail(field, `must be waits such as "1m,5m,25m" (units ms, s, m, h) or "none", not "${value}"`);
    return Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
  });
  if (delaysMs.length > 10) fail(field, 'allows at most 10 retries');
  return { delaysMs };
}

export const attemptsOf = (policy: RetryPolicy): number => policy.delaysMs.length + 1;

/** The wait after failed attempt number `attempt` (1-based), or undefined when it was the last. */
export function waitAfter(policy: RetryPolicy, attempt: number): number | undefined {
  return policy.delaysMs[attempt - 1];
}
