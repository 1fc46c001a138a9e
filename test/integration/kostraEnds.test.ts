/**
 * The end of a KOSTRA grant (store/kostra.ts earliestOf, issue 18): the earliest of the decision's end,
 * the service's end, death and moving out is taken in SQL, not by sorting the four in JavaScript. On a
 * real PostgreSQL, for random sets of dates and missing ones (including dates that differ only late in
 * the text, and the same date twice), it is the first of a JavaScript sort of those that are set, or
 * null when none is.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { earliestOf } from '../../src/store/kostra.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

/** Any day from 1990 to 2040, or one of a few days that differ only in their last digits (so ties and near ties occur). */
const isoDate = fc.oneof(
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-10-01', '2026-10-02', '2026-10-10', '2026-11-01'),
);

describe('earliestOf: the first end of a grant in SQL', () => {
  it('is the first of a JavaScript sort of the dates that are set, or null', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(isoDate, { nil: null }), { minLength: 4, maxLength: 4 }), async (ends) => {
        const { rows } = await db.owner.query<{ earliest: string | null }>(`SELECT ${earliestOf(['$1::text', '$2::text', '$3::text', '$4::text'])} AS earliest`, ends);
        expect(rows[0]?.earliest ?? null).toBe(ends.filter((x): x is string => x !== null).sort()[0] ?? null);
      }),
      { numRuns: 300 },
    );
  });
});
