/**
 * The user payment of the current decision (egenandelsforskriften), under the decision: per service
 * the amount for the month and the rule it follows, or what is missing before it can be computed.
 */
import { Alert, Table } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import { fill } from './caseFileFormat.ts';
import { Empty, Panel } from './Panel.tsx';

type Payment = Reply<'/api/v1/cases/{id}/payment', 'get'>;
type Line = Payment['lines'][number];

function amountWords(l: Line, t: (k: Key) => string): string {
  if (l.kind === 'free') return t('payFree');
  if (l.kind === 'outside') return t('payOutside');
  if (l.amount === null) return l.missing ? t(`payMissing_${l.missing}`) : '–';
  return fill(t('payKroner'), { n: l.amount.toLocaleString('nb-NO') });
}

export function DecisionPayment({ caseId, decisionSeq }: { caseId: string; decisionSeq: number }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/cases/{id}/payment', { params: { path: { id: caseId } } })), [caseId, decisionSeq]);
  const p = loaded.data;
  return (
    <Panel title={t('payTitle')} testId="decision-payment" loaded={loaded}>
      {p && p.lines.length === 0 && <Empty>{t('payNoLines')}</Empty>}
      {p && p.lines.length > 0 && (
        <>
          <Table zebra>
            <caption>
              {t('payMonth')}: {p.month}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('service')}</Table.HeaderCell>
                <Table.HeaderCell>{t('payPerMonth')}</Table.HeaderCell>
                <Table.HeaderCell>{t('cfRules')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {p.lines.map((l) => (
                <Table.Row key={l.serviceCode}>
                  <Table.Cell>{serviceName(l.serviceCode)}</Table.Cell>
                  <Table.Cell data-testid={`payment-${l.serviceCode}`}>{amountWords(l, t)}</Table.Cell>
                  <Table.Cell>{l.citations.join('; ')}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {p.stateRates.stale && <Alert data-color="warning">{fill(t('payStale'), { year: p.stateRates.year })}</Alert>}
        </>
      )}
    </Panel>
  );
}
