/**
 * The leader's CSV export (issue 20) is made in the browser from the report's JSON: semicolons (as
 * Norwegian spreadsheets read them), decimal commas, and quoting of cells that hold a separator, a
 * quote or a line break; shares as per cent in the reader's language.
 */
import { describe, expect, it } from 'vitest';

// The web app is type-checked with its own settings; a computed specifier keeps the server's check out of it.
const CSV = '../../web/src/steering/csv.ts';
const { toCsv, percent } = (await import(/* @vite-ignore */ CSV)) as {
  toCsv: (rows: readonly (readonly (string | number | null)[])[]) => string;
  percent: (rate: number, lang: string) => string;
};

describe('the steering CSV', () => {
  it('separates by semicolon, writes decimal commas, leaves null empty and quotes what needs it', () => {
    expect(toCsv([['figure', 'n', 'rate'], ['granted', 6, 0.6667], ['refused', 0, null], ['Avslag; med "alternativ"\nny linje', 1, 1]])).toBe(
      'figure;n;rate\r\ngranted;6;0,6667\r\nrefused;0;\r\n"Avslag; med ""alternativ""\nny linje";1;1',
    );
  });

  it('shows a share as per cent with one decimal', () => {
    expect(percent(0.6667, 'nb').replace(/\s/g, ' ')).toBe('66,7 %');
    expect(percent(0.5, 'en')).toBe('50 %');
  });
});
