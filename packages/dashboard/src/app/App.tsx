// The dashboard: checks the session, shows the login page or the shell, follows the hash route (`#/funnels`) and
// remembers the chosen project.

import { Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, setUnauthorizedHandler } from '../api/client.js';
import type { Session } from '../api/types.js';
import { currentSession, listProjects, logout } from '../api/waymark.js';
import { LoginPage } from '../auth/LoginPage.js';
import { Failure, Loading } from '../components/States.js';
import { preloadable } from '../lib/preloadable.js';
import { projectOfHash } from '../lib/shared-link.js';
import { useAsync } from '../lib/use-async.js';
import { ComingSoon } from '../views/coming-soon/ComingSoon.js';
import { FunnelsView } from '../views/funnels/FunnelsView.js';
import { OverviewView } from '../views/overview/OverviewView.js';
import { Shell } from './Shell.js';
import { VIEWS, viewFromHash, type ViewId } from './views.js';

// Loaded apart from the first bundle: their charts (heatmap, Sankey) need not weigh on the first load. Once signed
// in, their code is fetched while the browser is idle, so that opening one later does not wait for it.
const lazyViews = {
  RetentionView: preloadable(() => import('../views/retention/RetentionView.js').then((m) => m.RetentionView)),
  JourneysView: preloadable(() => import('../views/journeys/JourneysView.js').then((m) => m.JourneysView)),
  JourneyMapView: preloadable(() => import('../views/journey-map/JourneyMapView.js').then((m) => m.JourneyMapView)),
  SegmentsView: preloadable(() => import('../views/segments/SegmentsView.js').then((m) => m.SegmentsView)),
  CustomersView: preloadable(() => import('../views/customers/CustomersView.js').then((m) => m.CustomersView)),
  ExperimentsView: preloadable(() => import('../views/experiments/ExperimentsView.js').then((m) => m.ExperimentsView)),
  PersonalizationView: preloadable(() =>
    import('../views/personalization/PersonalizationView.js').then((m) => m.PersonalizationView),
  ),
  SavedView: preloadable(() => import('../views/saved/SavedView.js').then((m) => m.SavedView)),
  ReportsView: preloadable(() => import('../views/reports/ReportsView.js').then((m) => m.ReportsView)),
  SettingsView: preloadable(() => import('../views/settings/SettingsView.js').then((m) => m.SettingsView)),
};
const RetentionView = lazyViews.RetentionView.Component;
const JourneysView = lazyViews.JourneysView.Component;
const JourneyMapView = lazyViews.JourneyMapView.Component;
const SegmentsView = lazyViews.SegmentsView.Component;
const CustomersView = lazyViews.CustomersView.Component;
const ExperimentsView = lazyViews.ExperimentsView.Component;
const PersonalizationView = lazyViews.PersonalizationView.Component;
const SavedView = lazyViews.SavedView.Component;
const ReportsView = lazyViews.ReportsView.Component;
const SettingsView = lazyViews.SettingsView.Component;

/** Fetches every lazily loaded view's code, one after another, when the browser has nothing else to do. */
function usePreloadViews(): void {
  useEffect(() => {
    let cancelled = false;
    const all = Object.values(lazyViews);
    const next = (i: number) => {
      if (cancelled || i >= all.length) return;
      const run = () =>
        void all[i]!.preload().then(
          () => next(i + 1),
          () => next(i + 1),
        );
      if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 2_000 });
      else setTimeout(run, 50);
    };
    const start = setTimeout(() => next(0), 500); // after the first view has asked for its data
    return () => {
      cancelled = true;
      clearTimeout(start);
    };
  }, []);
}

const PROJECT_KEY = 'waymark.project';

type SessionState =
  { status: 'checking' } | { status: 'signed-out'; notice?: string } | { status: 'signed-in'; session: Session };

export function App() {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    currentSession().then(
      (s) => setSession({ status: 'signed-in', session: s }),
      (e: unknown) =>
        setSession({
          status: 'signed-out',
          ...(e instanceof ApiError && e.status === 404
            ? { notice: 'This server does not offer sign-in yet: update Waymark to use the dashboard.' }
            : {}),
        }),
    );
    setUnauthorizedHandler(() => setSession({ status: 'signed-out', notice: 'Your session ended. Sign in again.' }));
    return () => setUnauthorizedHandler(undefined);
  }, []);

  if (session.status === 'checking') return <Loading label="Checking your session…" />;
  if (session.status === 'signed-out')
    return <LoginPage onSignedIn={(s) => setSession({ status: 'signed-in', session: s })} notice={session.notice} />;
  return (
    <SignedIn
      session={session.session}
      onLogout={() => {
        void logout().finally(() => setSession({ status: 'signed-out', notice: 'You are signed out.' }));
      }}
    />
  );
}

function useHashView(): ViewId {
  const [view, setView] = useState(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => {
      setView(viewFromHash(window.location.hash));
      document.getElementById('main')?.focus({ preventScroll: true });
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return view;
}

function SignedIn({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const view = useHashView();
  usePreloadViews();
  const projects = useAsync((signal) => listProjects(signal), []);
  const [projectId, setProjectId] = useState<string | undefined>(
    () => projectOfHash(window.location.hash) ?? localStorage.getItem(PROJECT_KEY) ?? undefined,
  );
  const list = projects.status === 'done' ? projects.data : [];
  const chosen = list.find((p) => p.id === projectId)?.id ?? list[0]?.id;

  const choose = useCallback((id: string) => {
    localStorage.setItem(PROJECT_KEY, id);
    setProjectId(id);
  }, []);

  // A shared link names its project (`#/saved/dashboards/weekly?project=shop`): open that one.
  useEffect(() => {
    const follow = () => {
      const named = projectOfHash(window.location.hash);
      if (named !== undefined) choose(named);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [choose]);

  useEffect(() => {
    const label = VIEWS.find((v) => v.id === view)?.label ?? 'Overview';
    document.title = `${label} · Waymark`;
  }, [view]);

  let body;
  if (projects.status === 'loading') body = <Loading label="Loading projects…" />;
  else if (projects.status === 'error') body = <Failure error={projects.error} onRetry={projects.reload} />;
  else if (chosen === undefined)
    body = <Failure error={new Error('There is no project yet. Create one with `npx waymark projects create`.')} />;
  else if (view === 'overview') body = <OverviewView project={chosen} />;
  else if (view === 'funnels') body = <FunnelsView project={chosen} role={session.user.role} />;
  else if (view === 'retention' || view === 'journeys' || view === 'journey-map') {
    const LazyView = { retention: RetentionView, journeys: JourneysView, 'journey-map': JourneyMapView }[view];
    body = (
      <Suspense fallback={<Loading label="Loading the view…" />}>
        <LazyView project={chosen} role={session.user.role} />
      </Suspense>
    );
  } else if (view === 'segments')
    body = (
      <Suspense fallback={<Loading label="Loading segments…" />}>
        <SegmentsView project={chosen} role={session.user.role} />
      </Suspense>
    );
  else if (view === 'customers')
    body = (
      <Suspense fallback={<Loading label="Loading customers…" />}>
        <CustomersView project={chosen} />
      </Suspense>
    );
  else if (view === 'experiments')
    body = (
      <Suspense fallback={<Loading label="Loading experiments…" />}>
        <ExperimentsView project={chosen} role={session.user.role} />
      </Suspense>
    );
  else if (view === 'personalization')
    body = (
      <Suspense fallback={<Loading label="Loading personalization…" />}>
        <PersonalizationView project={chosen} role={session.user.role} />
      </Suspense>
    );
  else if (view === 'reports')
    body = (
      <Suspense fallback={<Loading label="Loading reports…" />}>
        <ReportsView project={chosen} role={session.user.role} />
      </Suspense>
    );
  else if (view === 'saved')
    body = (
      <Suspense fallback={<Loading label="Loading saved insights…" />}>
        <SavedView project={chosen} role={session.user.role} />
      </Suspense>
    );
  else if (view === 'settings')
    body = (
      <Suspense fallback={<Loading label="Loading settings…" />}>
        <SettingsView
          project={chosen}
          user={session.user}
          onProjectCreated={(id) => {
            choose(id);
            projects.reload();
          }}
        />
      </Suspense>
    );
  else body = <ComingSoon view={VIEWS.find((v) => v.id === view)!} />;

  return (
    <Shell user={session.user} projects={list} projectId={chosen} onProject={choose} onLogout={onLogout} current={view}>
      {body}
    </Shell>
  );
}
