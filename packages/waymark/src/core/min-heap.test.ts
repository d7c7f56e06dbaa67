import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.js';

describe('MinHeap', () => {
  it('pops in key order, whatever the order of pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 })), (keys) => {
        const heap = new MinHeap<number>();
        keys.forEach((k, i) => heap.push(k, i));
        const out: number[] = [];
        for (let e = heap.pop(); e; e = heap.pop()) {
          expect(keys[e.value]).toBe(e.key);
          out.push(e.key);
        }
        expect(out).toEqual([...keys].sort((a, b) => a - b));
        expect(heap.size).toBe(0);
      }),
    );
  });
  it('peeks at the smallest key', () => {
    const heap = new MinHeap<string>();
    expect(heap.peekKey()).toBeUndefined();
    heap.push(5, 'a');
    heap.push(2, 'b');
    expect(heap.peekKey()).toBe(2);
  });
});
