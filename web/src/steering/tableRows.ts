/**
 * The rows of the tables a panel shows, for its CSV and XLSX export: each table's caption on a line of
 * its own, then its header and body rows as written on the screen, with a blank line between tables.
 * A figure written in Norwegian style ("1 234,5") becomes a number again, so a spreadsheet can sum it;
 * a cell with words, a dash or a per cent sign stays text as shown.
 */
import type { CsvCell } from './csv.ts';

const NUMBER = /^-?\d{1,3}(?:[\s\u00a0\u202f]\d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$/;

/** The cell as a number where it is one written in Norwegian or plain style, else its text (empty: null). */
export function cellValue(text: string): CsvCell {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  return NUMBER.test(t) ? Number(t.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')) : t;
}

/** The rows of every table inside the element, in the order they are shown. */
export function rowsOfTables(root: ParentNode | null): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const table of root ? Array.from(root.querySelectorAll('table')) : []) {
    if (rows.length > 0) rows.push([]);
    const caption = table.caption?.textContent?.trim();
    if (caption) rows.push([caption]);
    for (const tr of Array.from(table.rows)) rows.push(Array.from(tr.cells).map((c) => cellValue(c.textContent ?? '')));
  }
  return rows;
}
