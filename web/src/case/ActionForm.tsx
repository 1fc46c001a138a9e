/** A panel that sends one command, shows the server's refusal (detail and field errors) and a saved message. */
import { Alert, Button, Heading } from '@digdir/designsystemet-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';

export interface FormState {
  readonly problem: ApiProblem | null;
  readonly fieldError: (field: string) => string | undefined;
}

export function ActionForm(props: { title: string; submitLabel: string; onSubmit: () => Promise<void>; children: (s: FormState) => ReactNode; testId?: string; level?: 2 | 3 | 4 }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      await props.onSubmit();
      setProblem(null);
      setSaved(true);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel stack" aria-label={props.title} data-testid={props.testId}>
      <Heading level={props.level ?? 2} data-size={props.level && props.level > 2 ? 'xs' : 'sm'}>
        {props.title}
      </Heading>
      <form className="stack" onSubmit={submit} noValidate>
        {props.children({ problem, fieldError: (f) => problem?.fieldError(f) })}
        {problem && (
          <Alert data-color="danger" role="alert">
            {problem.message}
          </Alert>
        )}
        {saved && <Alert data-color="success">{t('saved')}</Alert>}
        <div>
          <Button type="submit" disabled={busy}>
            {props.submitLabel}
          </Button>
        </div>
      </form>
    </section>
  );
}
