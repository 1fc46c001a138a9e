/**
 * Delivery records: a visit performed (with minutes) or cancelled (with a reason), by an employee of
 * the provider, under a case's order. One schema for a visit from the API; the CSV import of a mobile
 * care system maps each row onto it and reports every row it cannot take, naming line and field.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

const localDate = z.iso.date();

export const visitInputSchema = z
  .object({
    caseId: z.uuid(),
    employeeRef: z.string().trim().min(1).max(64).describe("The employee's number or id in the care system"),
    visitDate: localDate,
    startsAt: z.iso.time({ precision: -1 }).optional().describe('HH:MM'),
    minutes: z.int().min(0).max(1440),
    night: z.boolean().default(false).describe('A night visit (paid at the night rate where there is one)'),
    status: z.enum(['performed', 'cancelled']).default('performed'),
    cancelReason: z.string().trim().min(1).max(500).optional(),
    externalRef: z.string().trim().min(1).max(100).optional().describe('The visit id in the care system; a visit is imported once'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'cancelled' && !v.cancelReason) ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: 'a cancelled visit needs a reason' });
    if (v.status === 'performed' && v.cancelReason) ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: 'only a cancelled visit has a cancel reason' });
    if (v.status === 'cancelled' && v.minutes !== 0) ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'a cancelled visit has 0 minutes' });
  });
export type VisitInput = z.infer<typeof visitInputSchema>;

/** The columns a delivery CSV has, in any order (header row required). */
export const CSV_COLUMNS = ['case_number', 'employee', 'date', 'start', 'minutes', 'status', 'cancel_reason', 'night', 'visit_id'] as const;
const REQUIRED = ['case_number', 'employee', 'date', 'minutes'] as const;

export interface CsvRow {
  readonly line: number;
  readonly caseNumber: string;
  readonly visit: Omit<VisitInput, 'caseId'>;
}

export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
  /** The rule that refused the row, and its source, where a rule of visits (visitRules.ts) did. */
  readonly rule?: string;
  readonly citation?: string;
}

const FIELD_OF: Record<string, string> = { caseId: 'case_number', employeeRef: 'employee', visitDate: 'date', startsAt: 'start', cancelReason: 'cancel_reason', externalRef: 'visit_id' };

/** The CSV column of a field of the visit schema. */
export function csvColumnOf(field: string): string {
  return FIELD_OF[field] ?? field;
}

function rowToVisit(r: Record<string, string>) {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const minutes = blank(r.minutes);
  return {
    employeeRef: r.employee ?? '',
    visitDate: r.date ?? '',
    startsAt: blank(r.start),
    minutes: minutes !== undefined && /^\d+$/.test(minutes) ? Number(minutes) : minutes,
    night: ['1', 'true', 'ja', 'yes'].includes((r.night ?? '').trim().toLowerCase()),
    status: blank(r.status) === 'avlyst' ? 'cancelled' : (blank(r.status) ?? 'performed'),
    cancelReason: blank(r.cancel_reason),
    externalRef: blank(r.visit_id),
  };
}

/** The delimiter of a delivery CSV: a semicolon when its header line has one, else a comma. */
export function delimiterOf(firstLine: string): ';' | ',' {
  return firstLine.includes(';') ? ';' : ',';
}

/** The options both imports (the whole file here, the streamed one in app/deliveryStream.ts) read a delivery CSV with. */
export function deliveryCsvOptions(delimiter: string) {
  return { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), delimiter, skip_empty_lines: true, trim: true, bom: true } as const;
}

/** The problem of a header without the required columns, or null. */
export function headerProblem(header: readonly string[]): RowProblem | null {
  const missing = REQUIRED.filter((c) => !header.includes(c));
  return missing.length ? { line: 1, field: 'header', message: `missing columns: ${missing.join(', ')} (expected ${CSV_COLUMNS.join(', ')})` } : null;
}

/** One record of a delivery CSV (line: its line in the file, the header being line 1): the row it gives, or its problems. */
export function deliveryRecord(r: Record<string, string>, line: number): { row: CsvRow | null; problems: RowProblem[] } {
  const parsed = visitInputSchema.safeParse({ caseId: '00000000-0000-4000-8000-000000000000', ...rowToVisit(r) });
  const problems: RowProblem[] = [];
  const caseNumber = r.case_number?.trim();
  if (!caseNumber) problems.push({ line, field: 'case_number', message: 'missing' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ line, field: csvColumnOf(String(issue.path[0] ?? 'row')), message: issue.message });
    return { row: null, problems };
  }
  if (!caseNumber) return { row: null, problems };
  const { caseId: _, ...visit } = parsed.data;
  return { row: { line, caseNumber, visit }, problems };
}

/** Parses a delivery CSV (comma or semicolon separated); returns the rows it can take and a problem for every other. */
export function parseDeliveryCsv(text: string): { rows: CsvRow[]; problems: RowProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text, deliveryCsvOptions(delimiterOf(text.split('\n', 1)[0] ?? '')));
  } catch (error) {
    return { rows: [], problems: [{ line: 0, field: 'file', message: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const header = headerProblem(records.length ? Object.keys(records[0] as object) : []);
  if (header) return { rows: [], problems: [header] };
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  records.forEach((r, i) => {
    const one = deliveryRecord(r, i + 2);
    problems.push(...one.problems);
    if (one.row) rows.push(one.row);
  });
  return { rows, problems };
}
