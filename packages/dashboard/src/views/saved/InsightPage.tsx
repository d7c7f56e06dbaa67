// One saved insight (#/saved/insights/<id>): its result now, the dashboards showing it, its spec (the same request
// `POST /api/query/<analysis>` takes), pinning it to a dashboard and deleting it.

import { useState } from 'react';
import {
  deleteInsight,
  getInsight,
  listDashboards,
  updateDashboard,
  type Dashboard,
  type Insight,
} from '../../api/insights.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { InsightResult } from './InsightResult.js';
import { analysisLabel, byName, dashboardDraft, dashboardsShowing, formatSavedAt, pin } from './saved-model.js';

export function InsightPage({ project, id, canEdit }: { project: string; id: string; canEdit: boolean }) {
  const loaded = useAsync(
    async (signal) => {
      const [insight, dashboards] = await Promise.all([
        getInsight(project, id, signal),
        listDashboards(project, signal),
      ]);
      return { insight, dashboards: dashboards.sort(byName) };
    },
    [project, id],
  );
  return (
    <div className="view">
      {loaded.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the insight…" rows={5} />
        </section>
      )}
      {loaded.status === 'error' && (
        <>
          <Breadcrumb />
          <Failure error={loaded.error} onRetry={loaded.reload} />
        </>
      )}
      {loaded.status === 'done' && (
        <InsightDetails
          project={project}
          insight={loaded.data.insight}
          dashboards={loaded.data.dashboards}
          canEdit={canEdit}
          onChanged={loaded.reload}
        />
      )}
    </div>
  );
}

const Breadcrumb = () => (
  <p className="breadcrumb">
    <a href={hashTo('saved')}>Saved</a> / Insights
  </p>
);

interface DetailsProps {
  project: string;
  insight: Insight;
  dashboards: Dashboard[];
  canEdit: boolean;
  onChanged: () => void;
}

function InsightDetails({ project, insight, dashboards, canEdit, onChanged }: DetailsProps) {
  const on = dashboardsShowing(dashboards, insight.id);
  const spec = JSON.stringify(insight.spec, null, 2);
  return (
    <>
      <header className="saved-header">
        <div>
          <Breadcrumb />
          <h1>{insight.name}</h1>
          <p className="view-summary">
            {insight.description ?? `A saved ${analysisLabel(insight.analysis).toLowerCase()} analysis.`}{' '}
            <span className="muted small">
              Updated {formatSavedAt(insight.updatedAt)}
              {insight.createdBy && ` · by ${insight.createdBy}`}
            </span>
          </p>
        </div>
        {canEdit && (
          <div className="saved-header-actions">
            <ConfirmAction
              label="Delete…"
              labelFor={`Delete insight ${insight.name}`}
              title={`Delete “${insight.name}”?`}
              hint={
                on.length > 0
                  ? 'It is pinned to a dashboard: unpin it there first.'
                  : 'The saved spec goes; the data stays.'
              }
              confirm="Delete insight"
              onConfirm={async () => {
                await deleteInsight(project, insight.id);
                window.location.hash = hashTo('saved');
              }}
            />
          </div>
        )}
      </header>
      <InsightResult project={project} insight={insight} height={360} />
      <div className="saved-columns">
        <section className="panel" aria-labelledby="insight-dashboards">
          <h2 id="insight-dashboards" className="panel-title">
            On dashboards
          </h2>
          {on.length === 0 ? (
            <p className="muted saved-gap">Not pinned to a dashboard yet.</p>
          ) : (
            <ul className="saved-links">
              {on.map((d) => (
                <li key={d.id}>
                  <a href={hashTo('saved', 'dashboards', d.id)}>{d.name}</a>
                </li>
              ))}
            </ul>
          )}
          {canEdit && <PinTo project={project} insight={insight} dashboards={dashboards} onPinned={onChanged} />}
        </section>
        <section className="panel" aria-labelledby="insight-spec">
          <header className="panel-header">
            <div>
              <h2 id="insight-spec" className="panel-title">
                Spec
              </h2>
              <p className="panel-subtitle">
                The same request runs with{' '}
                <code>
                  POST /api/query/{insight.analysis}?project={project}
                </code>
                .
              </p>
            </div>
            <CopyButton text={spec} label="Copy spec" className="button button-quiet" />
          </header>
          <pre className="saved-spec" tabIndex={0} aria-label="The insight’s spec as JSON">
            {spec}
          </pre>
        </section>
      </div>
    </>
  );
}

function PinTo({
  project,
  insight,
  dashboards,
  onPinned,
}: {
  project: string;
  insight: Insight;
  dashboards: Dashboard[];
  onPinned: () => void;
}) {
  const offered = dashboards.filter((d) => !d.items.some((i) => i.insight === insight.id));
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = offered.find((d) => d.id === chosen) ?? offered[0];
  if (offered.length === 0)
    return (
      <p className="muted small saved-gap">
        {dashboards.length === 0 ? 'Create a dashboard in ' : 'It is on every dashboard. Create another in '}
        <a href={hashTo('saved')}>Saved</a> to pin it.
      </p>
    );
  return (
    <form
      className="saved-pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return;
        setBusy(true);
        setError(null);
        updateDashboard(project, target.id, dashboardDraft(target, pin(target.items, insight.id))).then(
          () => {
            setBusy(false);
            onPinned();
          },
          (err: unknown) => {
            setError(err instanceof Error ? err.message : String(err));
            setBusy(false);
          },
        );
      }}
    >
      <label className="field">
        <span>Pin to dashboard</span>
        <select value={target?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {offered.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Pinning…' : 'Pin'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
