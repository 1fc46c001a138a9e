/**
 * The provider's cases: those where the user's unit delivers the service (ordered or running), read
 * a page of each status at a time with "Vis flere" (useCasePages.ts),
 * with this month's performed against decided hours and the actions the transition table allows
 * the user now. An accepted order's service is started here: each case waiting for its start offers
 * the form that records it (service_started). Change reports (endringsmelding) are sent from the
 * case. Visits are recorded one by one or imported from the care system (Visits.tsx). Incoming orders
 * to accept or reject have their own view (Orders).
 */
import { Alert, Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { caseStateWords } from '../complaintBody.ts';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import { osloDate, osloMonth } from '../dates.ts';
import { actionKey } from '../labels.ts';
import { ServiceStarted } from '../case/ServiceStart.tsx';
import { ImportVisits, RecordVisit } from './Visits.tsx';
import type { Me, Reply } from '../session.ts';
import { useCasePages, type CaseItem } from './useCasePages.ts';
import { FirstPageError, MorePages, type Pages } from './queuePages.tsx';

type Delivered = Reply<'/api/v1/reports/delivery', 'get'>['rows'][number];

/** The cases the provider delivers: awaiting their start, and running. */
const PROVIDER_STATUSES = ['service_arranged', 'active'] as const;

/** Performed against decided time this month for the user's units, by case. */
async function deliveredThisMonth(me: Me): Promise<ReadonlyMap<string, Delivered>> {
  const r = await api.GET('/api/v1/reports/delivery', { params: { query: { month: osloMonth() }, header: { 'tildel-purpose': 'service_delivery' } } });
  return new Map<string, Delivered>((r.data?.rows ?? []).filter((d) => me.unitIds.includes(d.providerUnitId)).map((d) => [d.caseId, d]));
}

const NOTHING_DELIVERED: ReadonlyMap<string, Delivered> = new Map();

/** The accepted orders whose service has not started, among the cases read so far (the cases' "Vis flere" reads more): record the day it did. */
function StartsAwaited({ cases, onDone }: { cases: readonly CaseItem[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const awaiting = cases.filter((c) => c.allowedActions.includes('service_started'));
  if (awaiting.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="starts-awaited" data-testid="starts-awaited">
      <Heading level={2} data-size="sm" id="starts-awaited">
        {t('startsAwaitedTitle')}
      </Heading>
      <Paragraph>{t('startsAwaitedHelp')}</Paragraph>
      {awaiting.map((c) => (
        <ServiceStarted key={`${c.id}-${c.version}`} c={c} today={osloDate()} onDone={onDone} title={`${t('startedTitle')}: ${c.caseNumber} ${c.person.name}`} level={3} />
      ))}
    </section>
  );
}

/** The provider's cases read so far, with this month's delivery beside each. */
function ProviderCaseTable({ cases, delivered }: { cases: readonly CaseItem[]; delivered: ReadonlyMap<string, Delivered> }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <Table zebra data-testid="provider-cases">
      <caption className="ds-sr-only">{t('providerTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('person')}</Table.HeaderCell>
          <Table.HeaderCell>{t('service')}</Table.HeaderCell>
          <Table.HeaderCell>{t('status')}</Table.HeaderCell>
          <Table.HeaderCell>{t('decidedHoursMonth')}</Table.HeaderCell>
          <Table.HeaderCell>{t('performedHoursMonth')}</Table.HeaderCell>
          <Table.HeaderCell>{t('allowedNow')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {cases.map((c) => (
          <Table.Row key={c.id}>
            <Table.Cell>
              <Link href={`#/cases/${c.id}`}>{c.caseNumber}</Link>
            </Table.Cell>
            <Table.Cell>{c.person.name}</Table.Cell>
            <Table.Cell>{serviceName(c.serviceCode)}</Table.Cell>
            <Table.Cell>{caseStateWords(t, c)}</Table.Cell>
            <Table.Cell>{delivered.get(c.id)?.decidedHours ?? '–'}</Table.Cell>
            <Table.Cell>
              {delivered.get(c.id)?.performedHours ?? '–'}
              {delivered.get(c.id)?.performedPercent != null && ` (${delivered.get(c.id)?.performedPercent} %)`}
            </Table.Cell>
            <Table.Cell>{c.allowedActions.map((a) => t(actionKey(a))).join(', ') || '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

const PROVIDER_WORDS = { loading: 'casesLoadingMore', failed: 'casesMoreFailed' } as const;

/** The list's states: reading the first page, a first page that failed, no cases, or the cases read so far of how many, with "Vis flere". */
function ProviderCaseList({ pages, cases, total, delivered }: { pages: Pages & { isPending: boolean; isError: boolean }; cases: readonly CaseItem[] | undefined; total: number; delivered: ReadonlyMap<string, Delivered> }) {
  const { t } = useI18n();
  return (
    <>
      {pages.isPending && <Spinner aria-label={t('loading')} />}
      {pages.isError && !pages.isFetchNextPageError && <FirstPageError pages={pages} />}
      {cases && cases.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {cases && cases.length > 0 && (
        <>
          <Paragraph data-size="sm" data-testid="provider-cases-shown">
            {t('queueShowing')} {cases.length} / {total}
          </Paragraph>
          <ProviderCaseTable cases={cases} delivered={delivered} />
        </>
      )}
      <MorePages pages={pages} words={PROVIDER_WORDS} />
    </>
  );
}

export function ProviderCases({ me }: { me: Me }) {
  const { t } = useI18n();
  const { pages, cases, total } = useCasePages([me.staffId], PROVIDER_STATUSES, (c) => c.providerUnitId !== null && me.unitIds.includes(c.providerUnitId), 'service_delivery');
  // Delivery marks rows only; without it the list still stands.
  const delivery = useLoad(async () => deliveredThisMonth(me), [me.staffId]);
  const delivered = delivery.data ?? NOTHING_DELIVERED;
  const reloadCases = async () => {
    await pages.refetch();
  };
  const reloadAll = async () => {
    await Promise.all([pages.refetch(), delivery.reload()]);
  };
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('providerTitle')}
      </Heading>
      <Paragraph>{t('providerHelp')}</Paragraph>
      {/* Orders: the provider side's order endpoints (/api/v1/orders) are answered in the Orders view. */}
      <Alert data-color="info">
        <Link href="#/orders">{t('ordersPlace')}</Link>: {t('ordersPlaceHelp')}
      </Alert>
      <ProviderCaseList pages={pages} cases={cases} total={total} delivered={delivered} />
      {cases && <StartsAwaited cases={cases} onDone={reloadCases} />}
      {cases && <RecordVisit cases={cases} onDone={reloadAll} />}
      <ImportVisits me={me} onDone={reloadAll} />
    </div>
  );
}
