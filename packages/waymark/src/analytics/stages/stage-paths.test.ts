import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, tallyPaths } from './stage-paths.js';

describe('stage paths', () => {
  it('derives every per-stage count from the stages persons entered', () => {
    // 3 persons entered stages 0, 1 and 3 (skipping 2), one of them entering 3 within the range;
    // 2 persons entered stage 1 only; 1 person entered 2 then 3.
    const t = tallyPaths(
      [
        { path: 0b1011, new_path: 0b1000, persons: 3 },
        { path: 0b0010, new_path: 0, persons: 2 },
        { path: 0b1100, new_path: 0b1100, persons: 1 },
      ],
      4,
    );
    expect(t.persons).toBe(6);
    expect(t.current).toEqual([0, 2, 0, 4]);
    expect(t.reached).toEqual([6, 6, 4, 4]);
    expect(t.entered).toEqual([3, 5, 1, 4]);
    expect(t.started).toEqual([3, 2, 1, 0]);
    expect(t.movedOn).toEqual([3, 3, 1, 0]);
    expect(t.newEntries).toEqual([0, 0, 1, 4]);
    expect(t.moves).toEqual([
      [0, 3, 0, 0],
      [0, 0, 0, 3],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ]);
  });

  it('adds tallies count by count, and ignores empty paths', () => {
    const a = tallyPaths([{ path: 0b01, new_path: 0b01, persons: 2 }], 2);
    const b = tallyPaths(
      [
        { path: 0b11, new_path: 0, persons: 1 },
        { path: 0, new_path: 0, persons: 9 },
      ],
      2,
    );
    const sum = emptyTally(2);
    addTally(sum, a);
    addTally(sum, b);
    expect(sum).toEqual(
      tallyPaths(
        [
          { path: 0b01, new_path: 0b01, persons: 2 },
          { path: 0b11, new_path: 0, persons: 1 },
        ],
        2,
      ),
    );
  });
});
