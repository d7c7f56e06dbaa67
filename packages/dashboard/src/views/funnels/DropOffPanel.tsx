// The drill-down of one drop-off: who dropped before the step (with links to their customer pages), what they did
// next, and what sets them apart. Opens under the funnel chart when a drop-off is chosen. Each part offers its
// analysis's full result as Parquet (every person who dropped, not just the page shown).

import { useEffect, useMemo, useRef, useState } from 'react';
import { runDropOff, runFunnelPersons, type DropOffResult, type DropOffSpec } from '../../api/funnels.js';
import type { FunnelSpec } from '../../api/types.js';
import { SessionCache } from '../../api/session-cache.js';
import { horizontalBarsOption } from '../../charts/bars.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { DataTable } from '../../components/DataTable.js';
import { ParquetDownload } from '../../components/ParquetDownload.js';
import { Pager } from '../../components/Pager.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { csvFileName, toCsv } from '../../lib/csv.js';
import { downloadText } from '../../lib/download.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import {
  PERSONS_PAGE,
  allDroppedPersonsSpec,
  droppedPersonsSpec,
  droppedPersonsTable,
  dropOffSentence,
  dropOffSpec,
  nextEventsTable,
  overRepresentedLabels,
  overRepresentedTable,
} from './drop-off-model.js';

/**
 * The drop-off analyses of one funnel result, by step: asked for when a drop-off is about to be opened (a pointer on
 * or focus in its button) and kept while the result is on screen, so that opening, closing and reopening a drop-off
 * asks the server once.
 */
export function dropOffAnalyses(project: string, spec: FunnelSpec): SessionCache<number, DropOffResult> {
  return new SessionCache((step: number) => runDropOff(project, dropOffSpec(spec, step)), Number.POSITIVE_INFINITY);
}

export interface DropOffPanelProps {
  project: string;
  spec: FunnelSpec;
  /** The step persons failed to reach (1 or more). */
  step: number;
  stepName: string;
  previousName: string;
  /** Where the analysis comes from: `dropOffAnalyses` of the funnel shown. */
  analyses: SessionCache<number, DropOffResult>;
  onClose: () => void;
}

export function DropOffPanel(props: DropOffPanelProps) {
  const { project, spec, step, stepName, previousName, analyses, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step]);
  const analysis = useAsync((signal) => analyses.get(step, signal), [analyses, step]);
  return (
    <section className="drop-off" aria-labelledby="drop-off-heading">
      <div className="panel">
        <header className="panel-header">
          <div>
            <h2 id="drop-off-heading" className="panel-title" ref={heading} tabIndex={-1}>
              Drop-off before step {step + 1}: {previousName} → {stepName}
            </h2>
            <p className="panel-subtitle">
              Persons who reached “{previousName}” and whose window closed before “{stepName}”. Persons still in
              progress are left out.
            </p>
          </div>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </header>
        {analysis.status === 'done' && (
          <p className="drop-off-sentence" data-testid="drop-off-sentence">
            {dropOffSentence(analysis.data, analysis.data.dropped)}
            {analysis.data.sampled && ' (compared on a sample of 50,000 persons per group)'}
          </p>
        )}
        <DroppedPersons project={project} spec={spec} step={step} />
      </div>
      {analysis.status === 'loading' && (
        <div className="panel">
          <Loading label="Comparing who dropped with who reached the step…" />
        </div>
      )}
      {analysis.status === 'error' && <Failure error={analysis.error} onRetry={analysis.reload} />}
      {analysis.status === 'done' && (
        <DropOffExplained result={analysis.data} run={{ project, spec: dropOffSpec(spec, step) }} />
      )}
    </section>
  );
}

function DroppedPersons({ project, spec, step }: { project: string; spec: FunnelSpec; step: number }) {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [spec, step]);
  const persons = useAsync(
    (signal) => runFunnelPersons(project, droppedPersonsSpec(spec, step, offset), signal),
    [project, spec, step, offset],
  );
  const title = 'Who dropped off';
  if (persons.status === 'loading') return <Loading label="Listing who dropped off…" rows={4} />;
  if (persons.status === 'error') return <Failure error={persons.error} onRetry={persons.reload} />;
  const table = droppedPersonsTable(persons.data);
  table.columns[0]!.render = (v) => <a href={hashTo('customers', String(v))}>{String(v)}</a>;
  return (
    <div className="drop-off-part">
      <header className="panel-header">
        <h3 className="panel-title">
          {title}: <span data-testid="dropped-total">{formatCount(persons.data.total)}</span> persons
        </h3>
        <div className="panel-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadText(csvFileName(`dropped before step ${step + 1}`), toCsv(table))}
            title="Saves this page as shown"
            aria-label={`Download ${title} (this page) as CSV`}
          >
            CSV
          </button>
          <ParquetDownload
            query={{ analysis: 'funnel-persons', project, spec: allDroppedPersonsSpec(spec, step), table: 'persons' }}
            title={`dropped before step ${step + 1}`}
          />
        </div>
      </header>
      {persons.data.total === 0 ? (
        <Empty title="Nobody dropped off here">Everyone either reached the step or is still in progress.</Empty>
      ) : (
        <>
          <DataTable table={table} caption={`${title}, step ${step + 1}`} />
          <Pager offset={offset} limit={PERSONS_PAGE} total={persons.data.total} onOffset={setOffset} label="persons" />
        </>
      )}
    </div>
  );
}

function DropOffExplained({ result, run }: { result: DropOffResult; run: { project: string; spec: DropOffSpec } }) {
  const next = useMemo(() => nextEventsTable(result), [result]);
  const apart = useMemo(() => overRepresentedTable(result), [result]);
  const nextOption = useMemo(
    () =>
      horizontalBarsOption(
        result.nextEvents.map((e) => e.event),
        [{ name: '% of dropped', values: result.nextEvents.map((e) => e.share) }],
        (v) => formatPercent(v),
      ),
    [result],
  );
  const top = useMemo(() => result.overRepresented.slice(0, 8), [result]);
  const apartOption = useMemo(
    () =>
      horizontalBarsOption(
        overRepresentedLabels({ ...result, overRepresented: top }),
        [
          { name: 'Among dropped', values: top.map((o) => o.shareOfDropped) },
          { name: 'Among reached', values: top.map((o) => o.shareOfReached), hatched: true },
        ],
        (v) => formatPercent(v),
      ),
    [result, top],
  );
  return (
    <>
      <DataPanel
        title="What they did next"
        subtitle="The first event after their last step, within their window; “(nothing)” when there was none."
        table={next}
        query={{ analysis: 'drop-off', ...run, table: 'next-events' }}
        chart={
          result.nextEvents.length === 0 ? (
            <Empty title="No next events" />
          ) : (
            <Chart option={nextOption} label="What dropped persons did next" height={40 + 30 * next.rows.length} />
          )
        }
      />
      <DataPanel
        title="What sets them apart"
        subtitle="Channels, devices, countries and traits more common among those who dropped than among those who reached the step. The table has lift and p-values (two-proportion z-test); read the smallest first."
        table={apart}
        query={{ analysis: 'drop-off', ...run, table: 'over-represented' }}
        chart={
          top.length === 0 ? (
            <Empty title="Nothing is over-represented">Those who dropped look like those who went on.</Empty>
          ) : (
            <Chart
              option={apartOption}
              label="Shares among dropped and reached persons"
              height={56 + 52 * top.length}
            />
          )
        }
      />
    </>
  );
}
