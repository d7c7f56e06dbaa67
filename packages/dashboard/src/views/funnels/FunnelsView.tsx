// Funnels: build a funnel from the project's events, then see persons per step with conversion and drop-off, as a
// chart or a table, and download the numbers.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { catalogEventNames } from '../../api/event-list.js';
import type { FunnelSpec } from '../../api/types.js';
import type { FunnelTrendsResult, Role } from '../../api/types.js';
import { runFunnel, runFunnelTrends } from '../../api/waymark.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { SaveInsight } from '../../components/SaveInsight.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatDuration, formatPercent } from '../../lib/format.js';
import { useAsync, type AsyncState } from '../../lib/use-async.js';
import { breakdownOption, breakdownTable } from './breakdown-model.js';
import { ConversionTrendPanel, TimeToConvertPanel } from './ConversionPanels.js';
import { trendSpecOf } from './conversion-model.js';
import { DropOffPanel, dropOffAnalyses } from './DropOffPanel.js';
import { FunnelBuilder } from './FunnelBuilder.js';
import {
  defaultChoices,
  funnelChartOption,
  funnelSpecOf,
  funnelSummary,
  funnelTable,
  type FunnelChoices,
} from './funnel-model.js';
import type { FunnelResult } from '../../api/types.js';
import type { TableData } from '../../lib/table.js';
import './funnels.css';

export function FunnelsView({ project, role }: { project: string; role?: Role }) {
  const events = useAsync((signal) => catalogEventNames(project, signal), [project]);
  return (
    <div className="view">
      <header className="view-header">
        <h1>Funnels</h1>
        <p className="view-summary">
          Where customers drop off on the way to a goal. Persons count once, across all their devices.
        </p>
      </header>
      {events.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the project’s events…" />
        </section>
      )}
      {events.status === 'error' && <Failure error={events.error} onRetry={events.reload} />}
      {events.status === 'done' &&
        (events.data.length < 2 ? (
          <section className="panel">
            <Empty title="Not enough events for a funnel yet">
              A funnel needs at least two different events in the last 180 days. Send some with the SDK or{' '}
              <code>POST /v1/track</code>.
            </Empty>
          </section>
        ) : (
          <FunnelWorkspace key={project} project={project} events={events.data} canSave={role !== 'viewer'} />
        ))}
    </div>
  );
}

function FunnelWorkspace({ project, events, canSave }: { project: string; events: string[]; canSave: boolean }) {
  const [choices, setChoices] = useState<FunnelChoices>(() =>
    defaultChoices(events, new Date().toISOString().slice(0, 10)),
  );
  const [spec, setSpec] = useState<FunnelSpec>(() => funnelSpecOf(choices));
  // The funnel and its conversion trend are asked for together: neither needs the other's answer.
  const result = useAsync((signal) => runFunnel(project, spec, signal), [project, spec]);
  const trend = useAsync((signal) => runFunnelTrends(project, trendSpecOf(spec), signal), [project, spec]);
  const [stale, setStale] = useState(false);
  useEffect(() => setStale(false), [spec]);

  return (
    <div className="funnel-layout">
      <FunnelBuilder
        project={project}
        events={events}
        choices={choices}
        onChange={(c) => {
          setChoices(c);
          setStale(true);
        }}
        onRun={() => setSpec(funnelSpecOf(choices))}
        running={result.status === 'loading'}
      />
      <div className="funnel-results" aria-live="polite">
        {stale && result.status !== 'loading' && (
          <p className="stale-note">The builder has changed: press “Calculate funnel” to update the numbers.</p>
        )}
        {result.status === 'loading' && (
          <section className="panel">
            <Loading label="Calculating the funnel…" rows={5} />
          </section>
        )}
        {result.status === 'error' && <Failure error={result.error} onRetry={result.reload} />}
        {result.status === 'done' && (
          <FunnelResultPanels result={result.data} trend={trend} save={{ project, spec, canSave }} />
        )}
      </div>
    </div>
  );
}

function FunnelResultPanels({
  result,
  trend,
  save,
}: {
  result: FunnelResult;
  trend: AsyncState<FunnelTrendsResult> & { reload: () => void };
  save: { project: string; spec: FunnelSpec; canSave: boolean };
}) {
  const summary = funnelSummary(result);
  const option = useMemo(() => funnelChartOption(result), [result]);
  const [dropStep, setDropStep] = useState<number | null>(null);
  useEffect(() => setDropStep(null), [result]);
  const analyses = useMemo(() => dropOffAnalyses(save.project, save.spec), [result, save.project, save.spec]);
  // A pointer on (or focus in) a drop-off control: its analysis, the slowest part, starts before the click.
  const prefetch = useCallback((step: number) => void analyses.get(step).catch(() => undefined), [analyses]);
  const onItemClick = useCallback(({ seriesName, dataIndex }: { seriesName: string; dataIndex: number }) => {
    if (dataIndex > 0 && seriesName !== 'Reached the step') setDropStep(dataIndex);
  }, []);
  const first = result.steps[0];
  const last = result.steps[result.steps.length - 1];
  if (!first || !last || summary.entered === 0)
    return (
      <section className="panel">
        <Empty title="Nobody entered this funnel in the range">
          Try a longer date range, or a first step more people do.
        </Empty>
      </section>
    );
  const title = `Funnel: ${first.name} → ${last.name}`;
  return (
    <>
      <div className="act-save-row">
        <SaveInsight {...save} analysis="funnel" suggestedName={`${first.name} → ${last.name}`} />
      </div>
      <div className="summary-row">
        <Stat label="Entered" value={formatCount(summary.entered)} testId="funnel-entered" />
        <Stat label="Completed" value={formatCount(summary.completed)} testId="funnel-completed" />
        <Stat label="Conversion" value={formatPercent(summary.conversion)} testId="funnel-conversion" />
        <Stat label="Median time to convert" value={formatDuration(result.timeToConvert?.medianMs ?? null)} />
      </div>
      <DataPanel
        title={title}
        subtitle="Bars: persons who reached each step. Above them: who dropped off since the step before, and who may still convert. Click a drop-off to see who dropped and why."
        table={withDropOffButtons(funnelTable(result), setDropStep, prefetch)}
        query={{ analysis: 'funnel', project: save.project, spec: save.spec, table: 'steps' }}
        chart={
          <>
            <Chart option={option} label={`${title}: persons per step`} height={360} onItemClick={onItemClick} />
            <div className="drop-off-choices" role="group" aria-label="Explain a drop-off">
              {result.steps.slice(1).map((s) => (
                <button
                  key={s.index}
                  type="button"
                  className="button button-quiet"
                  aria-pressed={dropStep === s.index}
                  onPointerEnter={() => prefetch(s.index)}
                  onFocus={() => prefetch(s.index)}
                  onClick={() => setDropStep(s.index)}
                >
                  Dropped before {s.index + 1}. {s.name}: {formatCount(s.dropped)}
                </button>
              ))}
            </div>
          </>
        }
      />
      {dropStep !== null && result.steps[dropStep] && (
        <DropOffPanel
          project={save.project}
          spec={save.spec}
          step={dropStep}
          stepName={result.steps[dropStep].name}
          previousName={result.steps[dropStep - 1]?.name ?? ''}
          analyses={analyses}
          onClose={() => setDropStep(null)}
        />
      )}
      {result.breakdown && result.breakdown.values.length > 0 && (
        <DataPanel
          title={`By ${result.breakdown.property}`}
          subtitle={`Persons per step for the top values of ${result.breakdown.property} (its value on the first step); the rest are grouped as Other.`}
          table={breakdownTable(result)}
          query={{ analysis: 'funnel', project: save.project, spec: save.spec, table: 'steps' }}
          chart={<BreakdownChart result={result} />}
        />
      )}
      <div className="funnel-pair">
        <TimeToConvertPanel result={result} run={save} />
        <ConversionTrendPanel trend={trend} spec={save.spec} project={save.project} />
      </div>
    </>
  );
}

function BreakdownChart({ result }: { result: FunnelResult }) {
  const option = useMemo(() => breakdownOption(result), [result]);
  return <Chart option={option} label={`Persons per step by ${result.breakdown?.property ?? ''}`} height={340} />;
}

/** The table's drop-off counts as buttons that open the drill-down (the CSV keeps the numbers). */
function withDropOffButtons(
  table: TableData,
  open: (step: number) => void,
  prefetch: (step: number) => void,
): TableData {
  return {
    ...table,
    columns: table.columns.map((c) =>
      c.key !== 'dropped'
        ? c
        : {
            ...c,
            render: (value, row) => {
              const step = Number(row['step']) - 1;
              if (step === 0) return formatCount(value as number);
              return (
                <button
                  type="button"
                  className="link-button"
                  onPointerEnter={() => prefetch(step)}
                  onFocus={() => prefetch(step)}
                  onClick={() => open(step)}
                  aria-label={`Who dropped off before step ${step + 1}: ${formatCount(value as number)}`}
                >
                  {formatCount(value as number)}
                </button>
              );
            },
          },
    ),
  };
}

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
