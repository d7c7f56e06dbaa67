// The retention analysis: of the persons who started in each day, week or month, how many came back in each period
// after, with the average curve and breakdowns. `POST /api/query/retention`.

import { segmentRestriction } from '../segment-filter.js';
import type { Analysis, ResultTable } from '../analysis.js';
import { compileRetention, type RetentionRow } from './retention-sql.js';
import { retentionResult, type AveragePoint, type RetentionCohort, type RetentionResult } from './retention-result.js';
import { parseRetentionSpec, retentionPlan, type RetentionSpec } from './retention-spec.js';

export type { RetentionSpec } from './retention-spec.js';
export type { RetentionResult, RetentionCohort, RetentionValue, AveragePoint } from './retention-result.js';

const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Rates in percent, a period that is still running left blank: its partial number would read as churn. */
function cohortRow(cohort: RetentionCohort, periods: number): (string | number | null)[] {
  const cells = Array.from({ length: periods }, (_, k) => {
    const value = cohort.values[k];
    return value?.complete ? percent(value.rate) : null;
  });
  return [cohort.period.slice(0, 10), cohort.size, ...cells];
}

function block(cohorts: readonly RetentionCohort[], average: readonly AveragePoint[], periods: number) {
  const entries = cohorts.reduce((n, c) => n + c.size, 0);
  return [...cohorts.map((c) => cohortRow(c, periods)), ['average', entries, ...average.map((a) => percent(a.rate))]];
}

export const retentionAnalysis: Analysis<RetentionSpec, RetentionResult> = {
  name: 'retention',
  description: 'cohorts by first or every start event, and how many come back in each period after',
  parse: (raw) => parseRetentionSpec(raw),
  async run(ctx, projectId, spec) {
    const plan = retentionPlan(spec, ctx.now());
    const only = await segmentRestriction(ctx, projectId, spec.segment);
    const compiled = compileRetention(ctx.warehouse.database, projectId, plan, spec.breakdown, only);
    const rows = await ctx.warehouse.query<RetentionRow>(compiled.sql, compiled.params);
    return retentionResult(plan, rows, spec.breakdown);
  },
  table(result): ResultTable {
    const columns = ['cohort', 'persons', ...Array.from({ length: result.periods }, (_, k) => `${result.period} ${k}`)];
    if (!result.breakdown) return { columns, rows: block(result.cohorts, result.average, result.periods) };
    return {
      columns: [result.breakdown.property, ...columns],
      rows: result.breakdown.values.flatMap((v) =>
        block(v.cohorts, v.average, result.periods).map((row) => [v.value, ...row]),
      ),
    };
  },
};
