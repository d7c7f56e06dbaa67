import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.js';

describe('LruMap', () => {
  it('keeps recently used entries and forgets old ones beyond its capacity', () => {
    const m = new LruMap<string, number>(4);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    m.set('d', 4);
    m.set('e', 5);
    m.set('f', 6);
    expect(m.get('a')).toBeUndefined();
    expect(m.get('f')).toBe(6);
    m.delete('f');
    expect(m.get('f')).toBeUndefined();
  });

  it('never holds more than its capacity', () => {
    const m = new LruMap<number, number>(10);
    for (let i = 0; i < 1000; i++) m.set(i, i);
    let held = 0;
    for (let i = 0; i < 1000; i++) if (m.get(i) !== undefined) held++;
    expect(held).toBeLessThanOrEqual(10);
    expect(held).toBeGreaterThanOrEqual(5);
  });
});
