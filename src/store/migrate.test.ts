/** Which tables a migration run vacuums (rewrittenTables), as properties over random looks at the tables. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewrittenTables, type TableFile } from './migrate.ts';

const names = ['a', 'b', 'case_action', 'case_file', '"Odd name"', 'visit'];
const look = fc.uniqueArray(fc.record({ name: fc.constantFrom(...names), file: fc.constantFrom('1', '2', '3'), hasPages: fc.boolean() }), { selector: (t) => t.name });

describe('rewrittenTables', () => {
  it('gives exactly the tables with pages that are new or in another file, in the order of the later look', () => {
    fc.assert(
      fc.property(look, look, (before: TableFile[], after: TableFile[]) => {
        const got = rewrittenTables(before, after);
        const fileBefore = new Map(before.map((t) => [t.name, t.file]));
        expect(got).toEqual(after.filter((t) => t.hasPages && (!fileBefore.has(t.name) || fileBefore.get(t.name) !== t.file)).map((t) => t.name));
        for (const name of got) expect(after.find((t) => t.name === name)?.hasPages).toBe(true);
      }),
    );
  });

  it('gives nothing when no table changed its file', () => {
    fc.assert(
      fc.property(look, (tables) => {
        expect(rewrittenTables(tables, tables)).toEqual([]);
      }),
    );
  });
});
