/**
 * The leader's XLSX export (issue 20) is the CSV's rows as a sheet: numbers stay numbers so a
 * spreadsheet can sum them, the header row is bold, and an empty figure is an empty cell.
 */
import { describe, expect, it } from 'vitest';

// The web app is type-checked with its own settings; a computed specifier keeps the server's check out of it.
const XLSX = '../../web/src/steering/xlsx.ts';
const { sheetOf } = (await import(/* @vite-ignore */ XLSX)) as { sheetOf: (rows: readonly (readonly (string | number | null)[])[]) => unknown[][] };

describe('the steering XLSX', () => {
  it('types numbers as numbers, bolds the header and leaves null empty', () => {
    expect(sheetOf([['figure', 'n', 'rate'], ['granted', 6, 0.6667], ['refused', 0, null]])).toEqual([
      [
        { value: 'figure', type: String, fontWeight: 'bold' },
        { value: 'n', type: String, fontWeight: 'bold' },
        { value: 'rate', type: String, fontWeight: 'bold' },
      ],
      [{ value: 'granted', type: String }, { value: 6, type: Number }, { value: 0.6667, type: Number }],
      [{ value: 'refused', type: String }, { value: 0, type: Number }, null],
    ]);
  });
});
