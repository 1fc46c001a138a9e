/**
 * The applicant's side (#/innbygger): log in (ID-porten in production, a test login here), apply
 * for oneself or someone one acts for, get the receipt, follow one's cases in plain words, and see
 * who in the municipality has seen one's information (the access log).
 * It has its own session, apart from the staff login.
 */
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, SkipLink, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { LanguageSwitch } from '../Layout.tsx';
import { useSessionExpired } from '../sessionExpiry.ts';
import { useFocusHeadingOnChange, usePageTitle } from '../usePageTitle.ts';
import type { Reply } from '../session.ts';
import { startIdpLogin } from '../views/Login.tsx';
import { AccessLog } from './AccessLog.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';
import { MyCases } from './MyCases.tsx';

type Citizen = Reply<'/api/v1/citizen/me', 'get'>;
type Methods = Reply<'/api/v1/auth/methods', 'get'>;

function CitizenLogin({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { t } = useI18n();
  const [municipalities, setMunicipalities] = useState<{ id: string; name: string }[]>([]);
  const [v, setV] = useState({ municipality: '', nationalId: '', givenName: '', familyName: '' });
  const [failed, setFailed] = useState<string | null>(null);
  const [methods, setMethods] = useState<Methods | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/municipalities').then((r) => {
      setMunicipalities(r.data ?? []);
      setV((x) => ({ ...x, municipality: x.municipality || (r.data?.[0]?.id ?? '') }));
    });
    void api.GET('/api/v1/auth/methods').then((r) => setMethods(r.data ?? null));
  }, []);
  // Until the server says otherwise, the test login shows (as before the methods were known).
  const testLogin = methods?.citizenTestLogin ?? true;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const testPerson = async () => {
    const r = await api.GET('/api/v1/citizen/test-identity');
    if (r.data) setV({ ...v, ...r.data });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.POST('/api/v1/citizen/test-login', { body: v });
    if (r.response.ok) return onLoggedIn();
    setFailed((r.error as { detail?: string } | undefined)?.detail ?? t('citizenLoginFailed'));
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="citizen-login-title">
      <Heading level={2} data-size="md" id="citizen-login-title">
        {t('citizenLoginTitle')}
      </Heading>
      <Field>
        <Label>{t('municipality')}</Label>
        <Select value={v.municipality} onChange={set('municipality')}>
          {municipalities.map((m) => (
            <Select.Option key={m.id} value={m.id}>
              {m.name}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {methods?.idporten && (
        <div>
          <Button type="button" onClick={() => startIdpLogin('/api/v1/citizen/idporten/start', v.municipality)}>
            {t('logInWithIdporten')}
          </Button>
        </div>
      )}
      {testLogin && <TestLoginFields v={v} set={set} testPerson={testPerson} />}
      {failed && (
        <Alert data-color="danger" role="alert">
          {failed}
        </Alert>
      )}
      {testLogin && (
        <div>
          <Button type="submit">{t('citizenLogIn')}</Button>
        </div>
      )}
    </form>
  );
}

/** The test login's fields (demo installations): a synthetic identity, never a real person's. */
function TestLoginFields({ v, set, testPerson }: { v: { nationalId: string; givenName: string; familyName: string }; set: (k: 'nationalId' | 'givenName' | 'familyName') => (e: { target: { value: string } }) => void; testPerson: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <Alert data-color="info">{t('testLoginNotice')}</Alert>
      <div>
        <Button variant="secondary" type="button" onClick={testPerson}>
          {t('makeTestPerson')}
        </Button>
      </div>
      <Textfield label={t('citizenNationalId')} inputMode="numeric" autoComplete="off" value={v.nationalId} onChange={set('nationalId')} required />
      <div className="row">
        <Textfield label={t('givenName')} autoComplete="given-name" value={v.givenName} onChange={set('givenName')} required />
        <Textfield label={t('familyName')} autoComplete="family-name" value={v.familyName} onChange={set('familyName')} required />
      </div>
    </>
  );
}

/** The applicant (undefined while asked), whether their session ran out, and how to ask again or forget them. */
function useCitizen() {
  const [me, setMe] = useState<Citizen | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const load = useCallback(async () => {
    const r = await api.GET('/api/v1/citizen/me');
    setExpired(false);
    setMe(r.response.ok && r.data ? r.data : null);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // A 401 while logged in: back to the login with the message, not stale cases.
  const loggedIn = Boolean(me);
  useSessionExpired(
    'citizen',
    useCallback(() => {
      if (!loggedIn) return;
      setExpired(true);
      setMe(null);
    }, [loggedIn]),
  );
  return { me, setMe, expired, load };
}

export function CitizenApp() {
  const { t } = useI18n();
  const { me, setMe, expired, load } = useCitizen();
  const [refresh, setRefresh] = useState(0);
  usePageTitle(t('citizenTitle'));
  useFocusHeadingOnChange(me === undefined ? null : me ? 'in' : 'out');
  const logOut = async () => {
    await api.POST('/api/v1/citizen/logout');
    setMe(null);
  };
  return (
    <>
      <SkipLink href="#main">{t('skipToMain')}</SkipLink>
      <header className="app-header">
        <strong>{t('appName')}</strong>
        <div className="who">
          {me && (
            <span>
              {t('loggedInAs')} {me.displayName}
            </span>
          )}
          <LanguageSwitch />
          {me && (
            <Button variant="secondary" data-size="sm" onClick={logOut}>
              {t('logOut')}
            </Button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="stack">
        <Heading level={1} data-size="lg">
          {t('citizenTitle')}
        </Heading>
        {me === undefined && <Spinner aria-label={t('loading')} />}
        {me === null && expired && (
          <Alert data-color="warning" role="alert" data-testid="login-notice">
            {t('sessionExpired')}
          </Alert>
        )}
        {me === null && <CitizenLogin onLoggedIn={load} />}
        {me && (
          <>
            <ApplicationForm onSent={() => setRefresh((n) => n + 1)} />
            <MyCases refresh={refresh} />
            <AccessLog />
          </>
        )}
        <Paragraph>
          <Link href="#/">{t('staffLink')}</Link>
        </Paragraph>
      </main>
    </>
  );
}
