/**
 * The leader's view: queue health (open, unowned and overdue items) with a bar chart by kind,
 * decisions by outcome and service, processing times and budget use against the frame.
 */
import { Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { BarChart } from '../BarChart.tsx';
import { osloMonth } from '../dates.ts';
import { Decisions } from './Decisions.tsx';
import { BudgetUse, ProcessingTimes } from './LeaderReports.tsx';

type Health = Reply<'/api/v1/reports/queue-health', 'get'>;

export function Leader() {
  const { t } = useI18n();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/reports/queue-health').then((r) => setHealth(ok(r)));
  }, []);
  if (!health) return <Spinner aria-label={t('loading')} />;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('leaderTitle')}
      </Heading>
      <Paragraph>
        {t('openItems')}: <strong>{health.openItems}</strong> · {t('unowned')}: <strong>{health.unowned.length}</strong> · {t('overdue')}: <strong>{health.overdue.length}</strong>
      </Paragraph>
      <section className="panel" aria-label={t('itemsByKind')}>
        <Heading level={2} data-size="sm">
          {t('itemsByKind')}
        </Heading>
        <BarChart counts={health.byKind} label={(k) => t(`kind_${k}` as Key)} />
      </section>
      <Decisions />
      <ProcessingTimes />
      <BudgetUse month={osloMonth()} />
      <Table zebra>
        <caption>{t('overdue')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
            <Table.HeaderCell>{t('task')}</Table.HeaderCell>
            <Table.HeaderCell>{t('age')}</Table.HeaderCell>
            <Table.HeaderCell>{t('owner')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {health.overdue.slice(0, 50).map((i) => (
            <Table.Row key={`${i.caseId}-${i.kind}`}>
              <Table.Cell>
                <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>
              </Table.Cell>
              <Table.Cell>{t(`kind_${i.kind}` as Key)}</Table.Cell>
              <Table.Cell>{i.ageDays}</Table.Cell>
              <Table.Cell>{i.owner?.name ?? i.ownerUnit?.name ?? '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
