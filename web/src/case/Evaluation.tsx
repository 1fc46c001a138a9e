/** The criteria evaluation: verdict and each criterion's outcome, recorded in the case's history. */
import { Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, ok } from '../api/client.ts';
import { ProblemAlert } from './ActionForm.tsx';
import { useI18n, type Key } from '../i18n.tsx';
import { criteriaVerdictWords } from '../labels.ts';

interface Result {
  id: string;
  text: { nb: string; nn: string };
  outcome: 'met' | 'not_met' | 'unknown';
}
interface EvaluationBody {
  evaluation: { verdict: string; version: number; results: Result[] };
}

export function Evaluation({ caseId, onDone }: { caseId: string; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<EvaluationBody['evaluation'] | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const run = async () => {
    try {
      const body = ok(await api.POST('/api/v1/cases/{id}/evaluation', { params: { path: { id: caseId }, header: { 'idempotency-key': crypto.randomUUID() } }, body: {} }));
      setResult(body.evaluation);
      setError(null);
      await onDone();
    } catch (e) {
      // A refusal is said in the user's language from its code (ProblemAlert); a lost connection as "refused".
      setError(e instanceof ApiProblem ? e : new ApiProblem({ status: 0, code: 'unknown' }));
    }
  };
  return (
    <section className="panel stack" aria-label={t('evaluate')}>
      <Heading level={2} data-size="sm">
        {t('evaluate')}
      </Heading>
      <div>
        <Button variant="secondary" onClick={run}>
          {t('evaluate')}
        </Button>
      </div>
      {error && <ProblemAlert problem={error} />}
      {result && (
        <>
          <Paragraph>
            {t('verdict')}: <strong data-testid="verdict" data-verdict={result.verdict}>{criteriaVerdictWords(t, result.verdict)}</strong>
          </Paragraph>
          <Table>
            <caption className="ds-sr-only">{t('evaluate')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('criterion')}</Table.HeaderCell>
                <Table.HeaderCell>{t('result')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {result.results.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{lang === 'nn' ? r.text.nn : r.text.nb}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={r.outcome === 'met' ? 'success' : r.outcome === 'not_met' ? 'danger' : 'neutral'}>{t(r.outcome as Key)}</Tag>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </section>
  );
}
