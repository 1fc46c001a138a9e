/**
 * CSV import of staff and of geographic areas: every row or none. Each row goes through the same
 * function as one made by hand (orgConfig.ts, routingConfig.ts) inside the one transaction; if any row
 * is refused, nothing is stored and the answer lists every refused row by line and column, so the
 * whole file can be corrected and sent again. Units and districts are named, not given by id.
 *
 * Staff:  username;displayName;profession;roles;units;validFrom   (roles and units separated by |)
 * Areas:  name;district;team;postalCodes;validFrom                 (postcodes separated by |)
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { listDistricts, listUnits } from '../store/org.ts';
import type { Tx } from '../store/tx.ts';
import { AppError, type FieldProblem } from './errors.ts';
import { addStaff, newStaffInput } from './orgConfig.ts';
import { addArea, newAreaInput } from './routingConfig.ts';

export const csvImportInput = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    csv: z.string().min(1).max(5_000_000).describe('The file, with a header row; separated by ; or ,'),
    dryRun: z.boolean().default(false).describe('Check every row and store nothing'),
  })
  .strict();
export type CsvImportInput = z.infer<typeof csvImportInput>;

const STAFF_COLUMNS = ['username', 'displayName', 'profession', 'roles', 'units', 'validFrom'] as const;
const AREA_COLUMNS = ['name', 'district', 'team', 'postalCodes', 'validFrom'] as const;

function rowsOf(csv: string, columns: readonly string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, delimiter: [';', ','], skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new AppError('validation', `The file cannot be read as CSV: ${(error as Error).message}`, { fields: [{ field: 'csv', message: 'not readable as CSV' }] });
  }
  const header = Object.keys(records[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0) {
    throw new AppError('validation', `The file needs a header row with ${columns.join(';')}${missing.length ? `; missing: ${missing.join(', ')}` : ''} and at least one row.`, { fields: [{ field: 'csv', message: `columns: ${columns.join(';')}` }] });
  }
  return records;
}

const list = (value: string | undefined) => (value ?? '').split('|').map((v) => v.trim()).filter(Boolean);

/** Problems of one row as fields named by line (the header is line 1) and column. */
function rowProblems(line: number, error: unknown, column: (field: string) => string): FieldProblem[] {
  if (!(error instanceof AppError)) throw error;
  const fields: readonly FieldProblem[] = error.details.fields ?? [{ field: 'row', message: error.message }];
  return fields.map((f) => ({ field: `csv.${line}.${column(f.field)}`, message: f.message, code: f.code ?? 'invalid', ...(f.params ? { params: f.params } : {}) }));
}

function zodProblems(line: number, issues: readonly z.core.$ZodIssue[], column: (field: string) => string): FieldProblem[] {
  return issues.map((i) => ({ field: `csv.${line}.${column(i.path.map(String).join('.'))}`, message: i.message, code: i.code }));
}

async function importRows<T>(rows: Record<string, string>[], toInput: (row: Record<string, string>) => Promise<unknown>, schema: z.ZodType<T>, store: (input: T) => Promise<unknown>, column: (field: string) => string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    try {
      const parsed = schema.safeParse(await toInput(row));
      if (!parsed.success) problems.push(...zodProblems(line, parsed.error.issues, column));
      else await store(parsed.data);
    } catch (error) {
      problems.push(...rowProblems(line, error, column));
    }
  }
  return problems;
}

function refuseOrReport(input: CsvImportInput, rows: number, problems: FieldProblem[], what: string) {
  if (problems.length > 0) {
    const lines = new Set(problems.map((p) => p.field.split('.')[1]));
    throw new AppError('validation', `Nothing was imported from ${input.fileName}: ${lines.size} of ${rows} row(s) refused. Correct the rows listed and send the whole file again.`, { fields: problems, rule: 'all_or_none' });
  }
  return { fileName: input.fileName, rows, imported: !input.dryRun, detail: input.dryRun ? `Every row can be imported (dry run: nothing stored).` : `${rows} ${what} imported.` };
}

/** A dry run rolls back what the rows did; so does a refused file. */
class DryRun extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

async function withDryRun<T>(tx: Tx, dryRun: boolean, work: () => Promise<T>): Promise<T> {
  if (!dryRun) return work();
  await tx.query('SAVEPOINT csv_dry_run');
  try {
    throw new DryRun(await work());
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT csv_dry_run');
    if (error instanceof DryRun) return error.result as T;
    throw error;
  }
}

export async function importStaff(tx: Tx, staffId: string, input: CsvImportInput, today: string, localPasswords: boolean) {
  const rows = rowsOf(input.csv, STAFF_COLUMNS);
  const units = await listUnits(tx);
  const unitId = (name: string) => units.find((u) => u.name.toLowerCase() === name.toLowerCase())?.id ?? `unknown unit ${name}`;
  const column = (field: string) => (field.startsWith('unitIds') ? 'units' : field);
  return withDryRun(tx, input.dryRun, async () => {
    const problems = await importRows(
      rows,
      async (r) => ({ username: r.username, displayName: r.displayName, profession: r.profession || null, roles: list(r.roles), unitIds: list(r.units).map(unitId), validFrom: r.validFrom || today }),
      newStaffInput,
      (parsed) => addStaff(tx, staffId, parsed, today, localPasswords),
      column,
    );
    return refuseOrReport(input, rows.length, problems, 'staff members');
  });
}

export async function importAreas(tx: Tx, staffId: string, input: CsvImportInput, today: string) {
  const rows = rowsOf(input.csv, AREA_COLUMNS);
  const districts = await listDistricts(tx);
  const units = await listUnits(tx);
  const byName = <T extends { id: string; name: string }>(all: readonly T[], name: string, what: string) => all.find((x) => x.name.toLowerCase() === name.toLowerCase())?.id ?? `unknown ${what} ${name}`;
  const column = (field: string) => ({ districtId: 'district', teamUnitId: 'team' })[field] ?? field.split('.')[0] ?? field;
  return withDryRun(tx, input.dryRun, async () => {
    const problems = await importRows(
      rows,
      async (r) => ({ name: r.name, districtId: byName(districts, r.district ?? '', 'district'), teamUnitId: r.team ? byName(units, r.team, 'team') : null, postalCodes: list(r.postalCodes), validFrom: r.validFrom || today }),
      newAreaInput,
      (parsed) => addArea(tx, staffId, parsed, today),
      column,
    );
    return refuseOrReport(input, rows.length, problems, 'areas');
  });
}
