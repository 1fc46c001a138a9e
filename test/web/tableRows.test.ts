/**
 * The export of a panel's tables (issue 20 part 8): figures written in Norwegian style become numbers
 * again, so a spreadsheet can sum them; words, dashes and per cent stay text as shown.
 */
import { describe, expect, it } from 'vitest';

// The web app is type-checked with its own settings; a computed specifier keeps the server's check out of it.
const ROWS = '../../web/src/steering/tableRows.ts';
const { cellValue } = (await import(/* @vite-ignore */ ROWS)) as { cellValue: (text: string) => string | number | null };

describe('the cells of an exported table', () => {
  it('reads Norwegian and plain numbers as numbers', () => {
    expect(cellValue('1 234,5')).toBe(1234.5);
    expect(cellValue('1\u00a0234')).toBe(1234);
    expect(cellValue('12\u202f345 678')).toBe(12345678);
    expect(cellValue('-3,25')).toBe(-3.25);
    expect(cellValue(' 42 ')).toBe(42);
  });

  it('keeps text, dashes, per cent and ranges as text, and an empty cell empty', () => {
    expect(cellValue('66,7 %')).toBe('66,7 %');
    expect(cellValue('–')).toBe('–');
    expect(cellValue('2,5–3,5')).toBe('2,5–3,5');
    expect(cellValue('12 34')).toBe('12 34');
    expect(cellValue('Bydel  Nord\n')).toBe('Bydel Nord');
    expect(cellValue('  ')).toBeNull();
  });
});
