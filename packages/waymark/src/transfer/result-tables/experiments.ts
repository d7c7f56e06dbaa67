// An experiment's results as flat tables: per metric and variant the comparison with control, and the exposures
// per variant with the sample-ratio check.

import type { ExperimentReport } from '../../personalization/results.js';
import type { Lift } from '../../stats/compare.js';
import { col, rowSet, type ExportRow, type RowSet } from '../rows.js';

const lift = (l: Lift | undefined): ExportRow => [l?.estimate ?? null, l?.interval[0] ?? null, l?.interval[1] ?? null];

/** One row per metric and variant (control is the baseline of each row); empty until every variant has exposures. */
export function experimentMetrics(report: ExperimentReport): RowSet {
  const metrics = report.analysis?.metrics ?? [];
  return rowSet(
    [
      col('experiment', 'string'),
      col('metric', 'string'),
      col('role', 'string'),
      col('metric_type', 'string'),
      col('control', 'string'),
      col('variant', 'string'),
      col('control_n', 'integer'),
      col('control_mean', 'number'),
      col('n', 'integer'),
      col('mean', 'number'),
      col('cuped', 'boolean'),
      col('absolute_lift', 'number', true),
      col('absolute_lower', 'number', true),
      col('absolute_upper', 'number', true),
      col('relative_lift', 'number', true),
      col('relative_lower', 'number', true),
      col('relative_upper', 'number', true),
      col('p_value', 'number', true),
      col('adjusted_p_value', 'number', true),
      col('chance_to_win', 'number', true),
      col('verdict', 'string'),
      col('warning', 'string', true),
    ],
    metrics.flatMap((m) =>
      m.variants.map((v): ExportRow => [
        report.experiment,
        m.name,
        m.role,
        m.type,
        m.control.arm,
        v.arm,
        v.controlN,
        v.controlMean,
        v.n,
        v.mean,
        v.cuped,
        ...lift(v.absolute),
        ...lift(v.relative),
        v.pValue ?? null,
        v.adjustedPValue ?? null,
        v.chanceToWin ?? null,
        v.verdict,
        v.warning ?? null,
      ]),
    ),
  );
}

/** Persons exposed per variant; the sample-ratio check's expected count and p-value once there is an analysis. */
export function experimentExposures(report: ExperimentReport): RowSet {
  const srm = report.analysis?.srm;
  return rowSet(
    [
      col('experiment', 'string'),
      col('variant', 'string'),
      col('persons', 'integer'),
      col('expected', 'number', true),
      col('srm_p_value', 'number', true),
      col('srm_mismatch', 'boolean', true),
    ],
    report.exposures.map((x) => {
      const i = srm?.arms.indexOf(x.variant) ?? -1;
      return [
        report.experiment,
        x.variant,
        x.persons,
        i >= 0 ? (srm?.expected[i] ?? null) : null,
        srm?.pValue ?? null,
        srm?.mismatch ?? null,
      ];
    }),
  );
}
