import { describe, expect, it } from 'vitest';
import { SharedLock } from './shared-lock.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('SharedLock', () => {
  it('lets shared holders overlap, and an exclusive holder wait for them and run alone, in arrival order', async () => {
    const lock = new SharedLock();
    const log: string[] = [];
    const a = await lock.shared();
    const b = await lock.shared();
    const x = lock.exclusive().then((release) => {
      log.push('x');
      return release;
    });
    // Arrives after the exclusive waiter: waits for it instead of overtaking it.
    const c = lock.shared().then((release) => {
      log.push('c');
      return release;
    });
    await tick();
    expect(log).toEqual([]);
    a();
    await tick();
    expect(log).toEqual([]);
    b();
    const releaseX = await x;
    await tick();
    expect(log).toEqual(['x']);
    releaseX();
    releaseX(); // a second release changes nothing
    (await c)();
    expect(log).toEqual(['x', 'c']);
    const d = await lock.exclusive();
    d();
  });
});
