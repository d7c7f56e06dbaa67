import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkError } from '../core/errors.js';
import { loadScenario } from '../test-support/scenario.js';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { funnelAnalysis } from './funnels/funnel.js';
import { guardedWarehouse, withLimits } from './query-guard.js';

let stores: TestStores;
const spec = funnelAnalysis.parse({
  steps: [{ event: 'A' }, { event: 'B' }],
  range: { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z' },
});

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, 'g', [
    { type: 'track', userId: 'u1', event: 'A', at: 0 },
    { type: 'track', userId: 'u1', event: 'B', at: 1 },
  ]);
});
afterAll(() => stores.close());

const failure = async (run: () => Promise<unknown>): Promise<WaymarkError> => {
  try {
    await run();
  } catch (e) {
    return e as WaymarkError;
  }
  throw new Error('the query succeeded');
};

describe('query guard', () => {
  it('appends the limits as settings of the whole query', () => {
    expect(withLimits('SELECT 1', { maxMemoryBytes: 1e9, maxSeconds: 30 })).toBe(
      'SELECT 1\nSETTINGS max_memory_usage = 1000000000, max_execution_time = 30',
    );
  });

  it('runs within the limits', async () => {
    const warehouse = guardedWarehouse(stores.warehouse, { maxMemoryBytes: 2 ** 30, maxSeconds: 60 });
    const result = await funnelAnalysis.run({ warehouse, now: Date.now }, 'g', spec);
    expect(result.steps.map((s) => s.count)).toEqual([1, 1]);
  });

  it('a query over its memory limit fails with a clear error, and the engine carries on', async () => {
    const warehouse = guardedWarehouse(stores.warehouse, { maxMemoryBytes: 1, maxSeconds: 60 });
    const error = await failure(() => funnelAnalysis.run({ warehouse, now: Date.now }, 'g', spec));
    expect(error).toBeInstanceOf(WaymarkError);
    expect(error.code).toBe('query_too_large');
    expect(error.message).toContain('narrow the date range');
    expect(await stores.warehouse.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a query past its time limit is stopped', async () => {
    const warehouse = guardedWarehouse(stores.warehouse, { maxMemoryBytes: 2 ** 30, maxSeconds: 1 });
    const error = await failure(() =>
      warehouse.query('SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) = 1'),
    );
    expect(error.code).toBe('query_timeout');
  });

  it('a cancelled query stops with "cancelled"', async () => {
    const controller = new AbortController();
    const warehouse = guardedWarehouse(
      stores.warehouse,
      { maxMemoryBytes: 2 ** 30, maxSeconds: 60 },
      controller.signal,
    );
    controller.abort();
    const error = await failure(() => funnelAnalysis.run({ warehouse, now: Date.now }, 'g', spec));
    expect(error.code).toBe('cancelled');
  });
});
