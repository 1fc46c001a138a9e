/**
 * "Hent fra Folkeregisteret" in the registration form: looks the person up in the population register
 * (POST /persons/lookup, the identity number in the body, logged) and fills the name and postcode. It
 * says what happened: loading, found (with a protected address or a death said plainly), not in the
 * register, not connected, not answering (then the form is filled in by hand and the person is marked
 * as registered by hand), or an error.
 */
import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';

export type RegisterLookup = Reply<'/api/v1/persons/lookup', 'post'>;

type State = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'done'; readonly result: RegisterLookup } | { readonly kind: 'error'; readonly message: string };

const STATUS_WORDS: Record<Exclude<RegisterLookup['status'], 'found'>, Key> = {
  not_found: 'fregNotFound',
  not_configured: 'fregNotConfigured',
  unavailable: 'fregUnavailable',
};

function Found({ result }: { result: RegisterLookup }) {
  const { t } = useI18n();
  const p = result.person;
  if (!p) return null;
  const warn = p.protectedAddress || p.diedOn !== null;
  return (
    <Alert data-color={warn ? 'warning' : 'success'} data-testid="freg-found">
      <Paragraph>{t('fregFound')}</Paragraph>
      {p.protectedAddress && <Paragraph data-testid="freg-protected">{t('fregProtected')}</Paragraph>}
      {p.diedOn && <Paragraph>{`${t('fregDied')} (${p.diedOn}).`}</Paragraph>}
      {result.registeredId && (
        <Paragraph>
          {t('fregAlreadyRegistered')}
        </Paragraph>
      )}
    </Alert>
  );
}

function Outcome({ state }: { state: State }) {
  const { t } = useI18n();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'loading':
      return <Paragraph data-testid="freg-loading">{t('fregLooking')}</Paragraph>;
    case 'error':
      return (
        <Alert data-color="danger" data-testid="freg-error">
          {t('fregError')}: {state.message}
        </Alert>
      );
    case 'done':
      if (state.result.status === 'found') return <Found result={state.result} />;
      return (
        <Alert data-color="warning" data-testid={`freg-${state.result.status}`}>
          {t(STATUS_WORDS[state.result.status])}
        </Alert>
      );
  }
}

/** The look-up button and what it found; `onFound` fills the form. */
export function RegisterLookupAction({ nationalId, onFound }: { nationalId: string; onFound: (p: NonNullable<RegisterLookup['person']>) => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const look = async () => {
    if (!/^\d{11}$/.test(nationalId.trim())) {
      setState({ kind: 'error', message: t('fregNeedsId') });
      return;
    }
    setState({ kind: 'loading' });
    try {
      const result = ok(await api.POST('/api/v1/persons/lookup', { body: { nationalId: nationalId.trim() } }));
      if (result.person) onFound(result.person);
      setState({ kind: 'done', result });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof ApiProblem || e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="stack">
      <div>
        <Button type="button" variant="secondary" onClick={look} disabled={state.kind === 'loading'} aria-busy={state.kind === 'loading'} data-testid="freg-lookup">
          {t('fregLookup')}
        </Button>
      </div>
      <div aria-live="polite">
        <Outcome state={state} />
      </div>
    </div>
  );
}

/** The identity number field of the registration form with the look-up beside it. */
export function NationalIdField({ value, onChange, error, onFound }: { value: string; onChange: (e: { target: { value: string } }) => void; error: string | undefined; onFound: (p: NonNullable<RegisterLookup['person']>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Textfield label={t('nationalId')} inputMode="numeric" autoComplete="off" value={value} onChange={onChange} error={error} />
      <RegisterLookupAction nationalId={value} onFound={onFound} />
    </>
  );
}
