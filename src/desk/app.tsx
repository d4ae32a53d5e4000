/**
 * The desk's frame: the sign-in gate, the skip link, navigation, the language switch and the
 * page for the current route. Heavy pages are loaded when first visited.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, auth, setCsrfToken, setUnauthenticatedHandler } from './api.js';
import { HelpDialog } from './components/help-dialog.js';
import { LANGUAGES, switchLanguage, type Language } from './i18n.js';
import { isTyping } from './keyboard.js';
import { startLive, stopLive } from './live.js';
import { LoginPage } from './pages/login.page.js';
import { QueuePage } from './pages/queue.page.js';
import { Link, matchPath, navigate, useLocation } from './router.js';
import { abilities, SessionContext, type SessionState } from './session.js';
import type { Session } from './types.js';

const ClaimPage = lazy(() => import('./pages/claim.page.js'));
const ClusterPage = lazy(() => import('./pages/cluster.page.js'));
const DashboardPage = lazy(() => import('./pages/dashboard.page.js'));
const AdminPage = lazy(() => import('./pages/admin.page.js'));
const ReportPage = lazy(() => import('./pages/report.page.js'));
const ActivityReportPage = lazy(() => import('./pages/activity-report.page.js'));
const HealthPage = lazy(() => import('./pages/health.page.js'));
const InquiriesPage = lazy(() => import('./pages/inquiries.page.js'));
const InquiryPage = lazy(() => import('./pages/inquiry.page.js'));

type Gate =
  | { state: 'loading' }
  | { state: 'signed-out'; expired: boolean }
  | { state: 'in'; session: Session };

/** The whole desk. */
export function App() {
  const [gate, setGate] = useState<Gate>({ state: 'loading' });

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setGate({ state: 'in', session });
    startLive();
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      stopLive();
      setCsrfToken(null);
      setGate({ state: 'signed-out', expired: true });
    });
    auth.me().then(signedIn, (error: unknown) => {
      if (!(error instanceof ApiError)) console.error(error);
      setGate({ state: 'signed-out', expired: false });
    });
    return () => setUnauthenticatedHandler(null);
  }, [signedIn]);

  if (gate.state === 'loading') return <Loading />;
  if (gate.state === 'signed-out') {
    return (
      <Frame>
        <LoginPage expired={gate.expired} onSignedIn={signedIn} />
      </Frame>
    );
  }
  const state: SessionState = {
    session: gate.session,
    signOut: async () => {
      await auth.logout().catch(() => undefined);
      stopLive();
      setCsrfToken(null);
      setGate({ state: 'signed-out', expired: false });
    },
  };
  return (
    <SessionContext.Provider value={state}>
      <Frame session={gate.session} onSignOut={state.signOut}>
        <Routes />
      </Frame>
    </SessionContext.Provider>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

function Routes() {
  const { path } = useLocation();
  const { t } = useTranslation();
  let page: ReactNode;
  let params: Record<string, string> | null;
  if (path === '/' || path === '/queue') page = <QueuePage />;
  else if ((params = matchPath('/claims/:id', path))) page = <ClaimPage id={params.id!} />;
  else if ((params = matchPath('/claims/:id/cluster', path)))
    page = <ClusterPage id={params.id!} />;
  else if (path === '/dashboard') page = <DashboardPage />;
  else if (path === '/report') page = <ReportPage />;
  else if (path === '/reports') page = <ActivityReportPage />;
  else if (path === '/health') page = <HealthPage />;
  else if (path === '/inquiries') page = <InquiriesPage />;
  else if ((params = matchPath('/inquiries/:id', path)))
    page = <InquiryPage key={params.id} id={params.id!} />;
  else if (path === '/admin' || path.startsWith('/admin/')) page = <AdminPage path={path} />;
  else
    page = (
      <>
        <h1 tabIndex={-1}>{t('common.notFound')}</h1>
        <Link to="/">{t('nav.queue')}</Link>
      </>
    );
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}

function Frame({
  session,
  onSignOut,
  children,
}: {
  session?: Session;
  onSignOut?: () => Promise<void>;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const shownPath = useRef(path);

  // After navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    const timer = window.setTimeout(() => {
      const heading = main.current?.querySelector<HTMLElement>('h1');
      (heading ?? main.current)?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [path]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || isTyping(event.target)) return;
      event.preventDefault();
      setHelpOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const role = session?.user.role;
  const nav = session
    ? [
        { to: '/', label: t('nav.queue'), active: path === '/' || path.startsWith('/claims') },
        ...(role && abilities.dashboard(role)
          ? [{ to: '/dashboard', label: t('nav.dashboard'), active: path === '/dashboard' }]
          : []),
        ...(role && abilities.report(role)
          ? [{ to: '/report', label: t('nav.report'), active: path === '/report' }]
          : []),
        ...(role && abilities.inquiries(role)
          ? [
              {
                to: '/inquiries',
                label: t('nav.inquiries'),
                active: path.startsWith('/inquiries'),
              },
            ]
          : []),
        ...(role && abilities.activityReport(role)
          ? [{ to: '/reports', label: t('nav.activity'), active: path === '/reports' }]
          : []),
        ...(role && abilities.health(role)
          ? [{ to: '/health', label: t('nav.health'), active: path === '/health' }]
          : []),
        ...(role && abilities.admin(role)
          ? [{ to: '/admin', label: t('nav.admin'), active: path.startsWith('/admin') }]
          : []),
      ]
    : [];

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        {nav.length > 0 && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((entry) => (
                <li key={entry.to}>
                  <Link to={entry.to} aria-current={entry.active ? 'page' : undefined}>
                    {entry.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="top-tools">
          <label>
            <span className="visually-hidden">{t('nav.language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => void switchLanguage(event.target.value as Language)}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="link-button" onClick={() => setHelpOpen(true)}>
            {t('nav.help')}
          </button>
          {session && (
            <>
              <span className="who">
                {session.user.displayName} · {t(`roles.${session.user.role}`)}
              </span>
              <button
                type="button"
                onClick={() => {
                  void onSignOut?.().then(() => navigate('/', { replace: true }));
                }}
              >
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
