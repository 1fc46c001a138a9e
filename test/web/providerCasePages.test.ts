/**
 * The provider's case list read a page of each status at a time (web/src/views/providerCasePages.ts):
 * walking the pages of any two statuses' totals reads every case of each exactly once, and stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_OFFSETS, hasMore, offsetsAfter, PROVIDER_STATUSES, type Offsets, type ProviderStatus } from '../../web/src/views/providerCasePages.ts';

/** Walks the pages of the statuses' totals as the API would answer them, returning what was read of each and the number of pages. */
function walk(totals: Record<ProviderStatus, number>, limit: number): { read: Record<ProviderStatus, number[]>; pages: number } {
  const read: Record<ProviderStatus, number[]> = { service_arranged: [], active: [] };
  let offsets: Offsets = FIRST_OFFSETS;
  let pages = 0;
  for (; pages < 10_000; ) {
    const page = Object.fromEntries(
      PROVIDER_STATUSES.map((s) => {
        const from = offsets[s];
        const items = from === null ? [] : Array.from({ length: Math.max(0, Math.min(limit, totals[s] - from)) }, (_, i) => from + i);
        read[s].push(...items);
        return [s, { read: items.length, total: totals[s] }];
      }),
    ) as Record<ProviderStatus, { read: number; total: number }>;
    pages += 1;
    offsets = offsetsAfter(offsets, page);
    if (!hasMore(offsets)) break;
  }
  return { read, pages };
}

describe('the provider’s case pages', () => {
  it('read every case of each status once, in order, and stop after the longer status’s last page', () => {
    fc.assert(
      fc.property(fc.nat(1200), fc.nat(1200), fc.integer({ min: 1, max: 500 }), (arranged, active, limit) => {
        const { read, pages } = walk({ service_arranged: arranged, active }, limit);
        expect(read.service_arranged).toEqual(Array.from({ length: arranged }, (_, i) => i));
        expect(read.active).toEqual(Array.from({ length: active }, (_, i) => i));
        expect(pages).toBe(Math.max(1, Math.ceil(Math.max(arranged, active) / limit)));
      }),
    );
  });

  it('ends a status whose page comes back empty, even when its total says more (cases gone since the count)', () => {
    expect(offsetsAfter({ service_arranged: 100, active: 0 }, { service_arranged: { read: 0, total: 150 }, active: { read: 50, total: 120 } })).toEqual({ service_arranged: null, active: 50 });
  });
});
