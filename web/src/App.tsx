/** The shell: who is logged in, a small hash router, and the view for each route. */
import { Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client.ts';
import { CitizenApp } from './citizen/CitizenApp.tsx';
import { Layout } from './Layout.tsx';
import { NotFound } from './NotFound.tsx';
import { useI18n } from './i18n.tsx';
import { statePurpose, statePurposeFor, type ReadingPurpose } from './purpose.tsx';
import { CASE_ROUTE, mayOpen, titleKey } from './routes.ts';
import { useSessionExpired } from './sessionExpiry.ts';
import { useFocusHeadingOnChange, usePageTitle } from './usePageTitle.ts';
import { AccessReview } from './views/AccessReview.tsx';
import { Admin } from './views/admin/Admin.tsx';
import { Board } from './views/Board.tsx';
import { CaseView } from './views/CaseView.tsx';
import { Leader } from './views/Leader.tsx';
import { Login } from './views/Login.tsx';
import { Orders } from './views/Orders.tsx';
import { ProviderCases } from './views/ProviderCases.tsx';
import { Queue } from './views/Queue.tsx';
import { Register } from './views/Register.tsx';
import { Search } from './views/Search.tsx';
import { Team } from './views/Team.tsx';
import { WaitingList } from './views/WaitingList.tsx';
import type { Me } from './session.ts';
import { KprReport } from './kpr/KprReport.tsx';

function useHashRoute(): string {
  const [route, setRoute] = useState(() => location.hash.slice(1) || '/');
  useEffect(() => {
    // Only "#/…" is a route; an in-page anchor such as the skip link's "#main" leaves the route alone.
    const on = () => {
      if (location.hash === '' || location.hash.startsWith('#/')) setRoute(location.hash.slice(1) || '/');
    };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function defaultRoute(me: Me): string {
  if (me.roles.includes('admin') && me.roles.length === 1) return '/admin';
  if (me.roles.includes('leader') && !me.roles.includes('caseworker')) return '/leader';
  if (me.roles.includes('provider_staff') && !me.roles.includes('caseworker')) return '/orders';
  return '/queue';
}

const VIEWS: Record<string, (me: Me) => ReactNode> = {
  '/queue': (me) => <Queue me={me} />,
  '/register': () => <Register />,
  '/orders': () => <Orders />,
  '/leader': () => <Leader />,
  '/access-review': (me) => <AccessReview me={me} />,
  '/kpr': (me) => <KprReport me={me} />,
  '/search': () => <Search />,
  '/team': (me) => <Team me={me} />,
  '/waiting-lists': (me) => <WaitingList me={me} />,
  '/board': () => <Board />,
  '/provider': (me) => <ProviderCases me={me} />,
  '/admin': () => <Admin />,
};

function View({ route, me }: { route: string; me: Me }) {
  const { t } = useI18n();
  const caseMatch = CASE_ROUTE.exec(route);
  const view = VIEWS[route];
  const found = (caseMatch !== null || view !== undefined) && mayOpen(route, me);
  const key = route === '/' ? titleKey(defaultRoute(me)) : found ? titleKey(route) : null;
  usePageTitle(t(key ?? 'notFoundTitle'));
  useEffect(() => {
    if (route === '/') location.hash = defaultRoute(me);
  }, [route, me]);
  if (route === '/') return null;
  if (!found) return <NotFound home={defaultRoute(me)} />;
  if (caseMatch) return <CaseView key={caseMatch[1]} id={caseMatch[1] as string} me={me} />;
  return view?.(me);
}

/** The logged-in user (undefined while asked), whether their session ran out, and how to ask again or forget them. */
function useMe() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  // The leader's purpose is stated before the views mount, so their first reads carry it.
  const [purpose, setPurpose] = useState<ReadingPurpose | null>(null);
  const load = useCallback(async () => {
    const r = await api.GET('/api/v1/me');
    const found = r.response.ok && r.data ? r.data : null;
    setPurpose(statePurposeFor(found));
    setExpired(false);
    setMe(found);
  }, []);
  const forget = useCallback((why: 'logged_out' | 'expired') => {
    setPurpose(statePurposeFor(null));
    setExpired(why === 'expired');
    setMe(null);
  }, []);
  const choosePurpose = (p: ReadingPurpose) => {
    statePurpose(p);
    setPurpose(p);
  };
  useEffect(() => {
    void load();
  }, [load]);
  return { me, expired, purpose, load, forget, choosePurpose };
}

/** What moves focus to the page's heading when it changes: logging in or out, and the route (not while it settles). */
function focusKey(me: Me | null | undefined, route: string): string | null {
  if (me === undefined) return null;
  if (me === null) return 'out';
  return route === '/' ? null : `in ${route}`;
}

function StaffApp({ route }: { route: string }) {
  const { t } = useI18n();
  const { me, expired, purpose, load, forget, choosePurpose } = useMe();
  // A 401 while logged in: back to the login page with the message, not stale data.
  const loggedIn = Boolean(me);
  useSessionExpired(
    'staff',
    useCallback(() => {
      if (loggedIn) forget('expired');
    }, [loggedIn, forget]),
  );
  useFocusHeadingOnChange(focusKey(me, route));
  if (me === undefined) return <Spinner aria-label={t('loading')} />;
  if (me === null) return <LoginPage expired={expired} onLoggedIn={load} />;
  return (
    <Layout me={me} route={route} purpose={purpose} onPurpose={choosePurpose} onLoggedOut={() => forget('logged_out')}>
      {/* A new purpose reads the view again: what it lists depends on the purpose. */}
      <View key={purpose ?? ''} route={route} me={me} />
    </Layout>
  );
}

function LoginPage({ expired, onLoggedIn }: { expired: boolean; onLoggedIn: () => void }) {
  const { t } = useI18n();
  usePageTitle(t('loginTitle'));
  return <Login onLoggedIn={onLoggedIn} notice={expired ? t('sessionExpired') : undefined} />;
}

export function App() {
  const route = useHashRoute();
  if (route.startsWith('/innbygger')) return <CitizenApp />;
  return <StaffApp route={route} />;
}
