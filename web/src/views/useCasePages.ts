/**
 * The hook behind the case lists read a page of each status at a time (casePages.ts): GET /cases for
 * each status still being read, the cases kept by the view's rule, and the pages' offsets as the
 * infinite query's page parameter. The provider's cases and the team's users read so.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import type { Reply } from '../session.ts';
import { firstOffsets, hasMore, readCasePage, type Offsets } from './casePages.ts';

export type CaseItem = Reply<'/api/v1/cases', 'get'>['items'][number];
type CaseStatus = CaseItem['status'];

/** Cases of each status per page. */
const PAGE_CASES = 100;

/** One page of the list: the cases kept, the offsets after it, and how many cases the statuses hold. */
interface CaseListPage {
  readonly items: CaseItem[];
  readonly next: Offsets<string>;
  readonly total: number;
}

/**
 * The list's pages (for loading, errors and "Vis flere"), the cases read so far, and how many the
 * statuses hold (counted before `keep`). `purpose` is stated on each read when given.
 */
export function useCasePages(queryKey: readonly unknown[], statuses: readonly CaseStatus[], keep: (c: CaseItem) => boolean, purpose?: 'service_delivery') {
  const header = purpose ? { 'tildel-purpose': purpose } : undefined;
  const pages = useInfiniteQuery({
    queryKey: ['case-pages', ...queryKey, statuses],
    queryFn: async ({ pageParam }): Promise<CaseListPage> => {
      const page = await readCasePage(pageParam, async (status, offset) =>
        ok(await api.GET('/api/v1/cases', { params: { query: { status: status as CaseStatus, limit: PAGE_CASES, offset }, ...(header ? { header } : {}) } })),
      );
      return { items: page.byStatus.flat().filter(keep), next: page.next, total: page.total };
    },
    initialPageParam: firstOffsets<string>(statuses),
    getNextPageParam: (last) => (hasMore(last.next) ? last.next : undefined),
  });
  return { pages, cases: pages.data?.pages.flatMap((p) => p.items), total: pages.data?.pages[0]?.total ?? 0 };
}
