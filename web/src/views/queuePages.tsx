/**
 * The work queue read a page at a time (GET /work-queue/page, oldest first) with the counts of the
 * whole filtered list (GET /work-queue/counts), and the "Vis flere" button: shared by the
 * caseworker's queue and the team leader's list of the team's items.
 */
import { Alert, Button, Field, Label, Select, Spinner } from '@digdir/designsystemet-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import type { QueueFilter } from './savedViews.ts';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export type QueuePage = Reply<'/api/v1/work-queue/page', 'get'>;
export type Counts = Reply<'/api/v1/work-queue/counts', 'get'>;

/** How every keyset-paged list reads its pages: the first without a cursor, each next with the last page's `nextCursor` (none when it is null). */
export const BY_CURSOR = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: { readonly nextCursor: string | null }) => last.nextCursor,
};

/** The queue's pages for the filter and search, read one after another with the cursor of the last. */
export function useQueuePages(filter: QueueFilter, caseNumber: string, limit: number) {
  const query = {
    ...(filter.owner ? { owner: filter.owner } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.overdue ? { overdue: 'true' as const } : {}),
    ...(caseNumber ? { caseNumber } : {}),
  };
  const pages = useInfiniteQuery({
    queryKey: ['work-queue', query, limit],
    queryFn: async ({ pageParam }): Promise<QueuePage> => ok(await api.GET('/api/v1/work-queue/page', { params: { query: { ...query, limit, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    ...BY_CURSOR,
  });
  // The counts of the whole list come beside the first page (counted in SQL): the list itself is read a page at a time.
  const counts = useQuery({ queryKey: ['work-queue-counts', query], queryFn: async () => ok(await api.GET('/api/v1/work-queue/counts', { params: { query } })) });
  return { pages, counts: counts.data ?? null };
}

/** The work queue's pages, as useQueuePages reads them. */
export type QueuePages = ReturnType<typeof useQueuePages>['pages'];

/** What the first-page error and "Vis flere" need of a paged list's query (the work queue's, the delivery report's). */
export interface Pages {
  readonly error: unknown;
  readonly isFetchNextPageError: boolean;
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  refetch(): Promise<unknown>;
}

/** The words of "Vis flere" for a list: while the next page is read, and when it could not be. */
export interface MoreWords {
  readonly loading: Key;
  readonly failed: Key;
}

const QUEUE_WORDS: MoreWords = { loading: 'queueLoadingMore', failed: 'queueMoreFailed' };

/** The first page could not be read: the reason and "Prøv igjen". */
export function FirstPageError({ pages }: { pages: Pages }) {
  const { t } = useI18n();
  return (
    <Alert data-color="danger" role="alert">
      {t('error')}: {messageOf(pages.error)}{' '}
      <Button variant="secondary" data-size="sm" onClick={() => void pages.refetch()}>
        {t('tryAgain')}
      </Button>
    </Alert>
  );
}

/** "Vis flere" while the list has more, with its own loading and error state; a word when all is shown. */
export function MorePages({ pages, words = QUEUE_WORDS }: { pages: Pages; words?: MoreWords }) {
  const { t } = useI18n();
  if (pages.isFetchNextPageError) {
    return (
      <Alert data-color="danger" role="alert" data-testid="queue-more-error">
        {t(words.failed)}: {messageOf(pages.error)}{' '}
        <Button variant="secondary" data-size="sm" onClick={() => void pages.fetchNextPage()}>
          {t('tryAgain')}
        </Button>
      </Alert>
    );
  }
  if (!pages.hasNextPage) return null;
  return (
    <div className="row">
      <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage} aria-busy={pages.isFetchingNextPage} data-testid="queue-load-more">
        {pages.isFetchingNextPage ? t(words.loading) : t('queueLoadMore')}
      </Button>
      {pages.isFetchingNextPage && <Spinner aria-label={t(words.loading)} data-size="sm" />}
    </div>
  );
}

/** Rows per page the user may choose ("Vis flere" loads the next page of as many). */
export const PAGE_SIZES = [10, 50, 200] as const;

/** The choice of rows per page, under the list's own label. */
export function PageSizeSelect({ label, limit, onChange, testId }: { label: Key; limit: number; onChange: (limit: number) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Field>
      <Label>{t(label)}</Label>
      <Select value={String(limit)} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {PAGE_SIZES.map((n) => (
          <Select.Option key={n} value={String(n)}>
            {n}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
