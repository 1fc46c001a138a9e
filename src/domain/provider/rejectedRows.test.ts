import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstRejectedRows } from './rejectedRows.ts';

const problem = (line: number, field = 'date') => ({ line, field, message: `bad ${field} on ${line}` });

describe('the first rejected rows of a streamed import', () => {
  it('keeps the problems of the lowest lines, in order, and counts every row and problem', () => {
    const r = new FirstRejectedRows(2);
    r.add([problem(9)]);
    r.add([problem(4), problem(4, 'minutes')]);
    r.add([problem(7)]);
    r.add([]);
    expect(r.first()).toEqual([problem(4), problem(4, 'minutes'), problem(7)]);
    expect([r.rows, r.problems]).toEqual([3, 4]);
  });

  it('gives the same report as sorting every row and taking the first, whatever the order rows arrive in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2, max: 10_000 }), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (lines, keep) => {
        const r = new FirstRejectedRows(keep);
        for (const l of lines) r.add([problem(l)]);
        const expected = [...lines].sort((a, b) => a - b).slice(0, keep).map((l) => problem(l));
        expect(r.first()).toEqual(expected);
        expect(r.rows).toBe(lines.length);
      }),
    );
  });
});
