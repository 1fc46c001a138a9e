/**
 * The team's deadlines and goals due: the raised reminders of the team's units, read a page at a time
 * (GET /reminders/page, earliest due first) with "Vis flere". The team view used to read every reminder
 * and show the first 50 without a word of the rest.
 */
import { Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { BY_CURSOR, FirstPageError, MorePages, PageSizeSelect } from './queuePages.tsx';

type ReminderPage = Reply<'/api/v1/reminders/page', 'get'>;

const DUE_WORDS = { loading: 'dueLoadingMore', failed: 'dueMoreFailed' } as const;
const DEADLINE_KINDS = ['provisional_reply', 'reevaluation', 'goal_follow_up', 'order_response', 'service_end', 'discharge_answer'];

export function TeamDue() {
  const { t } = useI18n();
  // A kind this client does not know yet is named generally, never by its code.
  const deadlineWords = (kind: string) => t(DEADLINE_KINDS.includes(kind) ? (`deadline_${kind}` as Key) : 'goalsDue');
  const [limit, setLimit] = useState(50);
  const pages = useInfiniteQuery({
    queryKey: ['team-reminders', limit],
    queryFn: async ({ pageParam }): Promise<ReminderPage> =>
      ok(await api.GET('/api/v1/reminders/page', { params: { query: { owner: 'my_units', limit, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    ...BY_CURSOR,
  });
  const due = pages.data?.pages.flatMap((p) => p.items);
  return (
    <section className="panel stack" aria-labelledby="due-title" data-testid="team-due">
      <Heading level={2} data-size="sm" id="due-title">
        {t('goalsDue')}
      </Heading>
      <div className="row">
        <PageSizeSelect label="rowsPerPage" limit={limit} onChange={setLimit} testId="due-page-size" />
      </div>
      {pages.isPending && <Spinner aria-label={t('loading')} />}
      {pages.isError && !pages.isFetchNextPageError && <FirstPageError pages={pages} />}
      {due?.length === 0 && <Paragraph>{t('noneDue')}</Paragraph>}
      {due && due.length > 0 && (
        <ul className="plain-list">
          {due.map((r) => (
            <li key={`${r.caseId}-${r.kind}`}>
              {t('dueOn')} {r.dueOn}: <Link href={`#/cases/${r.caseId}`}>{r.caseNumber}</Link> {r.personName} ({deadlineWords(r.kind)})
            </li>
          ))}
        </ul>
      )}
      <MorePages pages={pages} words={DUE_WORDS} />
    </section>
  );
}
