// Trends and retention results as flat tables: one row per line and period (trends), per cohort and period after
// it (retention), with the breakdown value as a column (null for all persons).

import type { AveragePoint, RetentionCohort, RetentionResult } from '../../analytics/retention/retention.js';
import type { TrendsResult } from '../../analytics/trends/trends.js';
import { col, rowSet, type ExportRow, type RowSet } from '../rows.js';

const LINE_COLUMNS = [
  col('series', 'integer'),
  col('series_name', 'string'),
  col('event', 'string', true),
  col('measure', 'string'),
  col('property', 'string', true),
  col('breakdown_value', 'string', true),
];

export function trendBuckets(result: TrendsResult): RowSet {
  return rowSet(
    [
      ...LINE_COLUMNS,
      col('period', 'time'),
      col('value', 'number', true),
      col('previous_period', 'time', true),
      col('previous', 'number', true),
      col('change_percent', 'number', true),
      col('in_progress', 'boolean'),
    ],
    result.series.flatMap((line) =>
      line.buckets.map((b): ExportRow => [
        line.series,
        line.name,
        line.event,
        line.measure,
        line.property ?? null,
        line.breakdownValue ?? null,
        b.period,
        b.value,
        b.previousPeriod ?? null,
        b.previous ?? null,
        b.change ?? null,
        b.inProgress === true,
      ]),
    ),
  );
}

/** Per line, its total over the whole range (and the previous range's when comparing). */
export function trendTotals(result: TrendsResult): RowSet {
  return rowSet(
    [
      ...LINE_COLUMNS,
      col('total', 'number', true),
      col('previous_total', 'number', true),
      col('change_percent', 'number', true),
    ],
    result.series.map((line) => [
      line.series,
      line.name,
      line.event,
      line.measure,
      line.property ?? null,
      line.breakdownValue ?? null,
      line.total,
      line.previousTotal ?? null,
      line.change ?? null,
    ]),
  );
}

function withBreakdown<T>(
  result: RetentionResult,
  pick: (part: { cohorts: RetentionCohort[]; average: AveragePoint[] }) => T[],
): [string | null, T][] {
  return [
    ...pick(result).map((x): [string | null, T] => [null, x]),
    ...(result.breakdown?.values ?? []).flatMap((v) => pick(v).map((x): [string | null, T] => [v.value, x])),
  ];
}

/** One row per cohort and period after it (periods not begun yet are not listed). */
export function retentionCohorts(result: RetentionResult): RowSet {
  return rowSet(
    [
      col('breakdown_value', 'string', true),
      col('cohort', 'time'),
      col('cohort_size', 'integer'),
      col('period', 'integer'),
      col('persons', 'integer'),
      col('rate', 'number', true),
      col('complete', 'boolean'),
    ],
    withBreakdown(result, (p) => p.cohorts).flatMap(([value, c]) =>
      c.values.map((v, k): ExportRow => [value, c.period, c.size, k, v.persons, v.rate, v.complete]),
    ),
  );
}

export function retentionAverage(result: RetentionResult): RowSet {
  return rowSet(
    [
      col('breakdown_value', 'string', true),
      col('period', 'integer'),
      col('rate', 'number', true),
      col('persons', 'integer'),
      col('cohort_size', 'integer'),
      col('cohorts', 'integer'),
    ],
    withBreakdown(result, (p) => p.average).map(([value, a]) => [
      value,
      a.period,
      a.rate,
      a.persons,
      a.size,
      a.cohorts,
    ]),
  );
}
