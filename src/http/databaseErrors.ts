/**
 * PostgreSQL errors that only a client's input can cause, as the problems they are: a reference to
 * something that does not exist in the municipality (23503 on insert or update), a duplicate that
 * slipped past the use case's own check because another request created it at the same moment
 * (23505: the same conflict the check answers, 409), and values the database cannot hold (class 22:
 * bad syntax for a type, a number out of range, an impossible date, a text too long). Validation at
 * the boundary should refuse these first; this is the net beneath it. Every other database error
 * stays a 500, which is a bug.
 */
import { AppError } from '../app/errors.ts';

/** The fields of pg's DatabaseError we read. */
interface PgError {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly column?: string;
  readonly table?: string;
  readonly constraint?: string;
}

export function isDatabaseError(error: unknown): error is Error & PgError {
  return error instanceof Error && 'severity' in error && typeof (error as { code?: unknown }).code === 'string';
}

/** Values a column cannot hold: the client sent them (the boundary let them through). */
const BAD_VALUE = new Set([
  '22P02', // invalid_text_representation: "invalid input syntax for type uuid"
  '22003', // numeric_value_out_of_range: "integer out of range"
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow: 2026-02-30
  '22001', // string_data_right_truncation: "value too long for type character varying(…)"
]);

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The client's field behind a key constraint: from the detail `Key (municipality_id, district_id)=(…)`
 * where PostgreSQL gives it, else from the default constraint name `person_municipality_id_district_id_fkey`
 * (row level security hides the key from the detail). Either way "districtId": the tenant column is
 * never the client's, and the values are not repeated.
 */
function keyField(error: PgError): string {
  const listed = /^Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1];
  const named = error.table && error.constraint?.startsWith(`${error.table}_`) ? /^(.*)_(?:fkey|key)$/.exec(error.constraint.slice(error.table.length + 1))?.[1] : undefined;
  const columns = (listed ?? named ?? '').split(/,\s*|(?<=municipality_id)_/).filter((c) => c && c !== 'municipality_id');
  return columns.length > 0 ? columns.map(camel).join(', ') : 'body';
}

/** The problem a database error stands for, or null when it is our fault (a 500). */
export function problemFromDatabase(error: PgError): AppError | null {
  if (error.code === '23503' && error.detail?.includes('is not present in table')) {
    const field = keyField(error);
    const message = 'refers to something that does not exist in your municipality';
    return new AppError('validation', `The field ${field} ${message}.`, { fields: [{ field, message }] });
  }
  if (error.code === '23505') {
    const field = keyField(error);
    const message = 'exists already (another request may have created it at the same moment)';
    return new AppError('conflict', `The ${field} ${message}; read the current data and choose another.`, { fields: [{ field, message }] });
  }
  if (BAD_VALUE.has(error.code)) {
    const field = error.column ? camel(error.column) : 'body';
    // PostgreSQL's message names the type and echoes the value: the client's own input, sent back only to the client.
    const message = `cannot be stored: ${error.message}`;
    return new AppError('validation', `A value in the request ${message}.`, { fields: [{ field, message }] });
  }
  return null;
}
