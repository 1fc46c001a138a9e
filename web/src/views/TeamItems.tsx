/**
 * The team's open work items, from the one list the work queue ("Mine enheter") and the leader's
 * queue health count from (GET /work-queue?owner=my_units): kind, case, who answers, due date and
 * whether it is overdue, with the overdue count.
 */
import { Alert, Heading, Link, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { holderWords, kindKey } from '../labels.ts';
import type { Reply } from '../session.ts';

type Item = Reply<'/api/v1/work-queue', 'get'>[number];

function ItemsTable({ items }: { items: readonly Item[] }) {
  const { t } = useI18n();
  return (
    <Table zebra data-testid="team-items">
      <caption className="ds-sr-only">{t('teamItemsTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('task')}</Table.HeaderCell>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('person')}</Table.HeaderCell>
          <Table.HeaderCell>{t('holder')}</Table.HeaderCell>
          <Table.HeaderCell>{t('dueOn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('owner')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.slice(0, 200).map((i) => (
          <Table.Row key={`${i.caseId}-${i.key}`} data-testid={`team-item-${i.caseNumber}-${i.kind}`}>
            <Table.Cell>{t(kindKey(i.kind))}</Table.Cell>
            <Table.Cell>
              <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>
            </Table.Cell>
            <Table.Cell>{i.personName}</Table.Cell>
            <Table.Cell>{holderWords(t, i.holder, i.providerUnit?.name ?? null)}</Table.Cell>
            <Table.Cell>
              {i.dueOn ?? '–'} {i.overdue && <Tag data-color="danger">{t('overdue')}</Tag>}
            </Table.Cell>
            <Table.Cell>{i.owner?.name ?? i.ownerUnit?.name ?? '–'}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function TeamItems() {
  const { t } = useI18n();
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api
      .GET('/api/v1/work-queue', { params: { query: { owner: 'my_units' } } })
      .then((r) => current && setItems(ok(r)))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, []);
  return (
    <section className="panel stack" aria-labelledby="team-items-title">
      <Heading level={2} data-size="sm" id="team-items-title">
        {t('teamItemsTitle')}
      </Heading>
      <Paragraph>{t('teamItemsHelp')}</Paragraph>
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
      {!items && !error && <Spinner aria-label={t('loading')} />}
      {items && items.length === 0 && <Paragraph>{t('noTeamItems')}</Paragraph>}
      {items && items.length > 0 && (
        <>
          <Paragraph>
            {t('openCount')}: <strong data-testid="team-open-count">{items.length}</strong> · {t('overdue')}: <strong data-testid="team-overdue-count">{items.filter((i) => i.overdue).length}</strong>
          </Paragraph>
          <ItemsTable items={items} />
        </>
      )}
    </section>
  );
}
