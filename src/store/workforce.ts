/**
 * Staff positions (migration 0025) and the rows behind the workforce tables (issue 20 part 7):
 * positions with their unit's district and their end, and distinct employees per home-nursing user
 * and month. SQL finds and counts; domain/reports/workforce.ts forms the tables.
 */
import type { Tx } from './tx.ts';

/** A position as it is recorded. */
export interface NewPosition {
  staffId: string;
  unitId: string;
  category: string;
  fte: number;
  permanent: boolean;
  kostraFunction: string;
  validFrom: string;
  validTo: string | null;
}

/** A position as it is read: what was recorded, with its unit's name and district, its end and when it was recorded. */
export interface PositionRow extends NewPosition {
  id: string;
  unitName: string;
  districtId: string | null;
  endedOn: string | null;
  recordedAt: string;
}

export async function insertPosition(tx: Tx, p: NewPosition, recordedBy: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO staff_position (municipality_id, staff_id, unit_id, category, fte, permanent, kostra_function, valid_from, valid_to, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [p.staffId, p.unitId, p.category, p.fte, p.permanent, p.kostraFunction, p.validFrom, p.validTo, recordedBy],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertPositionEnd(tx: Tx, positionId: string, endedOn: string, recordedBy: string): Promise<void> {
  await tx.query('INSERT INTO staff_position_end (municipality_id, position_id, ended_on, recorded_by) VALUES (current_municipality(), $1, $2, $3)', [positionId, endedOn, recordedBy]);
}

/** Every position of the municipality (or of one staff member), with its unit's district and its earliest recorded end. */
export async function listPositions(tx: Tx, staffId: string | null = null): Promise<PositionRow[]> {
  const { rows } = await tx.query<PositionRow & { fte: string }>(
    `SELECT p.id, p.staff_id AS "staffId", p.unit_id AS "unitId", u.name AS "unitName", u.district_id AS "districtId", p.category,
            p.fte::text AS fte, p.permanent, p.kostra_function AS "kostraFunction", p.valid_from::text AS "validFrom", p.valid_to::text AS "validTo",
            (SELECT min(e.ended_on)::text FROM staff_position_end e WHERE e.municipality_id = p.municipality_id AND e.position_id = p.id) AS "endedOn",
            p.recorded_at::text AS "recordedAt"
       FROM staff_position p
       JOIN org_unit u ON u.municipality_id = p.municipality_id AND u.id = p.unit_id
      WHERE p.municipality_id = current_municipality() AND ($1::uuid IS NULL OR p.staff_id = $1)
      ORDER BY p.valid_from, p.recorded_at`,
    [staffId],
  );
  return rows.map((r) => ({ ...r, fte: Number(r.fte) }));
}

export interface UserMonthRow {
  personId: string;
  districtId: string | null;
  month: string;
  distinctEmployees: number;
}

/**
 * For every user of the given services and every month from `from` to `to` with a performed visit:
 * the distinct employees (provider unit and employee reference) who visited, and the district of the
 * user's case. A visit a later row corrects does not count.
 */
export async function userMonthRows(tx: Tx, from: string, to: string, serviceCodes: readonly string[]): Promise<UserMonthRow[]> {
  const { rows } = await tx.query<UserMonthRow>(
    // The corrected visits are found once (a hashed set), not by a look-up per visit: visit has no index on corrects.
    `WITH corrected AS (SELECT corrects FROM visit WHERE municipality_id = current_municipality() AND corrects IS NOT NULL)
     SELECT c.person_id AS "personId", c.district_id AS "districtId", to_char(v.visit_date, 'YYYY-MM') AS month,
            count(DISTINCT (v.provider_unit_id, v.employee_ref))::int AS "distinctEmployees"
       FROM visit v
       JOIN case_file c ON c.municipality_id = v.municipality_id AND c.id = v.case_id
      WHERE v.municipality_id = current_municipality() AND v.visit_date BETWEEN $1 AND $2 AND v.status = 'performed'
        AND c.service_code = ANY($3::text[])
        AND v.id NOT IN (SELECT corrects FROM corrected)
      GROUP BY c.person_id, c.district_id, to_char(v.visit_date, 'YYYY-MM')`,
    [from, to, serviceCodes],
  );
  return rows;
}
