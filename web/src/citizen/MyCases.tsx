/** The applicant's cases in plain words: what is happening now, and the dates that matter. */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { complaintStateKey } from '../complaintBody.ts';
import { useServiceName } from '../services.ts';
import { LoadState, useLoad } from '../useLoad.tsx';

export function MyCases({ refresh }: { refresh: number }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/citizen/cases')), [refresh]);
  const cases = loaded.data;
  const serviceName = useServiceName();
  return (
    <section className="panel stack" aria-labelledby="my-cases-title">
      <Heading level={2} data-size="md" id="my-cases-title">
        {t('myCases')}
      </Heading>
      <LoadState loaded={loaded} />
      {cases && cases.length === 0 && <Paragraph>{t('noCases')}</Paragraph>}
      {cases && cases.length > 0 && (
        <ul className="stack plain-list" data-testid="citizen-cases">
          {cases.map((c) => (
            <li key={c.caseNumber} className="panel" data-testid={`citizen-case-${c.caseNumber}`}>
              <Heading level={3} data-size="xs">
                {serviceName(c.serviceCode)} · {t('receiptCaseNumber')} {c.caseNumber}
              </Heading>
              <Paragraph data-state={c.stateKey}>{t(`plain_${complaintStateKey(c.stateKey, c.decision?.complaintBody)}` as Key)}</Paragraph>
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
