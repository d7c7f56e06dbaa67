import { describe, expect, it } from 'vitest';
import { SessionCache, abortable } from './session-cache.js';

/** A load that answers when told to, counting how often it was asked. */
function controlledLoad() {
  const calls: string[] = [];
  const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const load = (key: string) => {
    calls.push(key);
    return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { load, calls, pending };
}

describe('session cache', () => {
  it('shares one load in flight between callers and reuses the answer while it is fresh', async () => {
    let now = 0;
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 1000, () => now);
    const a = cache.get('demo');
    const b = cache.get('demo');
    expect(calls).toEqual(['demo']);
    pending[0]!.resolve('events of demo');
    expect(await Promise.all([a, b])).toEqual(['events of demo', 'events of demo']);
    now = 999;
    expect(await cache.get('demo')).toBe('events of demo');
    expect(calls).toEqual(['demo']);
  });

  it('loads again once the answer is older than its maximum age', async () => {
    let now = 0;
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 1000, () => now);
    const first = cache.get('demo');
    pending[0]!.resolve('old');
    await first;
    now = 1000;
    const second = cache.get('demo');
    expect(calls).toEqual(['demo', 'demo']);
    pending[1]!.resolve('new');
    expect(await second).toBe('new');
  });

  it('keeps keys apart', async () => {
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 1000);
    const a = cache.get('a');
    const b = cache.get('b');
    pending[0]!.resolve('A');
    pending[1]!.resolve('B');
    expect([await a, await b, calls]).toEqual(['A', 'B', ['a', 'b']]);
  });

  it('forgets a failed load, so that a retry asks again', async () => {
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 60_000);
    const failed = cache.get('demo');
    pending[0]!.reject(new Error('The Waymark server could not be reached.'));
    await expect(failed).rejects.toThrow('could not be reached');
    const retried = cache.get('demo');
    pending[1]!.resolve('events');
    expect(await retried).toBe('events');
    expect(calls).toHaveLength(2);
  });

  it('lets one caller give up without cancelling the load the others wait for', async () => {
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 60_000);
    const leaving = new AbortController();
    const left = cache.get('demo', leaving.signal);
    const staying = cache.get('demo');
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    pending[0]!.resolve('events');
    expect(await staying).toBe('events');
    expect(calls).toHaveLength(1);
    await expect(cache.get('demo', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('loads anew after being cleared', async () => {
    const { load, calls, pending } = controlledLoad();
    const cache = new SessionCache(load, 60_000);
    const before = cache.get('demo');
    pending[0]!.resolve('for the first user');
    await before;
    cache.clear();
    const after = cache.get('demo');
    pending[1]!.resolve('for the next user');
    expect(await after).toBe('for the next user');
    expect(calls).toHaveLength(2);
  });

  it('passes answers and failures through when not aborted', async () => {
    const signal = new AbortController().signal;
    expect(await abortable(Promise.resolve(3), signal)).toBe(3);
    await expect(abortable(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
  });
});
