// One saved insight, run now (`POST /api/insights/:id/run`) and drawn: a funnel, a retention and a journey map as
// their views draw them, any other analysis as the table of its result rows (with CSV) until its view can draw it.
// Each offers the run's full result as Parquet, from the spec the server ran (the insight it answered with).

import { useId, useMemo, type ReactNode } from 'react';
import type {
  FunnelResult,
  FunnelSpec,
  RetentionResult,
  RetentionSpec,
  StagesResult,
  StagesSpec,
} from '../../api/types.js';
import { runInsight, type Insight } from '../../api/insights.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { ParquetDownload } from '../../components/ParquetDownload.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { csvFileName, toCsv } from '../../lib/csv.js';
import { downloadText } from '../../lib/download.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import { funnelChartOption, funnelSummary, funnelTable } from '../funnels/funnel-model.js';
import { StagesPanel } from '../journey-map/StagesPanel.js';
import { CohortHeatmapPanel } from '../retention/CohortHeatmapPanel.js';
import {
  analysisLabel,
  columnLabel,
  listExportTable,
  rangeSummary,
  resultRowsTable,
  specSummary,
} from './saved-model.js';

export interface InsightResultProps {
  project: string;
  insight: Insight;
  /** Controls at the right of the panel's header (open, unpin). */
  actions?: ReactNode;
  height?: number;
}

export function InsightResult({ project, insight, actions, height = 300 }: InsightResultProps) {
  const run = useAsync((signal) => runInsight(project, insight.id, signal), [project, insight.id, insight.updatedAt]);
  const what = specSummary(insight.analysis, insight.spec);
  const subtitle = [analysisLabel(insight.analysis), what, rangeSummary(insight.spec)].filter(Boolean).join(' · ');

  if (run.status !== 'done')
    return (
      <section className="panel" aria-label={insight.name}>
        <header className="panel-header">
          <div>
            <h2 className="panel-title">{insight.name}</h2>
            <p className="panel-subtitle">{subtitle}</p>
          </div>
          <div className="panel-actions">{actions}</div>
        </header>
        {run.status === 'loading' ? (
          <Loading label={`Running “${insight.name}”…`} rows={4} />
        ) : (
          <Failure error={run.error} onRetry={run.reload} />
        )}
      </section>
    );
  // What the server ran: the insight as it answered it (the one on screen may be older).
  const ran = { project, spec: run.data.insight.spec };
  if (insight.analysis === 'funnel')
    return (
      <FunnelInsight
        insight={insight}
        run={ran as { project: string; spec: FunnelSpec }}
        result={run.data.result as FunnelResult}
        subtitle={subtitle}
        actions={actions}
        height={height}
      />
    );
  if (insight.analysis === 'retention')
    return (
      <CohortHeatmapPanel
        result={run.data.result as RetentionResult}
        run={ran as { project: string; spec: RetentionSpec }}
        title={insight.name}
        subtitle={subtitle}
        actions={actions}
      />
    );
  if (insight.analysis === 'stages')
    return (
      <StagesPanel
        result={run.data.result as StagesResult}
        run={ran as { project: string; spec: StagesSpec }}
        title={insight.name}
        subtitle={subtitle}
        actions={actions}
        height={height}
      />
    );
  return (
    <RowsInsight
      insight={insight}
      run={{ analysis: run.data.insight.analysis, ...ran }}
      result={run.data.result}
      subtitle={subtitle}
      actions={actions}
    />
  );
}

interface DrawProps {
  insight: Insight;
  subtitle: string;
  actions?: ReactNode;
}

function FunnelInsight({
  insight,
  run,
  result,
  subtitle,
  actions,
  height,
}: DrawProps & { run: { project: string; spec: FunnelSpec }; result: FunnelResult; height: number }) {
  const option = useMemo(() => funnelChartOption(result), [result]);
  const summary = funnelSummary(result);
  const table = useMemo(() => funnelTable(result), [result]);
  const words =
    summary.entered === 0
      ? 'Nobody entered in the range.'
      : `${formatCount(summary.entered)} entered · ${formatCount(summary.completed)} completed · ${formatPercent(summary.conversion)} conversion`;
  return (
    <DataPanel
      title={insight.name}
      subtitle={
        <>
          {subtitle}
          <br />
          <strong className="saved-result-words">{words}</strong>
        </>
      }
      table={table}
      query={{ analysis: 'funnel', ...run, table: 'steps' }}
      actions={actions}
      chart={
        summary.entered === 0 ? (
          <Empty title="Nobody entered this funnel in the range">The saved range may hold no events yet.</Empty>
        ) : (
          <Chart option={option} label={`${insight.name}: persons per step`} height={height} />
        )
      }
    />
  );
}

function RowsInsight({
  insight,
  run,
  result,
  subtitle,
  actions,
}: DrawProps & { run: { analysis: string; project: string; spec: unknown }; result: unknown }) {
  const table = useMemo(() => resultRowsTable(result), [result]);
  const exportTable = listExportTable(run.analysis, table.rowsOf);
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <div>
          <h2 id={headingId} className="panel-title">
            {insight.name}
          </h2>
          <p className="panel-subtitle">
            {subtitle}
            {table.rowsOf && ` · ${columnLabel(table.rowsOf)}`}
          </p>
        </div>
        <div className="panel-actions">
          {actions}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadText(csvFileName(insight.name), toCsv(table))}
            title="Saves this table as shown"
            aria-label={`Download ${insight.name} as CSV`}
          >
            CSV
          </button>
          <ParquetDownload query={exportTable ? { ...run, table: exportTable } : run} title={insight.name} />
        </div>
      </header>
      {table.rows.length === 0 || table.columns.length === 0 ? (
        <Empty title="No rows in this result" />
      ) : (
        <div className="saved-rows">
          <DataTable table={table} caption={insight.name} />
        </div>
      )}
    </section>
  );
}
