/**
 * The leader's view: queue health (open, unowned and overdue items, all from the one list the queue
 * counts from) with a bar chart by kind and the overdue by kind, the users whose decision has run
 * out or is past its re-evaluation ("mangler oppdatert vedtak"), decisions by outcome and service,
 * processing times, how the requests were answered, change reports by provider and budget use
 * against the frame, and steering information (issue 20): outcome figures by period and breakdown, and
 * the team steering card. The lists name persons only for the purpose the leader reads for (purpose.tsx):
 * the counts are the municipality's and hold for any purpose.
 */
import { Alert, Heading, Link, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { kindKey, WORK_ITEM_KINDS } from '../labels.ts';
import type { Reply } from '../session.ts';
import { BarChart } from '../BarChart.tsx';
import { osloMonth } from '../dates.ts';
import { currentPurpose, PurposeNotice } from '../purpose.tsx';
import { Decisions } from './Decisions.tsx';
import { BudgetUse, ChangeReportsByProvider, ProcessingTimes, RequestOutcomes } from './LeaderReports.tsx';
import { DeliveryReport } from './DeliveryReport.tsx';
import { PaymentExports } from './PaymentExports.tsx';
import { SteeringCard } from '../steering/SteeringCard.tsx';
import { WorkforcePanel } from '../steering/WorkforcePanel.tsx';
import { SteeringOutcomes } from '../steering/SteeringOutcomes.tsx';
import { KostraPanel } from '../steering/KostraPanel.tsx';
import { EqualTreatment } from '../steering/EqualTreatment.tsx';

type Health = Reply<'/api/v1/reports/queue-health', 'get'>;
type Item = Health['overdue'][number];
/** The overdue items that mean a user lacks an up-to-date decision (as the server lists outdatedDecisions). */
const OUTDATED_KINDS: readonly string[] = ['reevaluation_due', 'decision_expiry'];

function OverdueByKind({ health }: { health: Health }) {
  const { t } = useI18n();
  const kinds = WORK_ITEM_KINDS.filter((k) => (health.byKind[k] ?? 0) > 0 || (health.overdueByKind[k] ?? 0) > 0);
  return (
    <section className="panel stack" aria-label={t('overdueByKind')} data-testid="overdue-by-kind">
      <Heading level={2} data-size="sm">
        {t('overdueByKind')}
      </Heading>
      {kinds.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {kinds.length > 0 && (
        <Table zebra>
          <caption className="ds-sr-only">{t('overdueByKind')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('task')}</Table.HeaderCell>
              <Table.HeaderCell>{t('openCount')}</Table.HeaderCell>
              <Table.HeaderCell>{t('overdueCount')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {kinds.map((k) => (
              <Table.Row key={k}>
                <Table.Cell>{t(kindKey(k))}</Table.Cell>
                <Table.Cell>{health.byKind[k] ?? 0}</Table.Cell>
                <Table.Cell>{(health.overdueByKind[k] ?? 0) > 0 ? <Tag data-color="danger">{health.overdueByKind[k]}</Tag> : 0}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

/** Items as a table: case, person, task, (age,) due date and who holds it. */
function ItemTable({ items, caption, limit, withAge, testId }: { items: readonly Item[]; caption: string; limit: number; withAge: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table zebra {...(testId ? { 'data-testid': testId } : {})}>
      <caption className={withAge ? undefined : 'ds-sr-only'}>{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('person')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task')}</Table.HeaderCell>
          {withAge && <Table.HeaderCell>{t('age')}</Table.HeaderCell>}
          <Table.HeaderCell>{t('dueOn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('owner')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.slice(0, limit).map((i) => (
          <Table.Row key={`${i.caseId}-${i.key}`}>
            <Table.Cell>
              <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>
            </Table.Cell>
            <Table.Cell>{i.personName}</Table.Cell>
            <Table.Cell>{t(kindKey(i.kind))}</Table.Cell>
            {withAge && <Table.Cell>{i.ageDays}</Table.Cell>}
            <Table.Cell>{i.dueOn ?? '–'}</Table.Cell>
            <Table.Cell>{i.owner?.name ?? i.ownerUnit?.name ?? i.providerUnit?.name ?? '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** Users whose decision has run out or is past its re-evaluation date. */
function OutdatedDecisions({ items }: { items: readonly Item[] }) {
  const { t } = useI18n();
  return (
    <section className="panel stack" aria-label={t('outdatedDecisionsTitle')} data-testid="outdated-decisions">
      <Heading level={2} data-size="sm">
        {t('outdatedDecisionsTitle')}
      </Heading>
      <Paragraph>{t('outdatedDecisionsHelp')}</Paragraph>
      {currentPurpose() === 'administration' && <Paragraph>{t('purposeCountsOnly')}</Paragraph>}
      {currentPurpose() !== 'administration' && items.length === 0 && <Paragraph>{t('noOutdatedDecisions')}</Paragraph>}
      {items.length > 0 && <ItemTable items={items} caption={t('outdatedDecisionsTitle')} limit={100} withAge={false} />}
    </section>
  );
}

function OverdueItems({ items }: { items: readonly Item[] }) {
  const { t } = useI18n();
  if (items.length === 0) return currentPurpose() === 'administration' ? null : <Paragraph>{t('noOverdue')}</Paragraph>;
  return <ItemTable items={items} caption={t('overdue')} limit={50} withAge testId="overdue-items" />;
}

const sum = (counts: Record<string, number>, kinds?: readonly string[]) => Object.entries(counts).reduce((n, [k, c]) => n + (!kinds || kinds.includes(k) ? c : 0), 0);

/**
 * The counts, from the municipality's figures that show no one (so they hold for any purpose); the
 * unowned are counted from the list, shown only when the purpose lets the leader see persons.
 */
function HealthCounts({ health }: { health: Health }) {
  const { t } = useI18n();
  const countsOnly = currentPurpose() === 'administration';
  return (
    <Paragraph>
      {t('openItems')}: <strong>{health.openItems}</strong> ·{' '}
      {!countsOnly && (
        <>
          {t('unowned')}: <strong>{health.unowned.length}</strong> ·{' '}
        </>
      )}
      {t('overdue')}: <strong data-testid="overdue-count">{sum(health.overdueByKind)}</strong> · {t('outdatedDecisionsTitle')}:{' '}
      <strong>{sum(health.overdueByKind, OUTDATED_KINDS)}</strong>
    </Paragraph>
  );
}

export function Leader() {
  const { t } = useI18n();
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kindWords = (k: string) => {
    const kind = WORK_ITEM_KINDS.find((x) => x === k);
    return kind ? t(kindKey(kind)) : k;
  };
  useEffect(() => {
    api
      .GET('/api/v1/reports/queue-health')
      .then((r) => setHealth(ok(r)))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('leaderTitle')}
      </Heading>
      <PurposeNotice />
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
      {!health && !error && <Spinner aria-label={t('loading')} />}
      {health && (
        <>
          <HealthCounts health={health} />
          <section className="panel" aria-label={t('itemsByKind')}>
            <Heading level={2} data-size="sm">
              {t('itemsByKind')}
            </Heading>
            <BarChart counts={health.byKind} label={(k) => kindWords(k)} />
          </section>
          <OverdueByKind health={health} />
          <OutdatedDecisions items={health.outdatedDecisions} />
        </>
      )}
      <SteeringOutcomes />
      <SteeringCard />
      <WorkforcePanel />
      <KostraPanel />
      <EqualTreatment />
      <Decisions />
      <ProcessingTimes />
      <RequestOutcomes />
      <ChangeReportsByProvider />
      <BudgetUse month={osloMonth()} />
      <DeliveryReport />
      <PaymentExports />
      {health && <OverdueItems items={health.overdue} />}
    </div>
  );
}
