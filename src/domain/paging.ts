/**
 * Keyset paging for lists that grow with the municipality: a page is the rows after a cursor in the
 * list's one total order, and the cursor is the sort key of the last row seen (plus the row's unique
 * key), written as base64url JSON so that a client treats it as opaque. A page never holds a row of
 * another page, however the list changes between requests (rows added before the cursor are simply
 * not seen by that walk; rows after it are).
 */
import type { z } from 'zod';

/** Rows per page when the client names none, and the most it may ask for. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

export interface Page<T> {
  readonly items: T[];
  /** The cursor of the next page, or null on the last page. */
  readonly nextCursor: string | null;
}

/** The cursor for a key: base64url of its JSON. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key a cursor holds when it is base64url JSON matching the schema; null otherwise (the caller names the field). */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The page from rows read with LIMIT limit + 1: the first `limit` rows, and a cursor after the last
 * of them when a further row shows there is more.
 */
export function pageOf<R, T>(rows: readonly R[], limit: number, view: (row: R) => T, keyOf: (row: R) => unknown): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
