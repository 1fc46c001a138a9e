/**
 * The team's open work items, from the one list the work queue ("Mine enheter") and the leader's
 * queue health count from (GET /work-queue/page?owner=my_units, a page at a time, with the counts of
 * the whole list from GET /work-queue/counts): kind, case, who answers, due date and whether it is
 * overdue, with the open and overdue counts.
 */
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useI18n } from '../i18n.tsx';
import { FirstPageError, MorePages, useQueuePages, type Counts, type QueuePages } from './queuePages.tsx';
import type { QueueFilter } from './savedViews.ts';
import { WorkItemTable } from './WorkItemTable.tsx';

const TEAM_COLUMNS = ['task', 'case', 'person', 'holder', 'due', 'owner'] as const;
const TEAM_FILTER: QueueFilter = { owner: 'my_units', kind: '', overdue: false };
const PAGE_SIZE = 50;

export function TeamItems() {
  const { t } = useI18n();
  const { pages, counts } = useQueuePages(TEAM_FILTER, '', PAGE_SIZE);
  return (
    <section className="panel stack" aria-labelledby="team-items-title">
      <Heading level={2} data-size="sm" id="team-items-title">
        {t('teamItemsTitle')}
      </Heading>
      <Paragraph>{t('teamItemsHelp')}</Paragraph>
      <TeamItemsBody pages={pages} counts={counts} />
    </section>
  );
}

/** The first page's loading and error states, the items (or that there are none), and "Vis flere". */
function TeamItemsBody({ pages, counts }: { pages: QueuePages; counts: Counts | null }) {
  const { t } = useI18n();
  const items = pages.data?.pages.flatMap((p) => p.items) ?? null;
  if (pages.isError && !pages.isFetchNextPageError) return <FirstPageError pages={pages} />;
  if (!items) return <Spinner aria-label={t('loading')} />;
  if (items.length === 0) return <Paragraph role="status">{t('noTeamItems')}</Paragraph>;
  return (
    <>
      <Paragraph>
        {t('openCount')}: <strong data-testid="team-open-count">{counts?.open ?? items.length}</strong> · {t('overdue')}:{' '}
        <strong data-testid="team-overdue-count">{counts?.overdue ?? items.filter((i) => i.overdue).length}</strong>
      </Paragraph>
      <WorkItemTable items={items} columns={TEAM_COLUMNS} caption={t('teamItemsTitle')} testId="team-items" rowTestId={(i) => `team-item-${i.caseNumber}-${i.kind}`} />
      <MorePages pages={pages} />
    </>
  );
}
