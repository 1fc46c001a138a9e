/** CSV export made in the browser from a report's JSON: semicolon-separated (as Norwegian spreadsheets read it), UTF-8 with a byte-order mark. */
export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(cell).join(';')).join('\r\n');
}

/** Offers the CSV as a file download. */
export function downloadCsv(fileName: string, rows: readonly (readonly CsvCell[])[]): void {
  const blob = new Blob(['\ufeff', toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** A share in [0, 1] as per cent with one decimal in the language's style, e.g. "66,7 %". */
export function percent(rate: number, lang: string): string {
  return `${(rate * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 1 })} %`;
}
