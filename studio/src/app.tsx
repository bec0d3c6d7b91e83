import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, navigate, useRoute } from './router/router';
import { SessionProvider } from './session/session-provider';
import { useSession } from './session/session-context';
import { AppHeader } from './shell/app-header';
import { homeFor } from './shell/nav-items';
import { LookProvider } from './shell/look-provider';

// every page loads when first opened: sign-in and the report page a grid worker opens on a phone
// do not carry the authoring workspace, its editors or the worklists
const VersionsPage = lazy(() => import('./config/versions-page').then((m) => ({ default: m.VersionsPage })));
const WorkspacePage = lazy(() => import('./config/workspace-page').then((m) => ({ default: m.WorkspacePage })));
const DiffPage = lazy(() => import('./config/diff-page'));
const ReportPage = lazy(() => import('./ops/report-page').then((m) => ({ default: m.ReportPage })));
const WorklistPage = lazy(() => import('./ops/worklist-page').then((m) => ({ default: m.WorklistPage })));
const AccountsPage = lazy(() => import('./people/accounts-page').then((m) => ({ default: m.AccountsPage })));
const EventPage = lazy(() => import('./ops/event-page').then((m) => ({ default: m.EventPage })));
const DashboardPage = lazy(() => import('./ops/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const MapPage = lazy(() => import('./ops/map-page').then((m) => ({ default: m.MapPage })));
const AssessmentPage = lazy(() => import('./ops/assessment-page').then((m) => ({ default: m.AssessmentPage })));
const AlertsPage = lazy(() => import('./ops/alerts-page').then((m) => ({ default: m.AlertsPage })));
const PilotsPage = lazy(() => import('./pilots/pilots-page').then((m) => ({ default: m.PilotsPage })));
const BacktestsPage = lazy(() => import('./backtest/backtests-page').then((m) => ({ default: m.BacktestsPage })));
const CountiesPage = lazy(() => import('./platform/counties-page').then((m) => ({ default: m.CountiesPage })));

function Routes() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { path, query } = useRoute();
  const home = homeFor(me.role);
  useEffect(() => {
    if (path === '/' || path === '') navigate(home, { replace: true });
  }, [path, home]);

  let params: Record<string, string> | null;
  let page: ReactNode;
  // the platform administrator works with counties only
  if (me.role === 'platform_admin') page = path === '/counties' ? <CountiesPage /> : null;
  else if (path === '/configs') page = <VersionsPage />;
  else if (path === '/configs/diff') page = <DiffPage />;
  else if ((params = matchPath('/configs/:version', path))) page = <WorkspacePage key={params.version} version={Number(params.version)} />;
  else if (path === '/report') page = <ReportPage />;
  // a new address (a dashboard's drill-down) opens the worklist afresh with its filters
  else if (path === '/worklist') page = <WorklistPage key={query.toString()} />;
  else if (path === '/dashboard') page = <DashboardPage />;
  else if (path === '/map') page = <MapPage />;
  else if (path === '/assessment') page = <AssessmentPage />;
  else if (path === '/alerts') page = <AlertsPage />;
  else if (path === '/pilots') page = <PilotsPage />;
  else if (path === '/backtests') page = <BacktestsPage />;
  else if (path === '/accounts') page = <AccountsPage />;
  else if ((params = matchPath('/events/:id', path))) page = <EventPage key={params.id} id={params.id} />;
  else if (path === '/' || path === '') return null;
  else
    page = (
      <main className="page">
        <h1>{t('notFound')}</h1>
      </main>
    );
  return <Suspense fallback={<main className="page"><p className="muted">{t('common.loading')}</p></main>}>{page}</Suspense>;
}

const PublicApp = lazy(() => import('./public/public-app'));

export function App() {
  const { path } = useRoute();
  // citizens' pages: no sign-in
  if (path.startsWith('/public/'))
    return (
      <LookProvider>
        <Suspense fallback={null}>
          <PublicApp />
        </Suspense>
      </LookProvider>
    );
  return (
    <LookProvider>
      <SessionProvider>
        <AppHeader />
        <Routes />
      </SessionProvider>
    </LookProvider>
  );
}
