// An experiment's results in reading order: the sample-ratio check (a warning banner when it fails), who was
// exposed, every metric per variant, the lift intervals as a forest plot, the chance to win (Bayesian) and the
// recommendation with its reason. The results per variant and the lift intervals offer the server's full results
// (`GET /api/export/experiment-results/<id>`, per metric and variant) as Parquet.

import { useMemo } from 'react';
import type { ExperimentAnalysis, ExperimentReport } from '../../api/experiments.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { ParquetDownload } from '../../components/ParquetDownload.js';
import { csvFileName, toCsv } from '../../lib/csv.js';
import { downloadText } from '../../lib/download.js';
import type { ExportPathQuery } from '../../lib/export-files.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { ACTION_LABELS, resultsTable, srmSummary } from './experiment-model.js';
import { ROW_HEIGHT, liftChartOption, liftRows, liftTable } from './lift-chart.js';

export function ExperimentResults({
  project,
  report,
  analysis,
}: {
  project: string;
  report: ExperimentReport;
  analysis: ExperimentAnalysis;
}) {
  const metrics: ExportPathQuery = {
    path: `/api/export/experiment-results/${encodeURIComponent(report.experiment)}`,
    project,
    table: 'metrics',
  };
  return (
    <>
      <SrmBanner analysis={analysis} />
      <div className="summary-row">
        {report.exposures.map((x) => (
          <div key={x.variant} className="stat">
            <span className="stat-label">
              Exposed to {x.variant}
              {x.variant === analysis.control && x.variant !== 'control' ? ' (control)' : ''}
            </span>
            <span className="stat-value" data-testid={`exposed-${x.variant}`}>
              {formatCount(x.persons)}
            </span>
          </div>
        ))}
        <div className="stat">
          <span className="stat-label">Left out (saw two variants)</span>
          <span className="stat-value">{formatCount(report.multipleExposures)}</span>
        </div>
      </div>
      <ResultsPanel analysis={analysis} query={metrics} />
      <LiftPanel analysis={analysis} query={metrics} />
      {analysis.method === 'bayesian' && <ChanceToWin analysis={analysis} />}
      <RecommendationPanel analysis={analysis} />
    </>
  );
}

function SrmBanner({ analysis }: { analysis: ExperimentAnalysis }) {
  const srm = srmSummary(analysis.srm);
  return (
    <section
      className={`exp-srm ${srm.mismatch ? 'exp-srm-mismatch' : 'exp-srm-ok'}`}
      role={srm.mismatch ? 'alert' : 'status'}
      aria-label="Sample-ratio check"
      data-testid="srm"
    >
      <span className="exp-srm-icon" aria-hidden="true">
        {srm.mismatch ? '⚠' : '✓'}
      </span>
      <div>
        <p className="exp-srm-headline">
          <span className="exp-srm-kicker">Sample-ratio check · </span>
          {srm.headline}
        </p>
        <p className="exp-srm-detail">{srm.detail}</p>
      </div>
    </section>
  );
}

function ResultsPanel({ analysis, query }: { analysis: ExperimentAnalysis; query: ExportPathQuery }) {
  const table = useMemo(() => resultsTable(analysis), [analysis]);
  const title = 'Results per variant';
  const evidence =
    analysis.method === 'bayesian'
      ? 'chance to beat control and the expected loss if shipped'
      : `p-values (adjusted: ${analysis.correction} across goal metrics)`;
  return (
    <section className="panel exp-results" aria-labelledby="exp-results-heading">
      <header className="panel-header">
        <div>
          <h2 id="exp-results-heading" className="panel-title">
            {title}
          </h2>
          <p className="panel-subtitle">
            Each metric per person in the days after their first exposure; lifts against {analysis.control}, with{' '}
            {evidence}.
          </p>
        </div>
        <div className="panel-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadText(csvFileName(title), toCsv(table))}
            title="Saves this table as shown"
            aria-label={`Download ${title} as CSV`}
          >
            CSV
          </button>
          <ParquetDownload query={query} title={title} />
        </div>
      </header>
      <DataTable table={table} caption={title} />
    </section>
  );
}

function LiftPanel({ analysis, query }: { analysis: ExperimentAnalysis; query: ExportPathQuery }) {
  const rows = useMemo(() => liftRows(analysis), [analysis]);
  const option = useMemo(() => liftChartOption(rows), [rows]);
  const level = Math.round((1 - analysis.alpha) * 100);
  return (
    <DataPanel
      title="Lift intervals"
      subtitle={`Each line is a ${level}% ${analysis.method === 'bayesian' ? 'credible' : 'confidence'} interval of the relative lift against ${analysis.control}; ◆ marks the estimate. An interval that crosses the dashed 0 line has not shown a difference.`}
      table={liftTable(rows)}
      query={query}
      chart={
        rows.length === 0 ? (
          <p className="muted">No variant has a lift yet (a control mean of 0 or too few persons).</p>
        ) : (
          <Chart
            option={option}
            height={Math.max(160, rows.length * ROW_HEIGHT + 64)}
            label={`Lift intervals: ${rows.map((r) => r.label).join(', ')}`}
          />
        )
      }
    />
  );
}

function ChanceToWin({ analysis }: { analysis: ExperimentAnalysis }) {
  const primary = analysis.metrics.find((m) => m.role === 'goal') ?? analysis.metrics[0];
  if (!primary) return null;
  return (
    <section className="panel" aria-labelledby="exp-chance-heading">
      <h2 id="exp-chance-heading" className="panel-title">
        Chance to win on {primary.name}
      </h2>
      <div className="exp-chances">
        {primary.variants.map((v) => (
          <div key={v.arm} className="exp-chance">
            <span className="exp-chance-value" data-testid={`chance-${v.arm}`}>
              {formatPercent(v.chanceToWin)}
            </span>
            <span className="exp-chance-bar" aria-hidden="true">
              <span style={{ width: `${Math.round((v.chanceToWin ?? 0) * 100)}%` }} />
            </span>
            <span>
              that <strong>{v.arm}</strong> beats {primary.control.arm}
              {v.risk && ` · risk if shipped ${formatPercent(v.risk.variant)}`}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}

function RecommendationPanel({ analysis }: { analysis: ExperimentAnalysis }) {
  const { action, reason, variant } = analysis.recommendation;
  const mark = action === 'ship' ? '✓' : action === 'stop' ? '■' : '↻';
  return (
    <section
      className={`panel exp-recommendation exp-action-${action.replace(' ', '-')}`}
      aria-labelledby="exp-recommendation-heading"
    >
      <h2 id="exp-recommendation-heading" className="panel-title">
        Recommendation
      </h2>
      <p className="exp-action" data-testid="recommendation-action">
        <span aria-hidden="true">{mark}</span> {ACTION_LABELS[action]}
        {variant ? ` ${variant}` : ''}
      </p>
      <p className="exp-reason" data-testid="recommendation-reason">
        {reason}
      </p>
    </section>
  );
}
