// Persons per journey stage with conversion, with its table and CSV: in the Journey map view and wherever a saved
// journey map opens (Saved, dashboards). Given the run behind it, it offers the stages as Parquet.

import { useMemo, type ReactNode } from 'react';
import type { StagesResult, StagesSpec } from '../../api/types.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { stagesOption, stagesTable } from './journey-map-model.js';

export interface StagesPanelProps {
  result: StagesResult;
  title?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  height?: number;
  /** The run that made `result`: its project and exact spec. */
  run?: { project: string; spec: StagesSpec };
}

export function StagesPanel({ result, title = 'Stages', subtitle, actions, height = 340, run }: StagesPanelProps) {
  const option = useMemo(() => stagesOption(result), [result]);
  return (
    <DataPanel
      title={title}
      subtitle={
        subtitle ??
        'Hatched: persons who reached the stage or went further; under each stage, the share who went on. Solid: persons in the stage now. The table adds entries, skips and the median time in stage.'
      }
      table={stagesTable(result)}
      query={run && { analysis: 'stages', ...run, table: 'stages' }}
      actions={actions}
      chart={<Chart option={option} label={`${title}: persons per journey stage`} height={height} />}
    />
  );
}
