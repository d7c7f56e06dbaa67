import { describe, expect, it } from 'vitest';
import type { SegmentTemplate, SizedSegment } from '../../api/segments.js';
import { mapLimited, sizesTable, templateGroups } from './list-model.js';

const sized = (id: string, name: string, size: number): SizedSegment => ({
  id,
  name,
  condition: { segment: 'x' },
  updatedAt: '2026-11-20T10:00:00.000Z',
  size,
  persons: 400,
  share: size / 400,
  at: '2026-11-23T00:00:00.000Z',
});

const template = (id: string, category: string): SegmentTemplate => ({ id, name: id, category, condition: {} });

describe('segment list', () => {
  it('lists the largest segments first, with the share of persons', () => {
    const table = sizesTable([sized('b', 'Beta', 10), sized('a', 'Alpha', 10), sized('c', 'Gamma', 123)]);
    expect(table.rows.map((r) => [r['id'], r['members'], r['share']])).toEqual([
      ['c', 123, 0.3075],
      ['a', 10, 0.025],
      ['b', 10, 0.025],
    ]);
    expect(table.rows[0]!['updated']).toBe('2026-11-20');
  });

  it("adds each segment's moves of the last 7 days when the list has its trend", () => {
    const trend = { daily: [{ day: '2026-11-23', size: 9 }], lastWeek: { entered: 5, exited: 2, change: 3 } };
    const table = sizesTable([{ ...sized('a', 'Alpha', 9), trend }, sized('b', 'Beta', 4)]);
    expect(table.rows.map((r) => [r['id'], r['entered'], r['exited']])).toEqual([
      ['a', 5, 2],
      ['b', null, null],
    ]);
  });

  it('groups templates by category in a set order, without those already saved', () => {
    const groups = templateGroups(
      [template('rfm-champions', 'rfm'), template('repeat-buyers', 'lifecycle'), template('x', 'new-kind')],
      new Set(['repeat-buyers']),
    );
    expect(groups.map((g) => [g.label, g.templates.map((t) => t.id)])).toEqual([
      ['RFM groups', ['rfm-champions']],
      ['new-kind', ['x']],
    ]);
  });

  it('loads at most a few at a time and keeps the order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });
});
