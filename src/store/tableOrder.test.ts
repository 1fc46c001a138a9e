import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parentsFirst } from './tableOrder.ts';

/** Random acyclic schemas: table i may refer only to tables of a lower number, listed in any order. */
const schema = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    names: fc.shuffledSubarray([...Array(n).keys()].map((i) => `t${i}`), { minLength: n, maxLength: n }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }).map((pairs) =>
      pairs.filter(([a, b]) => a !== b).map(([a, b]) => ({ child: `t${Math.max(a, b)}`, parent: `t${Math.min(a, b)}` })),
    ),
    outside: fc.boolean(),
  }),
);

describe('tables in load order', () => {
  it('lists every table once, each after the tables among them it refers to', () => {
    fc.assert(
      fc.property(schema, ({ names, edges, outside }) => {
        // a reference to a table that is not listed (a platform table, say) is ignored
        const all = outside ? [...edges, { child: names[0]!, parent: 'elsewhere' }] : edges;
        const ordered = parentsFirst(names, all);
        expect([...ordered].sort()).toEqual([...names].sort());
        for (const e of edges) expect(ordered.indexOf(e.parent), `${e.parent} before ${e.child}`).toBeLessThan(ordered.indexOf(e.child));
      }),
    );
  });

  it('keeps the given order where no reference decides, and ends a cycle where it meets it again', () => {
    expect(parentsFirst(['b', 'a', 'c'], [])).toEqual(['b', 'a', 'c']);
    expect(parentsFirst(['a', 'b'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toEqual(['b', 'a']);
  });
});
