/** Queries for work queues: staff absences, responsible persons and plan adjustments (the items themselves: workItems.ts). */
import type { Tx } from './tx.ts';
import { UNDER_SERVICE_STATUSES } from '../domain/case/vocabulary.ts';

export interface AbsenceRow {
  staff_id: string;
  staff_name: string;
  from_date: string;
  to_date: string | null;
}

/** Absences that cover the given date. */
export async function absencesOn(tx: Tx, date: string): Promise<AbsenceRow[]> {
  const { rows } = await tx.query<AbsenceRow>(
    `SELECT a.staff_id, s.display_name AS staff_name, a.from_date, a.to_date
       FROM staff_absence a JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.staff_id
      WHERE a.municipality_id = current_municipality() AND a.from_date <= $1 AND (a.to_date IS NULL OR a.to_date >= $1)`,
    [date],
  );
  return rows;
}

export async function insertAbsence(tx: Tx, a: { staffId: string; fromDate: string; toDate: string | null }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO staff_absence (municipality_id, staff_id, from_date, to_date) VALUES (current_municipality(), $1, $2, $3) RETURNING id',
    [a.staffId, a.fromDate, a.toDate],
  );
  return (rows[0] as { id: string }).id;
}

export interface ResponsibleRow {
  id: string;
  person_id: string;
  reach: string[];
  case_number: string;
  person_name: string;
  service_responsible: string | null;
  primary_contact: string | null;
}

/** Cases under a service (UNDER_SERVICE_STATUSES) whose service-responsible person or primary contact is one of the given staff (by the indexes of migration 0045). */
export async function casesResponsibleBy(tx: Tx, staffIds: readonly string[]): Promise<ResponsibleRow[]> {
  const { rows } = await tx.query<ResponsibleRow>(
    `SELECT c.id, c.person_id, c.reach, c.case_number, p.given_name || ' ' || p.family_name AS person_name,
            c.service_responsible_staff_id AS service_responsible, c.primary_contact_staff_id AS primary_contact
       FROM case_file c JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      WHERE c.municipality_id = current_municipality() AND c.status = ANY($2::text[])
        AND (c.service_responsible_staff_id = ANY($1::text[]) OR c.primary_contact_staff_id = ANY($1::text[]))`,
    [staffIds, UNDER_SERVICE_STATUSES],
  );
  return rows;
}

export interface AdjustmentRow {
  case_id: string;
  person_id: string;
  case_number: string;
  person_name: string;
  seq: number;
  payload: { hoursPerWeek: number; change: string };
  actor_name: string;
  reason: string | null;
  occurred_at: Date;
}

/** Recent adjustments within the frame on the cases a staff member is service-responsible for. */
export async function adjustmentsForResponsible(tx: Tx, staffId: string, since: Date): Promise<AdjustmentRow[]> {
  const { rows } = await tx.query<AdjustmentRow>(
    `SELECT a.case_id, c.person_id, c.case_number, p.given_name || ' ' || p.family_name AS person_name, a.seq, a.payload,
            s.display_name AS actor_name, a.reason, a.occurred_at
       FROM case_action a
       JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
       JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.actor_staff_id
      WHERE a.municipality_id = current_municipality() AND a.type = 'plan_adjusted'
        AND c.service_responsible_staff_id = $1 AND a.occurred_at >= $2
      ORDER BY a.occurred_at DESC`,
    [staffId, since],
  );
  return rows;
}
