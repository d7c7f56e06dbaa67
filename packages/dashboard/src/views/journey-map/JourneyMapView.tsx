// Journey map: where customers stand on the journey from first touch to advocate, by the project's stage map:
// persons per stage with conversion, the moves between stages and the time they took, and first touches per stage.
// The map on screen can be saved as an insight.

import type { Role } from '../../api/types.js';
import { useMemo, type FormEvent } from 'react';
import type { StagesResult, StagesSpec } from '../../api/types.js';
import { getStageMap, runStages } from '../../api/waymark.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { SaveInsight } from '../../components/SaveInsight.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import { QueryOutcome } from '../journeys/QueryOutcome.js';
import { RangeFields } from '../journeys/RangeFields.js';
import { Stats } from '../journeys/Stats.js';
import { useBuiltQuery } from '../journeys/use-built-query.js';
import { StageMapPanel } from './StageMapPanel.js';
import { StagesPanel } from './StagesPanel.js';
import {
  TOUCH_PROPERTIES,
  defaultJourneyMapChoices,
  journeyMapInsightName,
  journeyMapProblem,
  stagesSpecOf,
  touchLabel,
  touchpointsOption,
  touchpointsTable,
  transitionsOption,
  transitionsTable,
  type JourneyMapChoices,
} from './journey-map-model.js';
import '../journeys/journeys.css';

export function JourneyMapView({ project, role }: { project: string; role?: Role }) {
  return (
    <div className="view">
      <header className="view-header">
        <h1>Journey map</h1>
        <p className="view-summary">
          Customers by journey stage, from first touch to advocate, at the end of the range. Persons count once, across
          all their devices.
        </p>
      </header>
      <JourneyMapWorkspace key={project} project={project} canSave={role !== 'viewer'} />
    </div>
  );
}

function JourneyMapWorkspace({ project, canSave }: { project: string; canSave: boolean }) {
  const map = useAsync((signal) => getStageMap(project, signal), [project]);
  const query = useBuiltQuery(
    () => defaultJourneyMapChoices(new Date().toISOString().slice(0, 10)),
    stagesSpecOf,
    (spec, signal) => runStages(project, spec, signal),
  );
  const problem = journeyMapProblem(query.choices);
  const set = (patch: Partial<JourneyMapChoices>) => query.setChoices({ ...query.choices, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) query.run();
  };
  const running = query.result.status === 'loading';
  return (
    <>
      <form className="panel query-bar" onSubmit={submit} aria-label="Journey map options">
        <RangeFields
          label="Stages as of the end of"
          choices={query.choices}
          onChange={(patch) => set(patch as Partial<JourneyMapChoices>)}
        />
        <label className="field">
          <span>Touchpoints by</span>
          <select value={query.choices.touch} onChange={(e) => set({ touch: e.target.value })}>
            {TOUCH_PROPERTIES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Values shown</span>
          <input
            type="number"
            min={1}
            max={50}
            value={Number.isNaN(query.choices.touchLimit) ? '' : query.choices.touchLimit}
            onChange={(e) => set({ touchLimit: e.target.valueAsNumber })}
          />
        </label>
        <div className="query-bar-submit">
          {problem && (
            <p className="form-error" role="status">
              {problem}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={problem !== null || running}>
            {running ? 'Calculating…' : 'Update the map'}
          </button>
        </div>
      </form>
      <div className="view-results" aria-live="polite">
        <QueryOutcome
          result={query.result}
          stale={query.stale}
          action="Update the map"
          loading="Placing customers on the journey…"
        >
          {(result) => <StagePanels result={result} save={{ project, spec: query.spec, canSave }} />}
        </QueryOutcome>
      </div>
      {map.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the stage map…" />
        </section>
      )}
      {map.status === 'error' && <Failure error={map.error} onRetry={map.reload} />}
      {map.status === 'done' && <StageMapPanel map={map.data} />}
    </>
  );
}

function StagePanels({
  result,
  save,
}: {
  result: StagesResult;
  save: { project: string; spec: StagesSpec; canSave: boolean };
}) {
  const moves = useMemo(() => transitionsOption(result), [result]);
  const touches = useMemo(() => touchpointsOption(result), [result]);
  if (result.persons === 0)
    return (
      <section className="panel">
        <Empty title="Nobody has met a stage yet">
          No person has done what the first stage asks by the end of the range. Check the stage map below against the
          project’s events.
        </Empty>
      </section>
    );
  const first = result.stages[0];
  const last = result.stages[result.stages.length - 1];
  const newEntries = result.stages.reduce((n, s) => n + s.newEntries, 0);
  const breakdown = result.breakdowns[0];
  return (
    <>
      <div className="act-save-row">
        <SaveInsight {...save} analysis="stages" suggestedName={journeyMapInsightName(save.spec)} />
      </div>
      <Stats
        items={[
          { label: 'Persons on the journey', value: formatCount(result.persons), testId: 'stages-persons' },
          {
            label: `Reached ${last?.name ?? 'the last stage'}`,
            value: formatCount(last?.reached ?? 0),
            hint:
              first && first.reached > 0 ? `${formatPercent((last?.reached ?? 0) / first.reached)} of all` : undefined,
          },
          { label: 'Stage entries in range', value: formatCount(newEntries) },
          { label: 'Stages', value: String(result.stages.length) },
        ]}
      />
      <StagesPanel result={result} run={{ project: save.project, spec: save.spec }} />
      <DataPanel
        title="Moves between stages"
        subtitle="Persons who moved from one stage to a later one (skipping stages is allowed), with the median time it took."
        table={transitionsTable(result)}
        query={{ analysis: 'stages', project: save.project, spec: save.spec, table: 'transitions' }}
        chart={
          result.transitions.length === 0 ? (
            <Empty title="Nobody has moved between stages yet" />
          ) : (
            <Chart option={moves} label="Sankey diagram of moves between stages" height={300} />
          )
        }
      />
      {breakdown && breakdown.values.length > 0 && (
        <DataPanel
          title={`Touchpoints per stage: ${touchLabel(breakdown.property).toLowerCase()}`}
          subtitle="Of the persons who reached each stage, the share by the first touch they came with."
          table={touchpointsTable(result)}
          query={{ analysis: 'stages', project: save.project, spec: save.spec, table: 'breakdowns' }}
          chart={
            <Chart
              option={touches}
              label={`Share of first ${touchLabel(breakdown.property).toLowerCase()} per stage`}
              height={Math.max(260, result.stages.length * 44 + 90)}
            />
          }
        />
      )}
    </>
  );
}
