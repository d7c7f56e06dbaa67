// Segment results as flat tables: insights over time and by first-touch channel and device, overlap pair by pair,
// comparison differences, and members with their profile facts.

import type { SegmentComparison, SegmentOverlap } from '../../segments/compare.js';
import type { SegmentInsights } from '../../segments/insights.js';
import type { MemberRow } from '../../segments/segments.js';
import { col, rowSet, type ExportColumn, type ExportRow, type RowSet } from '../rows.js';

export function segmentPeriods(result: SegmentInsights): RowSet {
  return rowSet(
    [
      col('segment', 'string'),
      col('period', 'time'),
      col('members', 'integer'),
      col('entered', 'integer'),
      col('exited', 'integer'),
    ],
    result.periods.map((p) => [result.segment, p.period, p.size, p.entered, p.exited]),
  );
}

/** Current members by first-touch channel and by device (`dimension` says which). */
export function segmentGroups(result: SegmentInsights): RowSet {
  return rowSet(
    [
      col('segment', 'string'),
      col('dimension', 'string'),
      col('value', 'string'),
      col('persons', 'integer'),
      col('share', 'number'),
    ],
    [
      ...result.channels.map((c): ExportRow => [result.segment, 'channel', c.value, c.persons, c.share]),
      ...result.devices.map((d): ExportRow => [result.segment, 'device', d.value, d.persons, d.share]),
    ],
  );
}

/** Every ordered pair of segments with the members they share (a segment with itself: its size). */
export function segmentOverlapPairs(result: SegmentOverlap): RowSet {
  return rowSet(
    [
      col('segment', 'string'),
      col('segment_size', 'integer'),
      col('other_segment', 'string'),
      col('shared', 'integer'),
    ],
    result.segments.flatMap((s, i) =>
      result.segments.map((o, j): ExportRow => [s.id, s.size, o.id, result.shared[i]?.[j] ?? 0]),
    ),
  );
}

export function segmentDifferences(result: SegmentComparison): RowSet {
  return rowSet(
    [
      col('segment_a', 'string'),
      col('segment_b', 'string'),
      col('kind', 'string'),
      col('dimension', 'string'),
      col('value', 'string'),
      col('a_persons', 'integer'),
      col('a_share', 'number'),
      col('b_persons', 'integer'),
      col('b_share', 'number'),
      col('lift', 'number', true),
      col('p', 'number'),
    ],
    result.differences.map((d) => [
      result.a.id,
      result.b.id,
      d.kind,
      d.dimension,
      d.value,
      d.a.persons,
      d.a.share,
      d.b.persons,
      d.b.share,
      d.lift,
      d.p,
    ]),
  );
}

export const MEMBER_COLUMNS: ExportColumn[] = [
  col('person_id', 'string'),
  col('email', 'string', true),
  col('name', 'string', true),
  col('last_seen', 'time', true),
  col('revenue', 'number'),
];

export function memberRow(m: MemberRow): ExportRow {
  return [m.personId, m.email, m.name, m.lastSeen, m.revenue];
}
