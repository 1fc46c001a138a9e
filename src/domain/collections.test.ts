import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnits, compareText } from './collections.ts';

describe('byCodeUnits', () => {
  it('orders case numbers (a year, a slash and a zero-padded serial) by year, then serial', () => {
    const caseNumber = fc.record({ year: fc.integer({ min: 2000, max: 2099 }), serial: fc.integer({ min: 1, max: 99_999 }) });
    fc.assert(
      fc.property(fc.array(caseNumber, { maxLength: 30 }), (numbers) => {
        const text = (n: { year: number; serial: number }) => `${n.year}/${String(n.serial).padStart(5, '0')}`;
        const byValue = [...numbers].sort((a, b) => a.year - b.year || a.serial - b.serial).map(text);
        expect(numbers.map(text).sort(byCodeUnits)).toEqual(byValue);
      }),
    );
  });

  it('is a total order: antisymmetric, and zero only for equal texts', () => {
    fc.assert(
      // Equal texts drawn on purpose, as well as any two.
      fc.property(fc.oneof(fc.tuple(fc.string(), fc.string()), fc.string().map((a) => [a, a] as [string, string])), ([a, b]) => {
        expect(Math.sign(byCodeUnits(a, b)) + Math.sign(byCodeUnits(b, a))).toBe(0);
        expect(byCodeUnits(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('compareText', () => {
  it('orders texts as localeCompare does, Norwegian letters and case numbers included', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-zÆØÅæøå .'-]{0,12}$/), fc.constantFrom('Ærlig', 'Øvre', 'Åsen', 'Aas', 'aas', 'Zeta', '2026/00010', '2026/00009'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareText(a, b))).toBe(Math.sign(a.localeCompare(b)));
      }),
    );
  });
});
