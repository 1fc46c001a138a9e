/**
 * The leader's delivery report: per decision and provider, the hours performed in the month against
 * the hours decided, with visits and cancelled visits (GET /reports/delivery/page, read a page at a
 * time by case number with "Vis flere"). The rows are the cases the leader has a need for under the
 * purpose stated in the header; a month and a provider narrow the list.
 */
import { Field, Heading, Label, Link, Paragraph, Select, Spinner, Table } from '@digdir/designsystemet-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { osloMonth } from '../dates.ts';
import { useI18n } from '../i18n.tsx';
import { currentPurpose } from '../purpose.tsx';
import { useServiceName } from '../services.ts';
import { useLoad } from '../useLoad.tsx';
import type { Reply } from '../session.ts';
import { BY_CURSOR, FirstPageError, MorePages, PageSizeSelect } from './queuePages.tsx';

type DeliveryPage = Reply<'/api/v1/reports/delivery/page', 'get'>;
type Unit = Reply<'/api/v1/organisation', 'get'>['units'][number];

const DELIVERING: readonly string[] = ['municipal_provider', 'private_provider', 'interdisciplinary_team'];
const DELIVERY_WORDS = { loading: 'deliveryLoadingMore', failed: 'deliveryMoreFailed' } as const;

/** The month before the one given (YYYY-MM). */
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const hours = (n: number) => n.toLocaleString('nb-NO', { maximumFractionDigits: 1 });

/** The rows read so far, with a link to each case. */
function DeliveryRows({ rows, providerName }: { rows: readonly DeliveryPage['items'][number][]; providerName: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  return (
    <Table zebra data-testid="delivery-rows">
      <caption className="ds-sr-only">{t('deliveryTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('service')}</Table.HeaderCell>
          <Table.HeaderCell>{t('providerColumn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('decidedHoursMonth')}</Table.HeaderCell>
          <Table.HeaderCell>{t('performedHoursMonth')}</Table.HeaderCell>
          <Table.HeaderCell>{t('performedPercent')}</Table.HeaderCell>
          <Table.HeaderCell>{t('visitsCount')}</Table.HeaderCell>
          <Table.HeaderCell>{t('cancelledVisits')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r) => (
          <Table.Row key={`${r.caseId}-${r.providerUnitId}`}>
            <Table.Cell>
              <Link href={`#/cases/${r.caseId}`}>{r.caseNumber}</Link>
            </Table.Cell>
            <Table.Cell>{serviceName(r.serviceCode)}</Table.Cell>
            <Table.Cell>{providerName.get(r.providerUnitId) ?? '–'}</Table.Cell>
            <Table.Cell>{hours(r.decidedHours)}</Table.Cell>
            <Table.Cell>{hours(r.performedHours)}</Table.Cell>
            <Table.Cell>{r.performedPercent === null ? '–' : hours(r.performedPercent)}</Table.Cell>
            <Table.Cell>{r.visits}</Table.Cell>
            <Table.Cell>{r.cancelled}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function DeliveryReport() {
  const { t } = useI18n();
  const months = [osloMonth(), monthBefore(osloMonth())];
  const [month, setMonth] = useState(months[0] as string);
  const [providerUnitId, setProvider] = useState('');
  const [limit, setLimit] = useState<number>(50);
  // The provider list comes from the organisation; without it the report still stands, for all providers.
  const org = useLoad(async () => ok(await api.GET('/api/v1/organisation')), []);
  const providers: readonly Unit[] = (org.data?.units ?? []).filter((u) => DELIVERING.includes(u.kind) && u.mergedInto === null);
  const providerName = new Map(providers.map((u) => [u.id, u.name]));
  const query = { month, ...(providerUnitId ? { providerUnitId } : {}) };
  const pages = useInfiniteQuery({
    queryKey: ['delivery-page', query, limit, currentPurpose()],
    queryFn: async ({ pageParam }): Promise<DeliveryPage> =>
      ok(await api.GET('/api/v1/reports/delivery/page', { params: { query: { ...query, limit, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    ...BY_CURSOR,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel stack" aria-labelledby="delivery-title" data-testid="delivery-report">
      <Heading level={2} data-size="sm" id="delivery-title">
        {t('deliveryTitle')}
      </Heading>
      <Paragraph>{t('deliveryHelp')}</Paragraph>
      <div className="row">
        <Field>
          <Label>{t('deliveryMonth')}</Label>
          <Select value={month} onChange={(e) => setMonth(e.target.value)} data-testid="delivery-month">
            {months.map((m, i) => (
              <Select.Option key={m} value={m}>
                {t(i === 0 ? 'thisMonth' : 'lastMonth')} ({m})
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('providerColumn')}</Label>
          <Select value={providerUnitId} onChange={(e) => setProvider(e.target.value)} data-testid="delivery-provider">
            <Select.Option value="">{t('deliveryAllProviders')}</Select.Option>
            {providers.map((u) => (
              <Select.Option key={u.id} value={u.id}>
                {u.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <PageSizeSelect label="rowsPerPage" limit={limit} onChange={setLimit} testId="delivery-page-size" />
      </div>
      {pages.isPending && <Spinner aria-label={t('loading')} />}
      {pages.isError && !pages.isFetchNextPageError && <FirstPageError pages={pages} />}
      {pages.isSuccess && rows.length === 0 && <Paragraph>{t('deliveryNone')}</Paragraph>}
      {rows.length > 0 && (
        <DeliveryRows rows={rows} providerName={providerName} />
      )}
      <MorePages pages={pages} words={DELIVERY_WORDS} />
    </section>
  );
}
