/**
 * A case list read a page of each status at a time (web/src/views/casePages.ts): walking the pages
 * of any statuses' totals reads every case of each exactly once, in order, and stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstOffsets, hasMore, offsetsAfter, readCasePage, type Offsets } from '../../web/src/views/casePages.ts';

/** Walks the pages of the statuses' totals as the API would answer them: what was read of each status, and the number of pages. */
async function walk(totals: readonly number[], limit: number): Promise<{ read: number[][]; pages: number; total: number }> {
  const statuses = totals.map((_, i) => `s${i}`);
  const read: number[][] = totals.map(() => []);
  let offsets: Offsets<string> = firstOffsets(statuses);
  let pages = 0;
  let total = -1;
  for (; pages < 10_000; ) {
    const page = await readCasePage(offsets, async (status, offset) => {
      const n = totals[Number(status.slice(1))] ?? 0;
      return { items: Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i), total: n };
    });
    page.byStatus.forEach((items, i) => read[i]?.push(...items));
    if (pages === 0) total = page.total;
    pages += 1;
    offsets = page.next;
    if (!hasMore(offsets)) break;
  }
  return { read, pages, total };
}

describe('a case list read a page of each status at a time', () => {
  it('reads every case of each status once, in order, and stops after the longest status’s last page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(1200), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 500 }), async (totals, limit) => {
        const { read, pages, total } = await walk(totals, limit);
        expect(read).toEqual(totals.map((n) => Array.from({ length: n }, (_, i) => i)));
        expect(pages).toBe(Math.max(1, Math.ceil(Math.max(...totals) / limit)));
        expect(total).toBe(totals.reduce((a, n) => a + n, 0));
      }),
    );
  });

  it('ends a status whose page comes back empty, even when its total says more (cases gone since the count)', () => {
    expect(offsetsAfter({ service_arranged: 100, active: 0 }, { service_arranged: { read: 0, total: 150 }, active: { read: 50, total: 120 } })).toEqual({ service_arranged: null, active: 50 });
  });
});
