/** The applicant's cases in plain words: what is happening now, and the dates that matter. */
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Reply } from '../session.ts';

type Cases = Reply<'/api/v1/citizen/cases', 'get'>;

export function MyCases({ refresh }: { refresh: number }) {
  const { t } = useI18n();
  const [cases, setCases] = useState<Cases | null>(null);
  const serviceName = useServiceName();
  useEffect(() => {
    void api.GET('/api/v1/citizen/cases').then((r) => setCases(ok(r)));
  }, [refresh]);
  return (
    <section className="panel stack" aria-labelledby="my-cases-title">
      <Heading level={2} data-size="md" id="my-cases-title">
        {t('myCases')}
      </Heading>
      {!cases && <Spinner aria-label={t('loading')} />}
      {cases && cases.length === 0 && <Paragraph>{t('noCases')}</Paragraph>}
      {cases && cases.length > 0 && (
        <ul className="stack plain-list" data-testid="citizen-cases">
          {cases.map((c) => (
            <li key={c.caseNumber} className="panel" data-testid={`citizen-case-${c.caseNumber}`}>
              <Heading level={3} data-size="xs">
                {serviceName(c.serviceCode)} · {t('receiptCaseNumber')} {c.caseNumber}
              </Heading>
              <Paragraph data-state={c.stateKey}>{t(`plain_${c.stateKey}` as Key)}</Paragraph>
              <Paragraph data-size="sm">
                {c.forWhom === 'someone_else' && (
                  <>
                    {t('appliedFor')} {c.personGivenName} ·{' '}
                  </>
                )}
                {t('received_on')} {c.receivedOn}
                {c.decision && (
                  <>
                    {' '}
                    · {t(c.decision.outcome as Key)}
                    {c.decision.decidedOn ? ` ${c.decision.decidedOn}` : ''}
                  </>
                )}
                {c.expectedBy && !c.decision && (
                  <>
                    {' '}
                    · {t('expectedBy')} {c.expectedBy}
                  </>
                )}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
