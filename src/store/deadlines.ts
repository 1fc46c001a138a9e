/** Case deadlines: set and satisfied by actions, raised by the job runner when due. */
import type { DeadlineChange } from '../domain/law/caseDeadlines.ts';
import type { Tx } from './tx.ts';

/**
 * Applies what an action sets and satisfies. `at` is the time of the action (not the time of
 * writing), so rebuilding the deadlines from the log gives the same rows.
 */
export async function applyDeadlineChange(tx: Tx, caseId: string, change: DeadlineChange, at: string): Promise<void> {
  if (change.satisfy.length) {
    await tx.query(
      `UPDATE case_deadline SET satisfied_at = $3 WHERE municipality_id = current_municipality() AND case_id = $1
          AND kind = ANY($2::text[]) AND satisfied_at IS NULL`,
      [caseId, change.satisfy, at],
    );
  }
  for (const d of change.set) {
    await tx.query(
      `INSERT INTO case_deadline (municipality_id, case_id, kind, due_on, rule_id, citation, set_at)
       VALUES (current_municipality(), $1, $2, $3, $4, $5, $6)
       ON CONFLICT (municipality_id, case_id, kind) DO UPDATE
         SET due_on = excluded.due_on, rule_id = excluded.rule_id, citation = excluded.citation,
             set_at = excluded.set_at, raised_at = NULL, satisfied_at = NULL`,
      [caseId, d.kind, d.dueOn, d.ruleId, d.citation, at],
    );
  }
}

export interface DeadlineRow {
  kind: string;
  due_on: string;
  rule_id: string;
  citation: string;
  set_at: Date;
  raised_at: Date | null;
  satisfied_at: Date | null;
}

/** A case's deadlines, for rebuilding and checking the projection. */
export async function caseDeadlines(tx: Tx, caseId: string): Promise<DeadlineRow[]> {
  const { rows } = await tx.query<DeadlineRow>(
    `SELECT kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, rule_id, citation, set_at, raised_at, satisfied_at
       FROM case_deadline WHERE municipality_id = current_municipality() AND case_id = $1 ORDER BY kind`,
    [caseId],
  );
  return rows;
}

/** Forgets the deadlines of a case that its log sets (not those set from assessments), before rebuilding them. */
export async function clearLoggedDeadlines(tx: Tx, caseId: string): Promise<void> {
  await tx.query(`DELETE FROM case_deadline WHERE municipality_id = current_municipality() AND case_id = $1 AND kind <> 'goal_follow_up'`, [caseId]);
}

/** Puts back when a deadline was raised into the queue, for a deadline that is still the same after a rebuild. */
export async function restoreRaised(tx: Tx, caseId: string, kind: string, dueOn: string, raisedAt: Date): Promise<void> {
  await tx.query(
    `UPDATE case_deadline SET raised_at = $4 WHERE municipality_id = current_municipality() AND case_id = $1 AND kind = $2 AND due_on = $3`,
    [caseId, kind, dueOn, raisedAt],
  );
}

/** Raises every deadline that is due and neither raised nor satisfied; returns how many. Idempotent. */
export async function raiseDueDeadlines(tx: Tx, today: string): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE case_deadline SET raised_at = now()
      WHERE municipality_id = current_municipality() AND due_on <= $1 AND raised_at IS NULL AND satisfied_at IS NULL`,
    [today],
  );
  return rowCount ?? 0;
}

export interface ReminderRow {
  case_id: string;
  person_id: string;
  reach: string[];
  case_number: string;
  person_name: string;
  kind: string;
  due_on: string;
  citation: string;
  raised_at: Date;
  owner_staff_id: string | null;
  owner_name: string | null;
  owner_unit_id: string | null;
}

/** The reminders' columns and where they come from: raised deadlines not yet satisfied, with their case, person and owner. */
export const OPEN_REMINDERS = `SELECT d.case_id, c.person_id, c.reach, c.case_number, p.given_name || ' ' || p.family_name AS person_name, d.kind, d.due_on, d.citation, d.raised_at,
            c.owner_staff_id, s.display_name AS owner_name, c.owner_unit_id
       FROM case_deadline d
       JOIN case_file c ON c.municipality_id = d.municipality_id AND c.id = d.case_id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
       LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.owner_staff_id
      WHERE d.municipality_id = current_municipality() AND d.raised_at IS NOT NULL AND d.satisfied_at IS NULL`;

/** Raised deadlines not yet satisfied: the reminders in the owners' queues. */
export async function openReminders(tx: Tx): Promise<ReminderRow[]> {
  const { rows } = await tx.query<ReminderRow>(
    `${OPEN_REMINDERS}
      ORDER BY d.due_on`,
  );
  return rows;
}
