/**
 * The leader's processing times (days from request to first decision, against the month of
 * fvl § 11 a) and this month's decided value against the budget frame per purchasing unit, with a
 * warning for any part of the providers' settlement that cannot be computed (never paid as zero).
 */
import { Alert, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { BarChart } from '../BarChart.tsx';
import { useI18n } from '../i18n.tsx';
import { useServiceName } from '../services.ts';
import type { Reply } from '../session.ts';

type Processing = Reply<'/api/v1/reports/processing-times', 'get'>;
type Settlement = Reply<'/api/v1/reports/settlement', 'get'>;

const kroner = (n: number | null) => (n === null ? '–' : Math.round(n).toLocaleString('nb-NO'));

export function ProcessingTimes() {
  const { t } = useI18n();
  const [report, setReport] = useState<Processing | null>(null);
  const name = useServiceName();
  useEffect(() => {
    void api.GET('/api/v1/reports/processing-times', { params: { query: { days: 365 } } }).then((r) => setReport(ok(r)));
  }, []);
  if (!report) return <Spinner aria-label={t('loading')} />;
  const rows: [string, Processing['overall']][] = [[t('allServices'), report.overall], ...Object.entries(report.byService).map(([code, p]) => [name(code), p] as [string, Processing['overall']])];
  const medians = Object.fromEntries(Object.entries(report.byService).filter(([, p]) => p.medianDays !== null).map(([code, p]) => [name(code), p.medianDays ?? 0]));
  return (
    <section className="panel stack" aria-labelledby="processing-title" data-testid="processing-times">
      <Heading level={2} data-size="sm" id="processing-title">
        {t('processingTitle')}
      </Heading>
      <Paragraph>
        {t('processingHelp')} ({report.citation}).
      </Paragraph>
      <figure>
        <figcaption>{t('medianByService')}</figcaption>
        <BarChart counts={medians} label={(k) => k} />
      </figure>
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
    </section>
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
  const [report, setReport] = useState<Settlement | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/reports/settlement', { params: { query: { month } } }).then((r) => setReport(ok(r)));
  }, [month]);
  if (!report) return <Spinner aria-label={t('loading')} />;
  const framed = report.purchasers.filter((p) => p.frame !== null);
  const used = Object.fromEntries(framed.map((p) => [p.unitName, p.frame ? Math.round((p.granted / p.frame) * 100) : 0]));
  return (
    <section className="panel stack" aria-labelledby="budget-title" data-testid="budget">
      <Heading level={2} data-size="sm" id="budget-title">
        {t('budgetTitle')} ({month})
      </Heading>
      <Paragraph>{t('budgetHelp')}</Paragraph>
      <UnresolvedSettlement settlements={report.settlements} />
      {framed.length === 0 && <Paragraph>{t('noFrames')}</Paragraph>}
      {framed.length > 0 && (
        <>
          <figure>
            <figcaption>{t('usedPercent')}</figcaption>
            <BarChart counts={used} label={(k) => k} />
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
    </section>
  );
}
