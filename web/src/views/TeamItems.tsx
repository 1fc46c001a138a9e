/**
 * The team's open work items, from the one list the work queue ("Mine enheter") and the leader's
 * queue health count from (GET /work-queue?owner=my_units): kind, case, who answers, due date and
 * whether it is overdue, with the overdue count.
 */
import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { WorkItemTable, type WorkItem as Item } from './WorkItemTable.tsx';

const TEAM_COLUMNS = ['task', 'case', 'person', 'holder', 'due', 'owner'] as const;

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
          <WorkItemTable items={items} columns={TEAM_COLUMNS} caption={t('teamItemsTitle')} testId="team-items" rowTestId={(i) => `team-item-${i.caseNumber}-${i.kind}`} />
        </>
      )}
    </section>
  );
}
