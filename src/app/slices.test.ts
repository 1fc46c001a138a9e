import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatMapInSlices, inSlices, mapInSlices } from './slices.ts';

describe('inSlices', () => {
  it('gives every item once, in order, in slices no larger than the size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), async (items, size) => {
        const slices: (readonly number[])[] = [];
        for await (const s of inSlices(items, size)) slices.push(s);
        expect(slices.flat()).toEqual(items);
        expect(slices.every((s) => s.length >= 1 && s.length <= size)).toBe(true);
        expect(slices.length).toBe(Math.ceil(items.length / size));
      }),
    );
  });

  it('lets other work run between slices', async () => {
    const seen: string[] = [];
    const other = new Promise<void>((resolve) =>
      setImmediate(() => {
        seen.push('other');
        resolve();
      }),
    );
    for await (const s of inSlices([1, 2, 3], 1)) seen.push(`slice ${s[0]}`);
    await other;
    expect(seen[0]).toBe('slice 1');
    expect(seen.indexOf('other')).toBeGreaterThan(0);
    expect(seen.indexOf('other')).toBeLessThan(seen.length - 1);
  });

  it('refuses a slice size that is not a positive integer', async () => {
    await expect(flatMapInSlices([1], (s) => s, 0)).rejects.toThrow(/positive integer/);
  });

  it('flatMapInSlices concatenates the results of every slice in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), async (items, size) => {
        const f = (x: number) => (x % 3 === 0 ? [] : [x, -x]);
        expect(await flatMapInSlices(items, (s) => s.flatMap(f), size)).toEqual(items.flatMap(f));
      }),
    );
  });

  it('mapInSlices gives what map gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), async (items, size) => {
        const f = (x: number) => ({ x, twice: 2 * x });
        expect(await mapInSlices(items, f, size)).toEqual(items.map(f));
      }),
    );
  });
});
