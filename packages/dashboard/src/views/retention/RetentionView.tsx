// Retention: do customers come back? Cohorts by when they started, as a heatmap of the share who returned in each
// period after, and the average curve over the cohorts. The analysis on screen can be saved as an insight.

import type { Role } from '../../api/types.js';
import { useMemo } from 'react';
import type { RetentionResult, RetentionSpec } from '../../api/types.js';
import { listEventNames, runRetention } from '../../api/waymark.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { SaveInsight } from '../../components/SaveInsight.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import { QueryOutcome } from '../journeys/QueryOutcome.js';
import { Stats } from '../journeys/Stats.js';
import { useBuiltQuery } from '../journeys/use-built-query.js';
import { CohortHeatmapPanel } from './CohortHeatmapPanel.js';
import { RetentionBuilder } from './RetentionBuilder.js';
import {
  averageCurveOption,
  averageTable,
  defaultRetentionChoices,
  periodLabel,
  retentionInsightName,
  retentionSpecOf,
  retentionSummary,
} from './retention-model.js';
import '../journeys/journeys.css';

export function RetentionView({ project, role }: { project: string; role?: Role }) {
  const events = useAsync((signal) => listEventNames(project, signal), [project]);
  return (
    <div className="view">
      <header className="view-header">
        <h1>Retention</h1>
        <p className="view-summary">
          How many customers come back, cohort by cohort. Persons count once, across all their devices.
        </p>
      </header>
      {events.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the project’s events…" />
        </section>
      )}
      {events.status === 'error' && <Failure error={events.error} onRetry={events.reload} />}
      {events.status === 'done' &&
        (events.data.length === 0 ? (
          <section className="panel">
            <Empty title="No events yet">
              Retention needs events from the last 180 days. Send some with the SDK or <code>POST /v1/track</code>.
            </Empty>
          </section>
        ) : (
          <RetentionWorkspace key={project} project={project} events={events.data} canSave={role !== 'viewer'} />
        ))}
    </div>
  );
}

function RetentionWorkspace(props: { project: string; events: string[]; canSave: boolean }) {
  const { project, events, canSave } = props;
  const query = useBuiltQuery(
    () => defaultRetentionChoices(events, new Date().toISOString().slice(0, 10)),
    retentionSpecOf,
    (spec, signal) => runRetention(project, spec, signal),
  );
  return (
    <>
      <RetentionBuilder
        events={events}
        choices={query.choices}
        onChange={query.setChoices}
        onRun={query.run}
        running={query.result.status === 'loading'}
      />
      <div className="view-results" aria-live="polite">
        <QueryOutcome
          result={query.result}
          stale={query.stale}
          action="Calculate retention"
          loading="Calculating retention…"
        >
          {(result) => <RetentionPanels result={result} save={{ project, spec: query.spec, canSave }} />}
        </QueryOutcome>
      </div>
    </>
  );
}

function RetentionPanels({
  result,
  save,
}: {
  result: RetentionResult;
  save: { project: string; spec: RetentionSpec; canSave: boolean };
}) {
  const curve = useMemo(() => averageCurveOption(result), [result]);
  const summary = retentionSummary(result);
  if (summary.entries === 0)
    return (
      <section className="panel">
        <Empty title="No cohort has anyone in it">
          Nobody did the start event in these cohorts. Try another event, or more periods.
        </Empty>
      </section>
    );
  const unit = periodLabel(result.period, 1);
  return (
    <>
      <div className="act-save-row">
        <SaveInsight {...save} analysis="retention" suggestedName={retentionInsightName(save.spec)} />
      </div>
      <Stats
        items={[
          {
            label: result.type === 'recurring' ? 'Cohort entries' : 'Persons in cohorts',
            value: formatCount(summary.entries),
            testId: 'retention-entries',
          },
          { label: `Came back in ${unit.toLowerCase()}`, value: formatPercent(summary.firstPeriod) },
          {
            label: summary.lastComplete
              ? `Still coming in ${periodLabel(result.period, summary.lastComplete.period).toLowerCase()}`
              : 'Later periods',
            value: summary.lastComplete ? formatPercent(summary.lastComplete.rate) : '–',
          },
          { label: 'Cohorts', value: formatCount(result.cohorts.length) },
        ]}
      />
      <CohortHeatmapPanel result={result} run={{ project: save.project, spec: save.spec }} />
      <DataPanel
        title="Average retention curve"
        subtitle="Each period over the cohorts that have finished it, weighted by cohort size."
        table={averageTable(result)}
        query={{ analysis: 'retention', project: save.project, spec: save.spec, table: 'average' }}
        chart={<Chart option={curve} label="Average retention per period" height={280} />}
      />
    </>
  );
}
