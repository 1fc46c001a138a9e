/** Login: municipality, username and password; the server sets the session cookie. */
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { LanguageSwitch } from '../Layout.tsx';

export function Login({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { t } = useI18n();
  const [municipalities, setMunicipalities] = useState<{ id: string; name: string }[]>([]);
  const [municipality, setMunicipality] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void api.GET('/api/v1/municipalities').then((r) => {
      setMunicipalities(r.data ?? []);
      setMunicipality((m) => m || (r.data?.[0]?.id ?? ''));
    });
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.POST('/api/v1/auth/login', { body: { municipality, username, password } });
    if (r.response.ok) onLoggedIn();
    else setFailed(true);
  };
  return (
    <main id="main" className="stack" style={{ maxWidth: '28rem' }}>
      <Heading level={1} data-size="lg">
        {t('appName')}: {t('loginTitle')}
      </Heading>
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
        <Textfield label={t('username')} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <Textfield label={t('password')} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {failed && <Alert data-color="danger">{t('loginFailed')}</Alert>}
        <Button type="submit">{t('logIn')}</Button>
      </form>
      <Paragraph>
        <Link href="#/innbygger">{t('citizenLink')}</Link>
      </Paragraph>
    </main>
  );
}
