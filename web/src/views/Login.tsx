/**
 * Login: the municipality, then the municipality's identity provider (where one is configured) or
 * a username and password (where local passwords are on); the server sets the session cookie.
 */
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { LanguageSwitch } from '../Layout.tsx';
import type { Reply } from '../session.ts';

type Methods = Reply<'/api/v1/auth/methods', 'get'>;

/** Sends the browser to the identity provider; it comes back logged in (or with the refusal). */
export function startIdpLogin(path: string, municipality: string): void {
  window.location.assign(`${path}?municipality=${encodeURIComponent(municipality)}`);
}

function PasswordFields({ username, password, set }: { username: string; password: string; set: (k: 'username' | 'password', v: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Textfield label={t('username')} name="username" autoComplete="username" value={username} onChange={(e) => set('username', e.target.value)} required />
      <Textfield label={t('password')} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => set('password', e.target.value)} required />
    </>
  );
}

/** `notice`: why the user is here again (their session ran out), shown above the form. */
export function Login({ onLoggedIn, notice }: { onLoggedIn: () => void; notice?: string }) {
  const { t } = useI18n();
  const [municipalities, setMunicipalities] = useState<{ id: string; name: string }[]>([]);
  const [methods, setMethods] = useState<Methods | null>(null);
  const [municipality, setMunicipality] = useState('');
  const [v, setV] = useState({ username: '', password: '' });
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void api.GET('/api/v1/municipalities').then((r) => {
      setMunicipalities(r.data ?? []);
      setMunicipality((m) => m || (r.data?.[0]?.id ?? ''));
    });
    void api.GET('/api/v1/auth/methods').then((r) => setMethods(r.data ?? null));
  }, []);
  // Until the server says otherwise, the password form shows (as before the methods were known).
  const passwords = methods?.localPasswords ?? true;
  const idp = methods?.identityProvider ?? false;
  const withIdp = () => startIdpLogin('/api/v1/auth/oidc/start', municipality);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!passwords) return withIdp();
    const r = await api.POST('/api/v1/auth/login', { body: { municipality, ...v } });
    if (r.response.ok) onLoggedIn();
    else setFailed(true);
  };
  return (
    <main id="main" className="stack" style={{ maxWidth: '28rem' }}>
      <Heading level={1} data-size="lg">
        {t('appName')}: {t('loginTitle')}
      </Heading>
      {notice && (
        <Alert data-color="warning" role="alert" data-testid="login-notice">
          {notice}
        </Alert>
      )}
      <LanguageSwitch />
      <form className="stack" onSubmit={submit}>
        <Field>
          <Label>{t('municipality')}</Label>
          <Select value={municipality} onChange={(e) => setMunicipality(e.target.value)} name="municipality">
            {municipalities.map((m) => (
              <Select.Option key={m.id} value={m.id}>
                {m.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        {idp && (
          <Button type="button" variant={passwords ? 'secondary' : 'primary'} onClick={withIdp}>
            {t('logInWithIdp')}
          </Button>
        )}
        {passwords && <PasswordFields username={v.username} password={v.password} set={(k, value) => setV((x) => ({ ...x, [k]: value }))} />}
        {failed && <Alert data-color="danger">{t('loginFailed')}</Alert>}
        {passwords && <Button type="submit">{t('logIn')}</Button>}
      </form>
      <Paragraph>
        <Link href="#/innbygger">{t('citizenLink')}</Link>
      </Paragraph>
    </main>
  );
}
