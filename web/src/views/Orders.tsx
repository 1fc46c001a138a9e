/**
 * The provider's incoming orders: what to deliver, and accept or reject with a reason. Once accepted,
 * the start of the service is recorded in the provider's cases (ProviderCases) or on the case.
 */
import { Button, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, commandHeaders, ok, ApiProblem } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import type { FollowUp } from '../case/useCase.ts';

interface Order {
  caseId: string;
  caseNumber: string;
  personName: string;
  serviceCode: string;
  providerUnitId: string;
  kind: 'new' | 'change' | 'end';
  revision: number;
  hoursPerWeek: number | null;
  caseVersion: number;
  details: { tasks?: { text: string }[]; practical?: string } | null;
}

function OrderCard({ o, onDone }: { o: Order; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const answer = async (decision: 'accept' | 'reject') => {
    const action: FollowUp =
      decision === 'accept' ? { type: 'order_accepted', payload: { providerUnitId: o.providerUnitId } } : { type: 'order_rejected', payload: { providerUnitId: o.providerUnitId, reason } };
    try {
      ok(await api.POST('/api/v1/cases/{id}/actions', { params: { path: { id: o.caseId }, header: commandHeaders() }, body: { expectedVersion: o.caseVersion, action } }));
      await onDone();
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : null);
      setError(e instanceof ApiProblem ? e.message : String(e));
    }
  };
  return (
    <li className="panel stack" data-testid={`order-${o.caseNumber}`}>
      <Heading level={2} data-size="xs">
        {o.caseNumber} · {o.personName} · {serviceName(o.serviceCode)} <Tag>{t(`orderKind_${o.kind}` as Key)}</Tag>
      </Heading>
      {o.hoursPerWeek !== null && (
        <Paragraph>
          {o.hoursPerWeek} {t('hoursPerWeek').toLowerCase()}
        </Paragraph>
      )}
      {o.details?.tasks?.length ? <Paragraph>{t('orderTasks')}: {o.details.tasks.map((x) => x.text).join('; ')}</Paragraph> : null}
      {o.details?.practical && (
        <Paragraph>
          {t('practical')}: {o.details.practical}
        </Paragraph>
      )}
      <div className="row">
        <Button onClick={() => answer('accept')}>{t('accept')}</Button>
        {o.kind !== 'end' && (
          <>
            <Textfield label={t('rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={problem?.fieldError('reason')} />
            <Button variant="secondary" onClick={() => answer('reject')}>
              {t('reject')}
            </Button>
          </>
        )}
      </div>
      {error && <Paragraph role="alert">{error}</Paragraph>}
    </li>
  );
}

export function Orders() {
  const { t } = useI18n();
  const loaded = useLoad(async (): Promise<Order[]> => ok(await api.GET('/api/v1/orders', { params: { query: { status: 'awaiting' } } })), []);
  const orders = loaded.data;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('ordersTitle')}
      </Heading>
      <LoadState loaded={loaded} />
      {orders?.length === 0 && <Paragraph>{t('noOrders')}</Paragraph>}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {orders?.map((o) => (
          <OrderCard key={`${o.caseId}-${o.providerUnitId}-${o.revision}`} o={o} onDone={loaded.reload} />
        ))}
      </ul>
    </div>
  );
}
