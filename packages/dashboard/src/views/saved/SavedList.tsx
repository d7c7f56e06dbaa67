// The saved dashboards and insights of the project (#/saved): open one, create a dashboard, delete an insight no
// dashboard shows.

import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import {
  createDashboard,
  deleteInsight,
  listDashboards,
  listInsights,
  type Dashboard,
  type Insight,
} from '../../api/insights.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { analysisLabel, byName, dashboardsShowing, formatSavedAt, specSummary } from './saved-model.js';

export function SavedList({ project, canEdit }: { project: string; canEdit: boolean }) {
  const saved = useAsync(
    async (signal) => {
      const [dashboards, insights] = await Promise.all([
        listDashboards(project, signal),
        listInsights(project, signal),
      ]);
      return { dashboards: dashboards.sort(byName), insights: insights.sort(byName) };
    },
    [project],
  );
  return (
    <div className="view">
      <header className="view-header">
        <h1>Saved</h1>
        <p className="view-summary">
          Insights are analyses saved with a name; dashboards pin them together and can be shared with a link.
          {!canEdit && ' Viewers open them; analysts and admins save and arrange them.'}
        </p>
      </header>
      {saved.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading saved insights and dashboards…" rows={5} />
        </section>
      )}
      {saved.status === 'error' && <Failure error={saved.error} onRetry={saved.reload} />}
      {saved.status === 'done' && (
        <>
          <Dashboards project={project} dashboards={saved.data.dashboards} canEdit={canEdit} />
          <Insights
            project={project}
            insights={saved.data.insights}
            dashboards={saved.data.dashboards}
            canEdit={canEdit}
            onDeleted={saved.reload}
          />
        </>
      )}
    </div>
  );
}

function Dashboards({ project, dashboards, canEdit }: { project: string; dashboards: Dashboard[]; canEdit: boolean }) {
  return (
    <section className="panel" aria-labelledby="saved-dashboards">
      <header className="panel-header">
        <div>
          <h2 id="saved-dashboards" className="panel-title">
            Dashboards
          </h2>
          <p className="panel-subtitle">Saved insights side by side, run on the latest data when opened.</p>
        </div>
        {canEdit && <NewDashboard project={project} />}
      </header>
      {dashboards.length === 0 ? (
        <Empty title="No dashboards yet">
          {canEdit ? 'Name one above, then pin saved insights to it.' : 'An analyst or admin makes them.'}
        </Empty>
      ) : (
        <ul className="saved-cards">
          {dashboards.map((d) => (
            <li key={d.id} className="saved-card">
              <a className="strong-link" href={hashTo('saved', 'dashboards', d.id)}>
                {d.name}
              </a>
              {d.description && <p className="muted small">{d.description}</p>}
              <p className="muted small">
                {d.items.length} insight{d.items.length === 1 ? '' : 's'} · updated {formatSavedAt(d.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NewDashboard({ project }: { project: string }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createDashboard(project, { name: name.trim(), items: [] });
      window.location.hash = hashTo('saved', 'dashboards', created.id);
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'conflict'
          ? 'A dashboard with this name exists already: choose another name.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
      setBusy(false);
    }
  };
  return (
    <form className="saved-new" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>New dashboard name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="Weekly review" />
      </label>
      <button type="submit" className="button button-primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create dashboard'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

interface InsightsProps {
  project: string;
  insights: Insight[];
  dashboards: Dashboard[];
  canEdit: boolean;
  onDeleted: () => void;
}

function Insights({ project, insights, dashboards, canEdit, onDeleted }: InsightsProps) {
  return (
    <section className="panel" aria-labelledby="saved-insights">
      <header className="panel-header">
        <div>
          <h2 id="saved-insights" className="panel-title">
            Insights
          </h2>
          <p className="panel-subtitle">Each keeps the exact spec it was saved with and runs on the latest data.</p>
        </div>
      </header>
      {insights.length === 0 ? (
        <Empty title="No saved insights yet">
          Build a funnel in the <a href={hashTo('funnels')}>Funnels</a> view and press <strong>Save insight…</strong>
        </Empty>
      ) : (
        <div className="table-scroll">
          <table className="data-table saved-table">
            <caption className="visually-hidden">Saved insights</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Analysis</th>
                <th scope="col">On dashboards</th>
                <th scope="col">Updated</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {insights.map((i) => {
                const on = dashboardsShowing(dashboards, i.id);
                return (
                  <tr key={i.id}>
                    <td>
                      <a className="strong-link" href={hashTo('saved', 'insights', i.id)}>
                        {i.name}
                      </a>
                      <span className="cell-note">{specSummary(i.analysis, i.spec)}</span>
                    </td>
                    <td>{analysisLabel(i.analysis)}</td>
                    <td>
                      {on.length === 0
                        ? '–'
                        : on.map((d, n) => (
                            <span key={d.id}>
                              {n > 0 && ', '}
                              <a href={hashTo('saved', 'dashboards', d.id)}>{d.name}</a>
                            </span>
                          ))}
                    </td>
                    <td>
                      {formatSavedAt(i.updatedAt)}
                      {i.createdBy && <span className="cell-note">by {i.createdBy}</span>}
                    </td>
                    {canEdit && (
                      <td className="saved-row-actions">
                        <ConfirmAction
                          small
                          label="Delete…"
                          labelFor={`Delete insight ${i.name}`}
                          title={`Delete “${i.name}”?`}
                          hint={
                            on.length > 0
                              ? 'It is pinned to a dashboard: unpin it there first.'
                              : 'The saved spec goes; the data stays.'
                          }
                          confirm="Delete insight"
                          onConfirm={async () => {
                            await deleteInsight(project, i.id);
                            onDeleted();
                          }}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
