// Journeys: the paths persons take from, to or between events (a Sankey and its transitions), and the channel paths
// before a conversion with the credit each channel earns; either can be saved as an insight.

import { useMemo, useState } from 'react';
import { behaviouralEventNames } from '../../api/event-list.js';
import type { PathsResult, PathsSpec, Role, TouchpointsResult, TouchpointsSpec } from '../../api/types.js';
import { runPaths, runTouchpoints } from '../../api/waymark.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { SaveInsight } from '../../components/SaveInsight.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatAmount, formatCount, formatPercent } from '../../lib/format.js';
import { useAsync } from '../../lib/use-async.js';
import { PathsBuilder } from './PathsBuilder.js';
import { QueryOutcome } from './QueryOutcome.js';
import { Stats, type StatItem } from './Stats.js';
import { TouchpointsBuilder } from './TouchpointsBuilder.js';
import {
  defaultPathsChoices,
  pathsInsightName,
  pathsSpecOf,
  sankeyOption,
  topTransitions,
  transitionsTable,
} from './paths-model.js';
import {
  channelCreditOption,
  channelCreditTable,
  channelPathsOption,
  channelPathsTable,
  defaultTouchpointsChoices,
  touchpointsInsightName,
  touchpointsSpecOf,
} from './touchpoints-model.js';
import { useBuiltQuery } from './use-built-query.js';
import './journeys.css';

type Tab = 'paths' | 'channels';

/** What saving needs: the project, and whether the user may (viewers may not). */
interface SaveContext {
  project: string;
  canSave: boolean;
}

export function JourneysView({ project, role }: { project: string; role?: Role }) {
  const events = useAsync((signal) => behaviouralEventNames(project, signal), [project]);
  const save = { project, canSave: role !== 'viewer' };
  const [tab, setTab] = useState<Tab>('paths');
  return (
    <div className="view">
      <header className="view-header view-header-row">
        <div>
          <h1>Journeys</h1>
          <p className="view-summary">
            The paths customers take from, to and between events, and the channels that bring them to convert.
          </p>
        </div>
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={tab === 'paths'} onClick={() => setTab('paths')}>
            Event paths
          </button>
          <button type="button" aria-pressed={tab === 'channels'} onClick={() => setTab('channels')}>
            Channel paths
          </button>
        </div>
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
              Journeys need events from the last 180 days. Send some with the SDK or <code>POST /v1/track</code>.
            </Empty>
          </section>
        ) : tab === 'paths' ? (
          <PathsWorkspace key={project} events={events.data} save={save} />
        ) : (
          <ChannelsWorkspace key={project} events={events.data} save={save} />
        ))}
    </div>
  );
}

function PathsWorkspace({ events, save }: { events: string[]; save: SaveContext }) {
  const { project } = save;
  const query = useBuiltQuery(
    () => defaultPathsChoices(events, new Date().toISOString().slice(0, 10)),
    pathsSpecOf,
    (spec, signal) => runPaths(project, spec, signal),
  );
  return (
    <>
      <PathsBuilder
        events={events}
        choices={query.choices}
        onChange={query.setChoices}
        onRun={query.run}
        running={query.result.status === 'loading'}
      />
      <div className="view-results" aria-live="polite">
        <QueryOutcome result={query.result} stale={query.stale} action="Show paths" loading="Finding the paths…">
          {(result) => <PathsPanels result={result} spec={query.spec} save={save} />}
        </QueryOutcome>
      </div>
    </>
  );
}

function PathsPanels({ result, spec, save }: { result: PathsResult; spec: PathsSpec; save: SaveContext }) {
  const option = useMemo(() => sankeyOption(result), [result]);
  if (result.links.length === 0)
    return (
      <section className="panel">
        <Empty title="No paths in this range">
          Nobody took a step after (or before) this event in the range. Try a longer range or another event.
        </Empty>
      </section>
    );
  const perStep = Math.max(...groupCount(result).values());
  const busiest = topTransitions(result, 1)[0];
  const items: StatItem[] = [
    { label: 'Persons', value: formatCount(result.totals.persons), testId: 'paths-persons' },
    { label: result.sessionized ? 'Paths (visits)' : 'Paths', value: formatCount(result.totals.paths) },
    result.totals.started !== undefined
      ? {
          label: 'Reached the end',
          value: formatPercent(result.totals.started > 0 ? result.totals.persons / result.totals.started : null),
          hint: `of ${formatCount(result.totals.started)} who started`,
        }
      : { label: 'Steps', value: String(result.steps) },
    busiest
      ? { label: 'Busiest transition', value: formatCount(busiest.persons), hint: `${busiest.from} → ${busiest.to}` }
      : { label: 'Busiest transition', value: '–' },
  ];
  return (
    <>
      <div className="act-save-row">
        <SaveInsight {...save} analysis="paths" spec={spec} suggestedName={pathsInsightName(spec)} />
      </div>
      <Stats items={items} />
      <DataPanel
        title="Paths"
        subtitle={`Widths: paths (${result.sessionized ? 'one per visit' : 'one per person'}). Labels: persons. The top ${result.topN} transitions per step; the rest go to Other.`}
        table={transitionsTable(result)}
        query={{ analysis: 'paths', project: save.project, spec, table: 'links' }}
        chart={
          <Chart
            option={option}
            label="Sankey diagram of the paths, step by step"
            height={Math.max(360, perStep * 46)}
          />
        }
      />
    </>
  );
}

function groupCount(result: PathsResult): Map<number, number> {
  const counts = new Map<number, number>();
  for (const n of result.nodes) counts.set(n.step, (counts.get(n.step) ?? 0) + 1);
  return counts;
}

function ChannelsWorkspace({ events, save }: { events: string[]; save: SaveContext }) {
  const { project } = save;
  const query = useBuiltQuery(
    () => defaultTouchpointsChoices(events, new Date().toISOString().slice(0, 10)),
    touchpointsSpecOf,
    (spec, signal) => runTouchpoints(project, spec, signal),
  );
  return (
    <>
      <TouchpointsBuilder
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
          action="Show channel paths"
          loading="Following the channels…"
        >
          {(result) => <ChannelPanels result={result} spec={query.spec} save={save} />}
        </QueryOutcome>
      </div>
    </>
  );
}

function ChannelPanels({
  result,
  spec,
  save,
}: {
  result: TouchpointsResult;
  spec: TouchpointsSpec;
  save: SaveContext;
}) {
  const paths = useMemo(() => channelPathsOption(result), [result]);
  const credit = useMemo(() => channelCreditOption(result), [result]);
  const { totals } = result;
  if (totals.converting + totals.nonConverting === 0)
    return (
      <section className="panel">
        <Empty title="Nobody was active in this range">Try a longer range.</Empty>
      </section>
    );
  return (
    <>
      <div className="act-save-row">
        <SaveInsight {...save} analysis="touchpoints" spec={spec} suggestedName={touchpointsInsightName(spec)} />
      </div>
      <Stats
        items={[
          { label: 'Converted', value: formatCount(totals.converting), testId: 'touchpoints-converting' },
          { label: 'Did not convert', value: formatCount(totals.nonConverting) },
          { label: 'Conversion', value: formatPercent(totals.conversionRate) },
          { label: 'Revenue', value: formatAmount(totals.revenue) },
        ]}
      />
      <DataPanel
        title="Channel paths"
        subtitle={`The ${result.by === 'channel' ? 'channels' : 'sources'} persons came through before converting (${result.conversion}) or their last visit, repeats collapsed. The table adds the other paths.`}
        table={channelPathsTable(result)}
        query={{ analysis: 'touchpoints', project: save.project, spec, table: 'paths' }}
        chart={
          <Chart
            option={paths}
            label="Channel paths: persons who converted and who did not"
            height={Math.max(240, result.paths.length * 44 + 60)}
          />
        }
      />
      {result.channels.length > 0 && (
        <DataPanel
          title="Credit per channel"
          subtitle={`Conversions each ${result.by === 'channel' ? 'channel' : 'source'} earns under first-touch, last-touch and linear attribution.${totals.unattributed.conversions > 0 ? ` ${formatCount(totals.unattributed.conversions)} conversions had no touch.` : ''}`}
          table={channelCreditTable(result)}
          query={{ analysis: 'touchpoints', project: save.project, spec, table: 'channels' }}
          chart={<Chart option={credit} label="Conversions per channel by attribution model" height={320} />}
        />
      )}
    </>
  );
}
