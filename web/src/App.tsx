/** The shell: who is logged in, a small hash router, and the view for each route. */
import { Spinner } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState } from 'react';
import { api } from './api/client.ts';
import { CitizenApp } from './citizen/CitizenApp.tsx';
import { Layout } from './Layout.tsx';
import { useI18n } from './i18n.tsx';
import { statePurpose, statePurposeFor, type ReadingPurpose } from './purpose.tsx';
import { AccessReview } from './views/AccessReview.tsx';
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
  if (me.roles.includes('leader') && !me.roles.includes('caseworker')) return '/leader';
  if (me.roles.includes('provider_staff') && !me.roles.includes('caseworker')) return '/orders';
  return '/queue';
}

function View({ route, me }: { route: string; me: Me }) {
  const caseMatch = /^\/cases\/([0-9a-f-]{36})$/.exec(route);
  if (caseMatch) return <CaseView key={caseMatch[1]} id={caseMatch[1] as string} me={me} />;
  switch (route) {
    case '/queue':
      return <Queue me={me} />;
    case '/register':
      return <Register />;
    case '/orders':
      return <Orders />;
    case '/leader':
      return <Leader />;
    case '/access-review':
      return <AccessReview me={me} />;
    case '/search':
      return <Search />;
    case '/team':
      return <Team me={me} />;
    case '/waiting-lists':
      return <WaitingList me={me} />;
    case '/board':
      return <Board />;
    case '/provider':
      return <ProviderCases me={me} />;
    default:
      location.hash = defaultRoute(me);
      return null;
  }
}

export function App() {
  const { t } = useI18n();
  const route = useHashRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // The leader's purpose is stated before the views mount, so their first reads carry it.
  const [purpose, setPurpose] = useState<ReadingPurpose | null>(null);
  const load = useCallback(async () => {
    const r = await api.GET('/api/v1/me');
    const found = r.response.ok && r.data ? r.data : null;
    setPurpose(statePurposeFor(found));
    setMe(found);
  }, []);
  const choosePurpose = (p: ReadingPurpose) => {
    statePurpose(p);
    setPurpose(p);
  };
  useEffect(() => {
    void load();
  }, [load]);
  if (route.startsWith('/innbygger')) return <CitizenApp />;
  if (me === undefined) return <Spinner aria-label={t('loading')} />;
  if (me === null) return <Login onLoggedIn={load} />;
  return (
    <Layout
      me={me}
      purpose={purpose}
      onPurpose={choosePurpose}
      onLoggedOut={() => {
        setPurpose(statePurposeFor(null));
        setMe(null);
      }}
    >
      {/* A new purpose reads the view again: what it lists depends on the purpose. */}
      <View key={purpose ?? ''} route={route} me={me} />
    </Layout>
  );
}
