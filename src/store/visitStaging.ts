/**
 * The streamed visit import's staging in PostgreSQL: the rows of a file go by COPY into a temporary
 * table of the import's own transaction (dropped at its end, so a rejected or failed import leaves
 * nothing), are checked there in bulk, and go into `visit` with one INSERT … SELECT when every row can.
 */
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './tx.ts';

/** The staged columns, in the order the rows are copied. */
export const STAGED_COLUMNS = ['line', 'case_number', 'employee_ref', 'visit_date', 'starts_at', 'minutes', 'night', 'status', 'cancel_reason', 'external_ref'] as const;

export async function createVisitStaging(tx: Tx): Promise<void> {
  await tx.query(`CREATE TEMP TABLE import_visit (
      line integer NOT NULL, case_number text NOT NULL, employee_ref text NOT NULL, visit_date date NOT NULL, starts_at time,
      minutes integer NOT NULL, night boolean NOT NULL, status text NOT NULL, cancel_reason text, external_ref text) ON COMMIT DROP`);
  await tx.query('CREATE TEMP TABLE import_refused (case_number text NOT NULL, visit_date date NOT NULL) ON COMMIT DROP');
}

/** The COPY stream the staged rows are written to (text format, STAGED_COLUMNS). */
export function stagingCopy(tx: Tx): Writable {
  return tx.query(copyFrom(`COPY import_visit (${STAGED_COLUMNS.join(', ')}) FROM STDIN`));
}

/** The planner has no statistics of a temporary table until it is analysed (autovacuum never sees one). */
export async function analyseStaging(tx: Tx): Promise<number> {
  await tx.query('ANALYZE import_visit');
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM import_visit');
  return rows[0]?.n ?? 0;
}

/** The staged rows grouped by case number and date (the rules of visits give one answer per group), with the group's first lines. */
export interface StagedGroup {
  case_number: string;
  visit_date: string;
  n: number;
  lines: number[];
}

/** Opens a cursor over the staged groups, ordered by case number and date; read it with fetchGroups. */
export async function openGroupCursor(tx: Tx, linesPerGroup: number): Promise<void> {
  await tx.query(`DECLARE import_groups NO SCROLL CURSOR FOR
    SELECT case_number, to_char(visit_date, 'YYYY-MM-DD') AS visit_date, count(*)::int AS n,
           (array_agg(line ORDER BY line))[1:${Math.trunc(linesPerGroup)}] AS lines
      FROM import_visit GROUP BY case_number, visit_date ORDER BY case_number, visit_date`);
}

export async function fetchGroups(tx: Tx, count: number): Promise<StagedGroup[]> {
  const { rows } = await tx.query<StagedGroup>(`FETCH ${Math.trunc(count)} FROM import_groups`);
  return rows;
}

/** Marks groups refused by the rules, so that a repeated visit id is reported only on rows that have no other problem. */
export async function markRefused(tx: Tx, groups: readonly { case_number: string; visit_date: string }[]): Promise<void> {
  if (!groups.length) return;
  await tx.query('INSERT INTO import_refused SELECT * FROM unnest($1::text[], $2::date[])', [groups.map((g) => g.case_number), groups.map((g) => g.visit_date)]);
}

/**
 * Rows whose visit id the unit has imported before or an earlier row of the file has (as the whole-file
 * import: an earlier row counts even when it is refused itself), leaving out rows refused for other reasons.
 */
export async function repeatedVisitIds(tx: Tx, providerUnitId: string, limit: number): Promise<{ rows: { line: number; external_ref: string }[]; total: number }> {
  const { rows } = await tx.query<{ line: number; external_ref: string; total: number }>(
    `SELECT line, external_ref, count(*) OVER ()::int AS total FROM (
        SELECT s.line, s.external_ref, s.case_number, s.visit_date, row_number() OVER (PARTITION BY s.external_ref ORDER BY s.line) AS k
          FROM import_visit s WHERE s.external_ref IS NOT NULL) r
      WHERE (r.k > 1 OR EXISTS (SELECT 1 FROM visit v WHERE v.municipality_id = current_municipality() AND v.provider_unit_id = $1 AND v.external_ref = r.external_ref))
        AND NOT EXISTS (SELECT 1 FROM import_refused f WHERE f.case_number = r.case_number AND f.visit_date = r.visit_date)
      ORDER BY line LIMIT $2`,
    [providerUnitId, limit],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Stores every staged row as a visit of the import; returns the cases and persons the visits are on. */
export async function insertStagedVisits(tx: Tx, providerUnitId: string, importId: string, by: string): Promise<{ visits: number; caseIds: string[]; personIds: string[] }> {
  const inserted = await tx.query(
    `INSERT INTO visit (municipality_id, case_id, provider_unit_id, employee_ref, visit_date, starts_at, minutes, night, status, cancel_reason, external_ref, import_id, recorded_by)
     SELECT current_municipality(), c.id, $1, s.employee_ref, s.visit_date, s.starts_at, s.minutes, s.night, s.status, s.cancel_reason, s.external_ref, $2, $3
       FROM import_visit s JOIN case_file c ON c.municipality_id = current_municipality() AND c.case_number = s.case_number`,
    [providerUnitId, importId, by],
  );
  const { rows } = await tx.query<{ case_ids: string[] | null; person_ids: string[] | null }>(
    `SELECT array_agg(c.id) AS case_ids, array_agg(DISTINCT c.person_id) AS person_ids
       FROM (SELECT DISTINCT case_number FROM import_visit) s JOIN case_file c ON c.municipality_id = current_municipality() AND c.case_number = s.case_number`,
  );
  return { visits: inserted.rowCount ?? 0, caseIds: rows[0]?.case_ids ?? [], personIds: rows[0]?.person_ids ?? [] };
}
