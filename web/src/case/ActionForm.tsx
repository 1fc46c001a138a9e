/**
 * A panel that sends one command, shows the server's refusal in the user's language (the message
 * from its code, and each field error from its code and the field's label) and a saved message.
 */
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { fieldLine, problemCode, problemText } from '../problems.ts';

export interface FormState {
  readonly problem: ApiProblem | null;
  /** The error of a field in the user's language, matched by the end of its path. */
  readonly fieldError: (field: string) => string | undefined;
}

/** The refusal: its message, and for the server's refusals each field error with its label. */
export function ProblemAlert({ problem, labels }: { problem: ApiProblem; labels?: Readonly<Record<string, string>> }) {
  const { lang } = useI18n();
  const fromServer = problemCode(problem.problem) !== null;
  const fields = fromServer ? (problem.problem.errors ?? []) : [];
  return (
    <Alert data-color="danger" role="alert" data-testid="problem" data-code={problemCode(problem.problem) ?? undefined}>
      <Paragraph>{problemText(lang, problem.problem)}</Paragraph>
      {fields.length > 0 && (
        <ul>
          {fields.map((e, i) => (
            <li key={`${e.field}-${i}`}>{fieldLine(lang, e, labels)}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function ActionForm(props: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  children: (s: FormState) => ReactNode;
  testId?: string;
  level?: 2 | 3 | 4;
  /** The labels of the form's fields by name, for the field errors in the summary. */
  labels?: Readonly<Record<string, string>>;
}) {
  const { t, lang } = useI18n();
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
        {props.children({ problem, fieldError: (f) => problem?.fieldError(f, lang) })}
        {problem && <ProblemAlert problem={problem} labels={props.labels} />}
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
