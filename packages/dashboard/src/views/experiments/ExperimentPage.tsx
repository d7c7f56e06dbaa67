// One experiment's page: what it tests, its status with start/stop, then its results in the order they must be
// read: the sample-ratio check first, the per-variant results, the lift intervals, the recommendation, and the
// sample-size calculator.

import { experimentResults, getExperiment, type Experiment, type ExperimentReport } from '../../api/experiments.js';
import type { Role } from '../../api/types.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { ExperimentResults } from './ExperimentResults.js';
import { StatusBadge } from './ExperimentsView.js';
import { SampleSizeCalculator } from './SampleSizeCalculator.js';
import { StatusControl } from './StatusControl.js';
import { describeMetric, describeVariants, exposureRate, formatDate } from './experiment-model.js';

export function ExperimentPage({ project, id, role }: { project: string; id: string; role: Role }) {
  const loaded = useAsync(
    async (signal) => {
      const [experiment, report] = await Promise.all([
        getExperiment(project, id, signal),
        experimentResults(project, id, signal),
      ]);
      return { experiment, report };
    },
    [project, id],
  );
  return (
    <div className="view">
      <nav aria-label="Breadcrumb" className="exp-breadcrumb">
        <a href={hashTo('experiments')}>← All experiments</a>
      </nav>
      {loaded.status === 'loading' && (
        <>
          <header className="view-header">
            <h1>Experiment {id}</h1>
          </header>
          <section className="panel">
            <Loading label="Reading the experiment’s results…" rows={5} />
          </section>
        </>
      )}
      {loaded.status === 'error' && (
        <>
          <header className="view-header">
            <h1>Experiment {id}</h1>
          </header>
          <Failure error={loaded.error} onRetry={loaded.reload} />
        </>
      )}
      {loaded.status === 'done' && (
        <ExperimentBody
          project={project}
          role={role}
          experiment={loaded.data.experiment}
          report={loaded.data.report}
          onChanged={loaded.reload}
        />
      )}
    </div>
  );
}

interface BodyProps {
  project: string;
  role: Role;
  experiment: Experiment;
  report: ExperimentReport;
  onChanged: () => void;
}

function ExperimentBody({ project, role, experiment, report, onChanged }: BodyProps) {
  const now = Date.parse(report.at);
  const { total } = exposureRate(report.exposures, report.start, report.stop, now);
  return (
    <>
      <header className="view-header exp-header">
        <div className="exp-title-row">
          <h1>{experiment.name}</h1>
          <StatusBadge status={experiment.status} />
        </div>
        {experiment.hypothesis && <p className="view-summary exp-hypothesis">{experiment.hypothesis}</p>}
      </header>
      <section className="panel exp-facts" aria-label="About this experiment">
        <dl>
          <div>
            <dt>Variants</dt>
            <dd>{describeVariants(experiment)}</dd>
          </div>
          <div>
            <dt>Primary metric</dt>
            <dd>{describeMetric(experiment.metrics.primary)}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDate(experiment.start)}</dd>
          </div>
          <div>
            <dt>Stopped</dt>
            <dd>{formatDate(experiment.stop)}</dd>
          </div>
          <div>
            <dt>Method</dt>
            <dd>{methodOf(experiment)}</dd>
          </div>
        </dl>
        <StatusControl project={project} role={role} experiment={experiment} onChanged={onChanged} />
      </section>
      {report.analysis === null ? (
        <section className="panel">
          <Empty title="No results yet">
            Every variant needs at least two exposed persons before the statistics can run (
            {report.exposures.map((x) => `${x.variant}: ${formatCount(x.persons)}`).join(', ')}).
            {experiment.status !== 'running' && ' Start the experiment to begin assigning persons.'}
          </Empty>
        </section>
      ) : (
        <ExperimentResults project={project} report={report} analysis={report.analysis} />
      )}
      <SampleSizeCalculator experiment={experiment} report={report} exposed={total} />
    </>
  );
}

function methodOf(e: Experiment): string {
  const a = e.analysis ?? {};
  const method = { frequentist: 'Frequentist (fixed horizon)', sequential: 'Sequential', bayesian: 'Bayesian' }[
    a.method ?? 'frequentist'
  ];
  const parts = [method, `alpha ${a.alpha ?? 0.05}`];
  if (a.cuped) parts.push('CUPED');
  if (a.method !== 'bayesian') parts.push(`${a.correction ?? 'holm'} correction`);
  return parts.join(' · ');
}
