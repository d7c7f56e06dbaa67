// Overview: the last whole week against the week before — visitors, identified customers, revenue and conversion
// through the main funnel, each with a sparkline, and the biggest changes in words.

import { runFunnel, runFunnelTrends, runTrends } from '../../api/waymark.js';
import { DataPanel } from '../../components/DataPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatChange, formatDay, formatPointChange } from '../../lib/format.js';
import { csvFileName, toCsv } from '../../lib/csv.js';
import { downloadText } from '../../lib/download.js';
import { useAsync } from '../../lib/use-async.js';
import { biggestChanges, lastTwoWeeks, percentChange, trendOf } from '../../lib/week-comparison.js';
import {
  conversionTrendSpec,
  mainFunnelSpec,
  overviewDailyTable,
  overviewKpis,
  overviewSummaryTable,
  overviewTrendsSpec,
  type Kpi,
} from './overview-model.js';
import { Sparkline } from './Sparkline.js';

export function OverviewView({ project }: { project: string }) {
  const weeks = lastTwoWeeks(Date.now());
  const data = useAsync(
    async (signal) => {
      const [trends, funnel, previousFunnel, conversionTrend] = await Promise.all([
        runTrends(project, overviewTrendsSpec(weeks.current), signal),
        runFunnel(project, mainFunnelSpec(weeks.current), signal),
        runFunnel(project, mainFunnelSpec(weeks.previous), signal),
        runFunnelTrends(project, conversionTrendSpec(weeks), signal),
      ]);
      return overviewKpis({ trends, funnel, previousFunnel, conversionTrend });
    },
    [project, weeks.current.from],
  );

  const lastDay = new Date(Date.parse(weeks.current.to) - 1).toISOString();
  return (
    <div className="view">
      <header className="view-header">
        <h1>Overview</h1>
        <p className="view-summary">
          The last 7 whole days ({formatDay(weeks.current.from)} – {formatDay(lastDay)}, UTC) against the 7 days before.
        </p>
      </header>
      {data.status === 'loading' && (
        <div className="kpi-grid" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="kpi-card">
              <Loading label={i === 0 ? 'Loading this week’s numbers…' : ''} rows={3} />
            </div>
          ))}
        </div>
      )}
      {data.status === 'error' && <Failure error={data.error} onRetry={data.reload} />}
      {data.status === 'done' && <OverviewBody kpis={data.data} />}
    </div>
  );
}

function OverviewBody({ kpis }: { kpis: Kpi[] }) {
  if (kpis.every((k) => !k.current && !k.previous))
    return (
      <section className="panel">
        <Empty title="No activity in the last two weeks">
          Send events to this project (see <code>docs/getting-started.md</code>), or load the demo with{' '}
          <code>npx waymark demo</code>.
        </Empty>
      </section>
    );
  const changes = biggestChanges(kpis);
  const daily = overviewDailyTable(kpis);
  return (
    <>
      <DataPanel
        title="This week against last week"
        subtitle="Dashed lines: the same days a week before."
        table={overviewSummaryTable(kpis)}
        chart={
          <div className="kpi-grid">
            {kpis.map((k) => (
              <KpiCard key={k.id} kpi={k} />
            ))}
          </div>
        }
      />
      <section className="panel" aria-labelledby="changes-heading">
        <h2 id="changes-heading" className="panel-title">
          What changed
        </h2>
        {changes.length === 0 ? (
          <p className="muted">Every number held within half a percent of last week.</p>
        ) : (
          <ul className="changes">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </section>
      <details className="panel details-panel">
        <summary>Daily numbers behind the sparklines</summary>
        <DataTable table={daily} caption="Daily numbers of this week and the week before" />
        <button
          type="button"
          className="button button-quiet"
          onClick={() => downloadText(csvFileName('Overview daily numbers'), toCsv(daily))}
        >
          Download the daily numbers as CSV
        </button>
      </details>
    </>
  );
}

function KpiCard({ kpi }: { kpi: Kpi }) {
  const trend = trendOf(kpi);
  const change = percentChange(kpi.current, kpi.previous);
  const arrow = trend === 'up' ? '▲' : trend === 'down' ? '▼' : trend === 'new' ? '●' : '■';
  return (
    <article className="kpi-card" aria-label={kpi.label}>
      <h3 className="kpi-label">{kpi.label}</h3>
      <p className="kpi-value" data-testid={`kpi-${kpi.id}`}>
        {kpi.format(kpi.current)}
      </p>
      <p className={`kpi-change trend-${trend}`}>
        <span aria-hidden="true">{arrow}</span>{' '}
        {kpi.ratio ? formatPointChange(kpi.current, kpi.previous) : formatChange(change)}
        <span className="muted"> vs {kpi.format(kpi.previous)} last week</span>
      </p>
      <Sparkline kpi={kpi} />
      <p className="kpi-explain">{kpi.explain}</p>
    </article>
  );
}
