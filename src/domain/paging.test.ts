import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pageOf } from './paging.ts';

const key = z.strictObject({ since: z.string(), n: z.int() });

describe('cursors', () => {
  it('decode to the key they were made from, and are base64url (safe in a query string)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (since, n) => {
        const cursor = encodeCursor({ since, n });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(key, cursor)).toEqual({ since, n });
      }),
    );
  });

  it('refuse what is not base64url JSON of the key', () => {
    expect(decodeCursor(key, 'not a cursor')).toBeNull();
    expect(decodeCursor(key, 'e30')).toBeNull(); // {} lacks the fields
    expect(decodeCursor(key, encodeCursor({ since: 'x', n: 1, extra: true }))).toBeNull();
    expect(decodeCursor(key, Buffer.from('{"since":').toString('base64url'))).toBeNull();
    fc.assert(fc.property(fc.string(), (s) => decodeCursor(key, s) === null || key.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))).success));
  });
});

describe('pageOf', () => {
  it('walks a sorted list in disjoint pages that cover it, whatever the limit', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 15 }), (values, limit) => {
        const sorted = [...values].sort((a, b) => a - b);
        const seen: number[] = [];
        let after: number | null = null;
        for (let pages = 0; pages <= sorted.length + 1; pages += 1) {
          // What the store does: the rows after the cursor, limit + 1 of them.
          const rows = sorted.filter((v) => after === null || v > after).slice(0, limit + 1);
          const page = pageOf(rows, limit, (v) => v, (v) => ({ since: '', n: v }));
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          if (page.nextCursor === null) break;
          expect(page.items).toHaveLength(limit);
          after = decodeCursor(key, page.nextCursor)?.n ?? null;
          expect(after).toBe(page.items[page.items.length - 1]);
        }
        expect(seen).toEqual(sorted);
      }),
    );
  });
});
