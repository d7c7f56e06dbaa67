// The cohort heatmap with its table and CSV, cells as % of cohort or persons: in the Retention view and wherever a
// saved retention insight opens (Saved, dashboards). Given the run behind it, it offers the cohorts as Parquet.

import { useMemo, useState, type ReactNode } from 'react';
import type { RetentionResult, RetentionSpec } from '../../api/types.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { HEATMAP_ROW_HEIGHT, cohortTable, heatmapOption, type CellMeasure } from './retention-model.js';

export interface CohortHeatmapPanelProps {
  result: RetentionResult;
  /** Default: what the cells show. */
  title?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** The run that made `result`: its project and exact spec. */
  run?: { project: string; spec: RetentionSpec };
}

export function CohortHeatmapPanel({ result, title, subtitle, actions, run }: CohortHeatmapPanelProps) {
  const [measure, setMeasure] = useState<CellMeasure>('rate');
  const heatmap = useMemo(() => heatmapOption(result, measure), [result, measure]);
  return (
    <DataPanel
      title={title ?? (measure === 'rate' ? 'Cohort retention (% of cohort)' : 'Cohort retention (persons)')}
      subtitle={
        subtitle ??
        'Rows: cohorts by when they started, with their size. Columns: periods after. * still running: can still grow.'
      }
      table={cohortTable(result, measure)}
      query={run && { analysis: 'retention', ...run, table: 'cohorts' }}
      actions={
        <>
          {actions}
          <div className="segmented" role="group" aria-label="Cells show">
            <button type="button" aria-pressed={measure === 'rate'} onClick={() => setMeasure('rate')}>
              %
            </button>
            <button type="button" aria-pressed={measure === 'persons'} onClick={() => setMeasure('persons')}>
              Persons
            </button>
          </div>
        </>
      }
      chart={
        <Chart
          option={heatmap}
          label={`${title ?? 'Cohort retention'} heatmap`}
          height={Math.max(220, result.cohorts.length * HEATMAP_ROW_HEIGHT + 100)}
        />
      }
    />
  );
}
