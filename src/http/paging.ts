/**
 * The query and response shapes of a paged list (domain/paging.ts): `cursor` (opaque, from the
 * previous page's `nextCursor`) and `limit` in; `{ items, nextCursor }` out. A cursor that is not
 * one of ours is refused with 400 naming `query.cursor`.
 */
import { z } from 'zod';
import { AppError } from '../app/errors.ts';
import { decodeCursor, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../domain/paging.ts';

/** The paging fields of a list's querystring. */
export const pageQuery = {
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .describe('The `nextCursor` of the previous page (opaque); absent for the first page'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT).describe(`Rows per page (default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT})`),
};

/** A page of items of the schema. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });
}

/** The key a cursor holds, or a 400 naming the field when it is not a cursor of this list. */
export function cursorKey<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | null {
  if (cursor === undefined) return null;
  const key = decodeCursor(schema, cursor);
  if (key === null) {
    throw new AppError('validation', 'The cursor is not one this list gave: pass the nextCursor of the previous page unchanged, or none for the first page.', {
      fields: [{ field: 'query.cursor', message: 'not a cursor of this list', code: 'invalid' }],
    });
  }
  return key;
}
