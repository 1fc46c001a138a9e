/** The page frame: skip link, header with navigation for the user's roles, language, and logout. */
import { Button, Field, Label, Link, Select, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { api } from './api/client.ts';
import { Announcer } from './Announcer.tsx';
import { useI18n, type Lang } from './i18n.tsx';
import { PurposeSelect, type ReadingPurpose } from './purpose.tsx';
import { navFor } from './routes.ts';
import type { Me } from './session.ts';

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
  /** The current route: its link in the navigation is marked as the current page. */
  readonly route?: string;
  /** The purpose a leader reads for (null for others), shown and changed in the header. */
  readonly purpose: ReadingPurpose | null;
  readonly onPurpose: (p: ReadingPurpose) => void;
  readonly onLoggedOut: () => void;
  readonly children: ReactNode;
}

export function Layout({ me, route, purpose, onPurpose, onLoggedOut, children }: LayoutProps) {
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
            {navFor(me).map((n) => (
              <li key={n.route}>
                <Link href={`#${n.route}`} aria-current={n.route === route ? 'page' : undefined}>
                  {t(n.key)}
                </Link>
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
      <Announcer />
    </>
  );
}
