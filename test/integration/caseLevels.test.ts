/**
 * The gate's level of each case worked out in SQL (store/cases.ts caseLevels, issue 18), on a real
 * PostgreSQL with the demo's cases and their stored reach: for random scopes (any mix of the keys the
 * cases' reach holds, keys no case holds, and cases granted one by one) and random sets of cases
 * asked, every case asked is answered with the level the pure rule levelByReach gives and its own
 * person, and no case of another municipality is answered.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.ts';
import { levelByReach } from '../../src/domain/organisation/access.ts';
import { caseLevels } from '../../src/store/cases.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
const M = 'solstad';

interface CaseRow {
  id: string;
  person_id: string;
  reach: string[];
}

let cases: CaseRow[];
let elsewhere: string[];
let keys: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 7, asOf: new Date('2026-11-01T12:00:00Z'), scale: 0.05 });
  cases = (await db.owner.query<CaseRow>('SELECT id, person_id, reach FROM case_file WHERE municipality_id = $1 ORDER BY id', [M])).rows;
  elsewhere = (await db.owner.query<{ id: string }>('SELECT id FROM case_file WHERE municipality_id <> $1 ORDER BY id LIMIT 20', [M])).rows.map((r) => r.id);
  keys = [...new Set(cases.flatMap((c) => c.reach))].sort();
}, 180_000);

afterAll(async () => {
  await db?.close();
});

describe('caseLevels: levelByReach in SQL', () => {
  it('has cases of every level to tell apart (the demo holds orders, units, districts and other municipalities)', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.startsWith('order:'))).toBe(true);
    expect(keys.some((k) => k.startsWith('unit:'))).toBe(true);
  });

  it('answers every case asked that the scope reaches with the pure rule’s level and its person, no other case asked, and nothing of another municipality', async () => {
    const seen = new Set<string>();
    const scope = fc.record({
      // A few keys at a time, so scopes that see a case in full, by an order only, or not at all all occur.
      keys: fc.subarray([...keys, 'unit:00000000-0000-4000-8000-000000000000', 'order:00000000-0000-4000-8000-000000000000'], { maxLength: 6 }),
      caseIds: fc.subarray(cases.map((c) => c.id), { maxLength: 5 }),
    });
    const asked = fc.record({ mine: fc.subarray(cases), others: fc.subarray(elsewhere, { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(scope, asked, async (s, a) => {
        const rows = await inTenant(db.app, { municipalityId: M, staffId: null }, (tx) => caseLevels(tx, [...a.others, ...a.mine.map((c) => c.id)], s));
        const got = new Map(rows.map((r) => [r.case_id, r]));
        // The cases the scope reaches come back with their level and person; those it does not (none) do not.
        const reached = a.mine.filter((c) => levelByReach(s.keys, s.caseIds, c.id, c.reach) !== 'none');
        expect(got.size).toBe(reached.length);
        for (const c of a.mine) {
          const level = levelByReach(s.keys, s.caseIds, c.id, c.reach);
          seen.add(level);
          if (level === 'none') expect(got.has(c.id)).toBe(false);
          else expect(got.get(c.id)).toEqual({ case_id: c.id, person_id: c.person_id, level });
        }
        for (const id of a.others) expect(got.has(id)).toBe(false);
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(['full', 'none', 'order']);
  });
});
