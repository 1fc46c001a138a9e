/** The page frame: skip link, header with navigation for the user's roles, language, and logout. */
import { Button, Field, Label, Link, Select, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { api } from './api/client.ts';
import { useI18n, type Key, type Lang } from './i18n.tsx';
import { PurposeSelect, type ReadingPurpose } from './purpose.tsx';
import type { Me } from './session.ts';

const NAV: { route: string; key: Key; roles: readonly Me['roles'][number][] }[] = [
  { route: '/queue', key: 'navQueue', roles: ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader'] },
  { route: '/register', key: 'navRegister', roles: ['caseworker', 'team_member', 'team_leader', 'provider_staff'] },
  { route: '/search', key: 'navSearch', roles: ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader'] },
  { route: '/waiting-lists', key: 'navWaitingList', roles: ['caseworker', 'team_leader', 'leader'] },
  { route: '/team', key: 'navTeam', roles: ['team_member', 'team_leader'] },
  { route: '/board', key: 'navBoard', roles: ['board_member'] },
  { route: '/provider', key: 'navProvider', roles: ['provider_staff'] },
  { route: '/orders', key: 'navOrders', roles: ['provider_staff', 'team_member', 'team_leader'] },
  { route: '/leader', key: 'navLeader', roles: ['leader', 'team_leader'] },
  { route: '/access-review', key: 'navAccessReview', roles: ['leader'] },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Field>
      <Label>{t('language')}</Label>
      <Select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-size="sm">
        <Select.Option value="nb">Bokmål</Select.Option>
        <Select.Option value="nn">Nynorsk</Select.Option>
        <Select.Option value="en">English</Select.Option>
      </Select>
    </Field>
  );
}

interface LayoutProps {
  readonly me: Me;
  /** The purpose a leader reads for (null for others), shown and changed in the header. */
  readonly purpose: ReadingPurpose | null;
  readonly onPurpose: (p: ReadingPurpose) => void;
  readonly onLoggedOut: () => void;
  readonly children: ReactNode;
}

export function Layout({ me, purpose, onPurpose, onLoggedOut, children }: LayoutProps) {
  const { t } = useI18n();
  const logout = async () => {
    await api.POST('/api/v1/auth/logout');
    onLoggedOut();
  };
  return (
    <>
      <SkipLink href="#main">{t('skipToMain')}</SkipLink>
      <header className="app-header">
        <strong>{t('appName')}</strong>
        <nav aria-label={t('appName')}>
          <ul>
            {NAV.filter((n) => n.roles.some((r) => me.roles.includes(r))).map((n) => (
              <li key={n.route}>
                <Link href={`#${n.route}`}>{t(n.key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me.displayName} ({me.municipalityId})
          </span>
          <PurposeSelect me={me} value={purpose} onChange={onPurpose} />
          <LanguageSwitch />
          <Button variant="secondary" data-size="sm" onClick={logout}>
            {t('logOut')}
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
