/**
 * XLSX export made in the browser from the same rows as the CSV: numbers stay numbers (a spreadsheet
 * can sum them), the header row is bold, empty figures are empty cells. The writer
 * (write-excel-file) is loaded only when a leader asks for a file, so it does not weigh on the app.
 */
import type { SheetData } from 'write-excel-file/browser';
import type { CsvCell } from './csv.ts';

/** One cell of the sheet as write-excel-file reads it. */
export type SheetCell = SheetData[number][number];

/** The sheet of a table: the first row is the header (bold); numbers are typed as numbers. */
export function sheetOf(rows: readonly (readonly CsvCell[])[]): SheetCell[][] {
  return rows.map((row, i) =>
    row.map((value): SheetCell => {
      if (value === null) return null;
      const cell = typeof value === 'number' ? { value, type: Number } : { value, type: String };
      return i === 0 ? { ...cell, fontWeight: 'bold' as const } : cell;
    }),
  );
}

/** Offers the table as an .xlsx download. */
export async function downloadXlsx(fileName: string, rows: readonly (readonly CsvCell[])[]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(sheetOf(rows)).toFile(fileName);
}
