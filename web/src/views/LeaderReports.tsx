/**
 * The leader's processing times (days from request to first decision, against the month of
 * fvl § 11 a), this month's decided value against the budget frame per purchasing unit, with a
 * warning for any part of the providers' settlement that cannot be computed (never paid as zero),
 * how the requests were answered per service, and the providers' change reports asking for more
 * against those asking for less.
 */
import { Alert, Field, Heading, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ok } from '../api/client.ts';
import { BarChart } from '../BarChart.tsx';
import { useI18n } from '../i18n.tsx';
import { purposeHeader } from '../purpose.tsx';
import { useServiceName } from '../services.ts';
import { LoadState, useLoad } from '../useLoad.tsx';
import type { Reply } from '../session.ts';

type Processing = Reply<'/api/v1/reports/processing-times', 'get'>;
type Settlement = Reply<'/api/v1/reports/settlement', 'get'>;
type Outcomes = Reply<'/api/v1/reports/request-outcomes', 'get'>;
type Outcome = Outcomes['overall'];
type ProviderBalance = Reply<'/api/v1/reports/change-reports/by-provider', 'get'>[number];

const kroner = (n: number | null) => (n === null ? '–' : Math.round(n).toLocaleString('nb-NO'));

export function ProcessingTimes() {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/processing-times', { params: { query: { days: 365 } } })), []);
  const report = loaded.data;
  return (
    <section className="panel stack" aria-labelledby="processing-title" data-testid="processing-times">
      <Heading level={2} data-size="sm" id="processing-title">
        {t('processingTitle')}
      </Heading>
      <LoadState loaded={loaded} />
      {report && <ProcessingFigures report={report} />}
    </section>
  );
}

/** About one month (fvl § 11 a): the line the medians are read against (a calendar month is 28–31 days). */
const MONTH_DAYS = 30;

function ProcessingFigures({ report }: { report: Processing }) {
  const { t } = useI18n();
  const name = useServiceName();
  const rows: [string, Processing['overall']][] = [[t('allServices'), report.overall], ...Object.entries(report.byService).map(([code, p]) => [name(code), p] as [string, Processing['overall']])];
  const medians = Object.fromEntries(Object.entries(report.byService).filter(([, p]) => p.medianDays !== null).map(([code, p]) => [name(code), p.medianDays ?? 0]));
  return (
    <>
      <Paragraph>
        {t('processingHelp')} ({report.citation}).
      </Paragraph>
      {report.overall.decided === 0 && report.overall.open === 0 && <Paragraph>{t('noRequestsInPeriod')}</Paragraph>}
      {Object.keys(medians).length > 0 && (
        <figure>
          <figcaption>{t('medianByService')}</figcaption>
          <BarChart counts={medians} label={(k) => k} reference={{ value: MONTH_DAYS, label: t('chartMonthDeadline') }} />
        </figure>
      )}
      <Table zebra>
        <caption className="ds-sr-only">{t('processingTitle')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('service')}</Table.HeaderCell>
            <Table.HeaderCell>{t('decidedCount')}</Table.HeaderCell>
            <Table.HeaderCell>{t('medianDays')}</Table.HeaderCell>
            <Table.HeaderCell>{t('p90Days')}</Table.HeaderCell>
            <Table.HeaderCell>{t('withinMonth')}</Table.HeaderCell>
            <Table.HeaderCell>{t('openCount')}</Table.HeaderCell>
            <Table.HeaderCell>{t('openPastMonth')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map(([label, p]) => (
            <Table.Row key={label}>
              <Table.Cell>{label}</Table.Cell>
              <Table.Cell>{p.decided}</Table.Cell>
              <Table.Cell>{p.medianDays ?? '–'}</Table.Cell>
              <Table.Cell>{p.p90Days ?? '–'}</Table.Cell>
              <Table.Cell>{p.decidedWithinMonth}</Table.Cell>
              <Table.Cell>{p.open}</Table.Cell>
              <Table.Cell>{p.openPastMonth}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  );
}

/** The parts of the month's settlement that cannot be computed: what, how much, and the cases it waits for. */
function UnresolvedSettlement({ settlements }: { settlements: Settlement['settlements'] }) {
  const { t } = useI18n();
  const name = useServiceName();
  const unresolved = settlements.flatMap((s) => s.unresolved.map((u) => ({ ...u, key: `${s.agreementId}-${u.element}`, providerName: s.providerName, serviceCode: s.serviceCode })));
  if (!unresolved.length) return null;
  const element = (e: string) => (e === 'adl_share' ? t('unresolvedAdlShare') : e);
  return (
    <Alert data-color="warning" data-testid="settlement-unresolved">
      <Heading level={3} data-size="xs">
        {t('unresolvedTitle')}
      </Heading>
      <Paragraph>{t('unresolvedHelp')}</Paragraph>
      <ul>
        {unresolved.map((u) => (
          <li key={u.key}>
            {u.providerName}, {name(u.serviceCode)}: {element(u.element)}, {kroner(u.amount)} {t('kronerShort')} {t('unresolvedNotPaid')}. {t('unresolvedCases')}: {u.caseNumbers.join(', ')}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function BudgetUse({ month }: { month: string }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/settlement', { params: { query: { month } } })), [month]);
  const report = loaded.data;
  return (
    <section className="panel stack" aria-labelledby="budget-title" data-testid="budget">
      <Heading level={2} data-size="sm" id="budget-title">
        {t('budgetTitle')} ({month})
      </Heading>
      <Paragraph>{t('budgetHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {report && <BudgetFigures report={report} />}
    </section>
  );
}

function BudgetFigures({ report }: { report: Settlement }) {
  const { t } = useI18n();
  const framed = report.purchasers.filter((p) => p.frame !== null);
  const used = Object.fromEntries(framed.map((p) => [p.unitName, p.frame ? Math.round((p.granted / p.frame) * 100) : 0]));
  return (
    <>
      <UnresolvedSettlement settlements={report.settlements} />
      {framed.length === 0 && <Paragraph>{t('noFrames')}</Paragraph>}
      {framed.length > 0 && (
        <>
          <figure>
            <figcaption>{t('usedPercent')}</figcaption>
            <BarChart counts={used} label={(k) => k} reference={{ value: 100, label: t('chartBudgetFrame') }} />
          </figure>
          <Table zebra>
            <caption className="ds-sr-only">{t('budgetTitle')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('unitName')}</Table.HeaderCell>
                <Table.HeaderCell>{t('budgetFrame')}</Table.HeaderCell>
                <Table.HeaderCell>{t('grantedValue')}</Table.HeaderCell>
                <Table.HeaderCell>{t('deviation')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {report.purchasers.map((p) => (
                <Table.Row key={p.unitId}>
                  <Table.Cell>{p.unitName}</Table.Cell>
                  <Table.Cell>{kroner(p.frame)}</Table.Cell>
                  <Table.Cell>{kroner(p.granted)}</Table.Cell>
                  <Table.Cell>{kroner(p.activityDeviation?.amount ?? null)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </>
  );
}

const PERIODS = [90, 365] as const;
const share = (n: number, pct: number | null) => (pct === null ? String(n) : `${n} (${pct.toLocaleString('nb-NO')} %)`);

function OutcomeRow({ label, o }: { label: string; o: Outcome }) {
  return (
    <Table.Row>
      <Table.Cell>{label}</Table.Cell>
      <Table.Cell>{o.requests}</Table.Cell>
      <Table.Cell>{share(o.granted, o.shares.granted)}</Table.Cell>
      <Table.Cell>{share(o.partlyGranted, o.shares.partlyGranted)}</Table.Cell>
      <Table.Cell>{share(o.refused, o.shares.refused)}</Table.Cell>
      <Table.Cell>{o.refusedOrPartlyWithReferral}</Table.Cell>
      <Table.Cell>{share(o.lowThreshold, o.shares.lowThreshold)}</Table.Cell>
      <Table.Cell>{share(o.withdrawn, o.shares.withdrawn)}</Table.Cell>
      <Table.Cell>{o.open}</Table.Cell>
    </Table.Row>
  );
}

function OutcomeTable({ report }: { report: Outcomes }) {
  const { t } = useI18n();
  const name = useServiceName();
  const services = Object.entries(report.byService).map(([code, o]) => [name(code), o] as const);
  return (
    <Table zebra>
      <caption className="ds-sr-only">{t('outcomesTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('service')}</Table.HeaderCell>
          <Table.HeaderCell>{t('requestsCount')}</Table.HeaderCell>
          <Table.HeaderCell>{t('granted')}</Table.HeaderCell>
          <Table.HeaderCell>{t('partly_granted')}</Table.HeaderCell>
          <Table.HeaderCell>{t('refused')}</Table.HeaderCell>
          <Table.HeaderCell>{t('outcomeWithReferral')}</Table.HeaderCell>
          <Table.HeaderCell>{t('outcomeLowThreshold')}</Table.HeaderCell>
          <Table.HeaderCell>{t('outcomeWithdrawn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('openCount')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {services.map(([label, o]) => (
          <OutcomeRow key={label} label={label} o={o} />
        ))}
        <OutcomeRow label={t('allServices')} o={report.overall} />
      </Table.Body>
    </Table>
  );
}

/** How the requests received in the last N days were answered, per service and overall, with the shares of the answered. */
export function RequestOutcomes() {
  const { t } = useI18n();
  const [days, setDays] = useState<number>(365);
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/request-outcomes', { params: { query: { days } } })), [days]);
  const report = loaded.data;
  return (
    <section className="panel stack" aria-labelledby="outcomes-title" data-testid="request-outcomes">
      <Heading level={2} data-size="sm" id="outcomes-title">
        {t('outcomesTitle')}
      </Heading>
      <Paragraph>{t('outcomesHelp')}</Paragraph>
      <Paragraph data-size="sm">{t('outcomesColumnsHelp')}</Paragraph>
      <Field>
        <Label>{t('reportPeriod')}</Label>
        <Select value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((d) => (
            <Select.Option key={d} value={String(d)}>
              {t(d === 90 ? 'lastDays90' : 'lastDays365')}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <LoadState loaded={loaded} />
      {report && report.overall.requests === 0 && <Paragraph>{t('noRequestsInPeriod')}</Paragraph>}
      {report && report.overall.requests > 0 && <OutcomeTable report={report} />}
    </section>
  );
}

/** Per provider, the change reports asking for more service against those asking for less. */
export function ChangeReportsByProvider() {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/reports/change-reports/by-provider', { params: { header: purposeHeader() } })), []);
  const report = loaded.data;
  const rows: readonly ProviderBalance[] = report ?? [];
  return (
    <section className="panel stack" aria-labelledby="change-by-provider-title" data-testid="change-reports-by-provider">
      <Heading level={2} data-size="sm" id="change-by-provider-title">
        {t('changeByProviderTitle')}
      </Heading>
      <Paragraph>{t('changeByProviderHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {report && rows.length === 0 && <Paragraph>{t('noChangeReports')}</Paragraph>}
      {rows.length > 0 && (
        <Table zebra>
          <caption className="ds-sr-only">{t('changeByProviderTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('providerColumn')}</Table.HeaderCell>
              <Table.HeaderCell>{t('increasesCount')}</Table.HeaderCell>
              <Table.HeaderCell>{t('decreasesCount')}</Table.HeaderCell>
              <Table.HeaderCell>{t('increaseRatio')}</Table.HeaderCell>
              <Table.HeaderCell>{t('raisingOwnRevenue')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((b) => (
              <Table.Row key={b.providerUnitId}>
                <Table.Cell>{b.providerName}</Table.Cell>
                <Table.Cell>{b.increases}</Table.Cell>
                <Table.Cell>{b.decreases}</Table.Cell>
                <Table.Cell>{b.ratio === null ? '–' : b.ratio.toLocaleString('nb-NO')}</Table.Cell>
                <Table.Cell>{b.raisingOwnRevenue}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
