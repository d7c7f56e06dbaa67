// A segment's insights over a chosen period (the `segment-insights` analysis): members over time, who entered and
// exited, revenue per member, and the members' first-touch channels and devices. Each panel offers the run's full
// result as Parquet: its periods, or its channel and device groups.

import { useMemo, useState } from 'react';
import {
  runSegmentInsights,
  type SegmentInsights,
  type SegmentInsightsSpec,
  type SizedSegment,
} from '../../api/segments.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatAmount, formatPercent } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import {
  PERIOD_LABELS,
  breakdownOption,
  breakdownTable,
  entriesOption,
  insightsSpec,
  membersOverTimeOption,
  membershipTable,
  signedCount,
  sizeChange,
  type InsightsPeriod,
} from './insights-model.js';

export function SegmentInsightsPanels({ project, segment }: { project: string; segment: SizedSegment }) {
  const [period, setPeriod] = useState<InsightsPeriod>('week');
  // The spec travels with its result: the panels offer exactly the run they show.
  const insights = useAsync(
    async (signal) => {
      const spec = insightsSpec(segment.id, period);
      return { spec, result: await runSegmentInsights(project, spec, signal) };
    },
    [project, segment.id, period],
  );
  return (
    <section className="insights" aria-labelledby="insights-heading">
      <header className="section-header">
        <h2 id="insights-heading" className="section-title">
          Insights
        </h2>
        <label className="field field-inline">
          <span>Period</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as InsightsPeriod)}>
            {Object.entries(PERIOD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {insights.status === 'loading' && (
        <section className="panel">
          <Loading label="Calculating the segment’s insights…" rows={5} />
        </section>
      )}
      {insights.status === 'error' && <Failure error={insights.error} onRetry={insights.reload} />}
      {insights.status === 'done' && (
        <InsightsBody insights={insights.data.result} name={segment.name} run={{ project, spec: insights.data.spec }} />
      )}
    </section>
  );
}

function InsightsBody({
  insights,
  name,
  run,
}: {
  insights: SegmentInsights;
  name: string;
  run: { project: string; spec: SegmentInsightsSpec };
}) {
  const periods = { analysis: 'segment-insights', ...run, table: 'periods' };
  const groups = { analysis: 'segment-insights', ...run, table: 'groups' };
  const overTime = useMemo(() => membersOverTimeOption(insights), [insights]);
  const moves = useMemo(() => entriesOption(insights), [insights]);
  const channels = useMemo(() => breakdownOption(insights.channels), [insights]);
  const devices = useMemo(() => breakdownOption(insights.devices), [insights]);
  const recorded = insights.periods.some((p) => p.size > 0 || p.entered > 0 || p.exited > 0);
  return (
    <>
      <div className="summary-row">
        <Stat label="Revenue of members in the period" value={formatAmount(insights.revenue)} />
        <Stat label="Revenue per member" value={formatAmount(insights.revenuePerMember)} testId="revenue-per-member" />
        <Stat label="Members who bought" value={formatPercent(insights.buyers)} />
        <Stat label="Change in the period" value={signedCount(sizeChange(insights)?.change ?? 0)} />
      </div>
      <div className="panel-grid">
        <DataPanel
          title={`Members of ${name} over time`}
          subtitle="Recorded members at the end of each period; the record starts when the segment was saved."
          table={membershipTable(insights)}
          query={periods}
          chart={
            recorded ? (
              <Chart option={overTime} label={`Members of ${name} at the end of each period`} height={260} />
            ) : (
              <Empty title="No membership recorded in this period yet" />
            )
          }
        />
        <DataPanel
          title={`Entered and exited ${name}`}
          subtitle="Above the line: persons who entered in the period. Below, hatched: persons who exited."
          table={membershipTable(insights)}
          query={periods}
          chart={
            recorded ? (
              <Chart option={moves} label={`Persons who entered and exited ${name} per period`} height={260} />
            ) : (
              <Empty title="Nobody entered or exited in this period" />
            )
          }
        />
        <DataPanel
          title={`First-touch channels of ${name}`}
          subtitle="The channel of each member’s first visit."
          table={breakdownTable('Channel', insights.channels)}
          query={groups}
          chart={
            insights.channels.length > 0 ? (
              <Chart
                option={channels}
                label={`Members of ${name} by first-touch channel`}
                height={chartHeight(insights.channels.length)}
              />
            ) : (
              <Empty title="No members to break down" />
            )
          }
        />
        <DataPanel
          title={`Devices of ${name}`}
          subtitle="The device type of each member’s first visit."
          table={breakdownTable('Device', insights.devices)}
          query={groups}
          chart={
            insights.devices.length > 0 ? (
              <Chart
                option={devices}
                label={`Members of ${name} by first device`}
                height={chartHeight(insights.devices.length)}
              />
            ) : (
              <Empty title="No members to break down" />
            )
          }
        />
      </div>
    </>
  );
}

const chartHeight = (rows: number) => Math.max(140, rows * 34 + 24);

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}
