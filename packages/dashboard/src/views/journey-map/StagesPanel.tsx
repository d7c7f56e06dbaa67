// Persons per journey stage with conversion, with its table and CSV: in the Journey map view and wherever a saved
// journey map opens (Saved, dashboards).

import { useMemo, type ReactNode } from 'react';
import type { StagesResult } from '../../api/types.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { stagesOption, stagesTable } from './journey-map-model.js';

export interface StagesPanelProps {
  result: StagesResult;
  title?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  height?: number;
}

export function StagesPanel({ result, title = 'Stages', subtitle, actions, height = 340 }: StagesPanelProps) {
  const option = useMemo(() => stagesOption(result), [result]);
  return (
    <DataPanel
      title={title}
      subtitle={
        subtitle ??
        'Hatched: persons who reached the stage or went further; under each stage, the share who went on. Solid: persons in the stage now. The table adds entries, skips and the median time in stage.'
      }
      table={stagesTable(result)}
      actions={actions}
      chart={<Chart option={option} label={`${title}: persons per journey stage`} height={height} />}
    />
  );
}
