// Experiments: the project's A/B tests with their status (`#/experiments`), and one experiment's page
// (`#/experiments/<id>`) with its SRM check, results, lift intervals, recommendation and sample-size calculator.

import type { Experiment } from '../../api/experiments.js';
import { listExperiments } from '../../api/experiments.js';
import type { Role } from '../../api/types.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { hashTo, useHashPath } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { ExperimentPage } from './ExperimentPage.js';
import { STATUS_LABELS, describeMetric, describeVariants, formatDate } from './experiment-model.js';
import './experiments.css';

export function ExperimentsView({ project, role }: { project: string; role: Role }) {
  const [id] = useHashPath();
  if (id !== undefined) return <ExperimentPage key={`${project}/${id}`} project={project} id={id} role={role} />;
  return <ExperimentList project={project} />;
}

function ExperimentList({ project }: { project: string }) {
  const experiments = useAsync((signal) => listExperiments(project, signal), [project]);
  return (
    <div className="view">
      <header className="view-header">
        <h1>Experiments</h1>
        <p className="view-summary">
          A/B tests that run in personalization slots. Open one for its sample-ratio check, results and recommendation.
        </p>
      </header>
      <section className="panel" aria-labelledby="experiments-heading">
        <h2 id="experiments-heading" className="panel-title exp-list-title">
          All experiments
        </h2>
        {experiments.status === 'loading' && <Loading label="Loading experiments…" />}
        {experiments.status === 'error' && <Failure error={experiments.error} onRetry={experiments.reload} />}
        {experiments.status === 'done' &&
          (experiments.data.length === 0 ? (
            <Empty title="No experiments in this project yet">
              Define one with <code>npx waymark experiments create --definition FILE</code> (see{' '}
              <code>docs/experiments.md</code>), then run it from a slot rule.
            </Empty>
          ) : (
            <ExperimentTable experiments={experiments.data} />
          ))}
      </section>
    </div>
  );
}

function ExperimentTable({ experiments }: { experiments: Experiment[] }) {
  const order = { running: 0, draft: 1, stopped: 2 } as const;
  const sorted = [...experiments].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
  return (
    <div className="table-scroll">
      <table className="data-table exp-table">
        <caption className="visually-hidden">Experiments of this project</caption>
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Status</th>
            <th scope="col">Variants</th>
            <th scope="col">Primary metric</th>
            <th scope="col">Started</th>
            <th scope="col">Stopped</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e) => (
            <tr key={e.id}>
              <td>
                <a href={hashTo('experiments', e.id)} className="exp-name">
                  {e.name}
                </a>
                <span className="exp-id">{e.id}</span>
              </td>
              <td>
                <StatusBadge status={e.status} />
              </td>
              <td className="exp-wrap">{describeVariants(e)}</td>
              <td className="exp-wrap">{describeMetric(e.metrics.primary)}</td>
              <td>{formatDate(e.start)}</td>
              <td>{formatDate(e.stop)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatusBadge({ status }: { status: Experiment['status'] }) {
  const mark = status === 'running' ? '●' : status === 'stopped' ? '■' : '○';
  return (
    <span className={`exp-status exp-status-${status}`}>
      <span aria-hidden="true">{mark}</span> {STATUS_LABELS[status]}
    </span>
  );
}
