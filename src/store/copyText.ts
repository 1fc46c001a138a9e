/**
 * Rows in the text format of PostgreSQL's COPY, for pg-copy-streams: the demo's scale loader and the
 * streamed visit import write their rows this way. https://www.postgresql.org/docs/17/sql-copy.html ("Text Format").
 */

export type Cell = string | number | boolean | null | undefined | Date | readonly string[];

/** Backslash, tab, newline and carriage return are escaped; `\N` is NULL. */
function escapeText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal with every element quoted (so commas, braces and spaces are safe). */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v as readonly string[]));
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return escapeText(String(v));
}

export function copyRow(cells: readonly Cell[]): string {
  return `${cells.map(cell).join('\t')}\n`;
}
