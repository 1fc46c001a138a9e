/**
 * The orders (bestillinger) of the case and their state: to which provider, new, change or end,
 * the hours, when sent, and the provider's answer; with what the provider needs (tasks, goals,
 * practical information). Read from GET /cases/{id}/orders: every order for staff who see the whole
 * case, a provider's own orders with an order's view.
 */
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key, type Lang } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';
import type { CaseData } from './useCase.ts';
import { unitName, type Unit } from './useUnits.ts';
import { dateIn, dateTimeIn } from './caseFileFormat.ts';
import { Empty, Facts, Panel, useReloadOn } from './Panel.tsx';

type Order = Reply<'/api/v1/cases/{id}/orders', 'get'>['orders'][number];
const STATUS_COLOR = { awaiting: 'warning', accepted: 'success', rejected: 'danger' } as const;
const LIST = { listStyle: 'none', padding: 0, margin: 0 } as const;

function detailRows(t: (k: Key) => string, d: Order['details']): [string, string | null][] {
  if (!d) return [];
  return [
    [t('orderTasks'), d.tasks.map((x) => x.text).join('; ')],
    [t('cfGoals'), d.goals.join('; ')],
    [t('practical'), d.practical ?? null],
  ];
}

function OrderItem({ o, units, lang }: { o: Order; units: Unit[] | null; lang: Lang }) {
  const { t } = useI18n();
  return (
    <li className="stack" data-testid={`order-${o.revision}`}>
      <Paragraph>
        <strong>{unitName(units, o.providerUnitId) ?? t('provider')}</strong> · {t(`orderKind_${o.kind}`)} ·{' '}
        <Tag data-color={STATUS_COLOR[o.status]}>{t(`cfOrderStatus_${o.status}`)}</Tag>
        {o.part ? ` · ${t('cfPartOrder')}` : ''}
      </Paragraph>
      <Facts
        rows={[
          [t('cfSent'), dateTimeIn(lang, o.sentAt)],
          [t('startOn'), o.startOn ? dateIn(lang, o.startOn) : null],
          [t('hoursPerWeek'), o.hoursPerWeek === null ? null : String(o.hoursPerWeek)],
          [t('cfVisitsPerWeek'), o.visitsPerWeek === null ? null : String(o.visitsPerWeek)],
          ...detailRows(t, o.details),
        ]}
      />
    </li>
  );
}

export function CaseOrders({ c, units }: { c: CaseData; units: Unit[] | null }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/cases/{id}/orders', { params: { path: { id: c.id } } })).orders, [c.id]);
  useReloadOn(loaded.reload, c.version);
  const orders = loaded.data ?? [];
  return (
    <Panel title={t('cfOrders')} testId="case-orders" loaded={loaded}>
      {orders.length === 0 ? (
        <Empty>{t('cfNoOrders')}</Empty>
      ) : (
        <ul className="stack" style={LIST}>
          {[...orders].reverse().map((o) => (
            <OrderItem key={`${o.providerUnitId}-${o.revision}-${o.sentSeq}`} o={o} units={units} lang={lang} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
