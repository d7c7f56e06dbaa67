import { expect, it } from 'vitest';
import { backoffMs, isRetryableStatus } from './retry.js';

const policy = { baseMs: 100, maxMs: 1_000, maxAttempts: 10 };

it('doubles the wait per failure up to the cap, jittered down to half', () => {
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, policy, () => 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
  expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
});

it('retries 429 and 5xx only', () => {
  expect([400, 401, 404, 413, 429, 500, 503].filter(isRetryableStatus)).toEqual([429, 500, 503]);
});
