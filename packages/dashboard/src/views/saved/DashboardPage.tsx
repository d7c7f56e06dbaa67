// One dashboard (#/saved/dashboards/<id>): its pinned insights, each run now and drawn in order; a link to share
// (with the project, for anyone who may read it); and, for analysts and admins, pinning, ordering, widths, deleting.

import { useEffect, useState } from 'react';
import {
  deleteDashboard,
  getDashboard,
  listInsights,
  updateDashboard,
  type Dashboard,
  type DashboardItem,
  type Insight,
} from '../../api/insights.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { CopyButton } from '../../components/CopyButton.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { hashTo } from '../../lib/hash-route.js';
import { shareLink } from '../../lib/shared-link.js';
import { useAsync } from '../../lib/use-async.js';
import { ArrangePanel } from './ArrangePanel.js';
import { InsightResult } from './InsightResult.js';
import { dashboardDraft, formatSavedAt } from './saved-model.js';

export function DashboardPage({ project, id, canEdit }: { project: string; id: string; canEdit: boolean }) {
  const loaded = useAsync(
    async (signal) => {
      const [dashboard, insights] = await Promise.all([
        getDashboard(project, id, signal),
        listInsights(project, signal),
      ]);
      return { dashboard, insights };
    },
    [project, id],
  );
  return (
    <div className="view">
      {loaded.status === 'loading' && (
        <section className="panel">
          <Loading label="Loading the dashboard…" rows={5} />
        </section>
      )}
      {loaded.status === 'error' && (
        <>
          <Breadcrumb />
          <Failure error={loaded.error} onRetry={loaded.reload} />
        </>
      )}
      {loaded.status === 'done' && (
        <DashboardBoard
          project={project}
          initial={loaded.data.dashboard}
          insights={loaded.data.insights}
          canEdit={canEdit}
        />
      )}
    </div>
  );
}

const Breadcrumb = () => (
  <p className="breadcrumb">
    <a href={hashTo('saved')}>Saved</a> / Dashboards
  </p>
);

interface BoardProps {
  project: string;
  initial: Dashboard;
  insights: Insight[];
  canEdit: boolean;
}

function DashboardBoard({ project, initial, insights, canEdit }: BoardProps) {
  const [dashboard, setDashboard] = useState(initial);
  const [arranging, setArranging] = useState(false);
  const [link, setLink] = useState('');
  useEffect(() => {
    setLink(shareLink(window.location, hashTo('saved', 'dashboards', dashboard.id), project));
  }, [dashboard.id, project]);
  useEffect(() => {
    document.title = `${dashboard.name} · Waymark`;
  }, [dashboard.name]);

  const save = async (items: DashboardItem[]) => {
    setDashboard(await updateDashboard(project, dashboard.id, dashboardDraft(dashboard, items)));
  };
  const byId = new Map(insights.map((i) => [i.id, i]));

  return (
    <>
      <header className="saved-header">
        <div>
          <Breadcrumb />
          <h1>{dashboard.name}</h1>
          <p className="view-summary">
            {dashboard.description ?? 'Every insight below runs now on the latest data.'}{' '}
            <span className="muted small">
              {dashboard.items.length} insight{dashboard.items.length === 1 ? '' : 's'} · updated{' '}
              {formatSavedAt(dashboard.updatedAt)}
              {dashboard.createdBy && ` · by ${dashboard.createdBy}`}
            </span>
          </p>
        </div>
        <div className="saved-header-actions">
          <CopyButton text={link} label="Copy link" what="the dashboard’s address, with its project" />
          {canEdit && (
            <button type="button" className="button" aria-pressed={arranging} onClick={() => setArranging(!arranging)}>
              {arranging ? 'Done arranging' : 'Pin and arrange…'}
            </button>
          )}
          {canEdit && (
            <ConfirmAction
              label="Delete…"
              labelFor={`Delete dashboard ${dashboard.name}`}
              title={`Delete “${dashboard.name}”?`}
              hint="The dashboard goes; its insights stay saved. Links to it stop working."
              confirm="Delete dashboard"
              onConfirm={async () => {
                await deleteDashboard(project, dashboard.id);
                window.location.hash = hashTo('saved');
              }}
            />
          )}
        </div>
      </header>
      {arranging && canEdit && <ArrangePanel dashboard={dashboard} insights={insights} onSave={save} />}
      {dashboard.items.length === 0 ? (
        <section className="panel">
          <Empty title="Nothing pinned yet">
            {canEdit ? (
              <>
                Press <strong>Pin and arrange…</strong> to pin saved insights, or save one from the{' '}
                <a href={hashTo('funnels')}>Funnels</a> view first.
              </>
            ) : (
              'An analyst or admin pins insights to this dashboard.'
            )}
          </Empty>
        </section>
      ) : (
        <div className="saved-grid">
          {dashboard.items.map((item) => {
            const insight = byId.get(item.insight);
            return (
              <div key={item.insight} className={item.width === 'full' ? 'saved-tile saved-tile-full' : 'saved-tile'}>
                {insight ? (
                  <InsightResult
                    project={project}
                    insight={insight}
                    height={item.width === 'full' ? 340 : 280}
                    actions={
                      <a className="button button-quiet" href={hashTo('saved', 'insights', insight.id)}>
                        Open
                      </a>
                    }
                  />
                ) : (
                  <Failure error={new Error(`The insight “${item.insight}” is no longer saved.`)} />
                )}
              </div>
            );
          })}
        </div>
      )}
    </>
  );
}
