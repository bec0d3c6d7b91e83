import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, navigate, useRoute } from './router/router';
import { SessionProvider } from './session/session-provider';
import { useSession } from './session/session-context';
import { AppHeader } from './shell/app-header';
import { homeFor } from './shell/nav-items';
import { VersionsPage } from './config/versions-page';
import { WorkspacePage } from './config/workspace-page';
import { ReportPage } from './ops/report-page';
import { WorklistPage } from './ops/worklist-page';
import { EventPage } from './ops/event-page';
import DiffPage from './config/diff-page';

function Routes() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { path } = useRoute();
  const home = homeFor(me.role);
  useEffect(() => {
    if (path === '/' || path === '') navigate(home, { replace: true });
  }, [path, home]);

  let params: Record<string, string> | null;
  if (path === '/configs') return <VersionsPage />;
  if (path === '/configs/diff') return <DiffPage />;
  if ((params = matchPath('/configs/:version', path))) return <WorkspacePage key={params.version} version={Number(params.version)} />;
  if (path === '/report') return <ReportPage />;
  if (path === '/worklist') return <WorklistPage />;
  if ((params = matchPath('/events/:id', path))) return <EventPage key={params.id} id={params.id} />;
  if (path === '/' || path === '') return null;
  return (
    <main className="page">
      <h1>{t('notFound')}</h1>
    </main>
  );
}

export function App() {
  return (
    <SessionProvider>
      <AppHeader />
      <Routes />
    </SessionProvider>
  );
}
