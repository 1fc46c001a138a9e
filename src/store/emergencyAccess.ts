/** Emergency access (akuttilgang) to single cases, and the leaders' reviews of them. Append-only. */
import type { Tx } from './tx.ts';

export interface EmergencyAccessRow {
  id: string;
  staff_id: string;
  staff_name: string;
  case_id: string;
  case_number: string;
  person_id: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  verdict: string | null;
  note: string | null;
}

export async function insertEmergencyAccess(
  tx: Tx,
  e: { staffId: string; caseId: string; personId: string; reason: string; grantedAt: Date; expiresAt: Date },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO emergency_access (municipality_id, staff_id, case_id, person_id, reason, granted_at, expires_at)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [e.staffId, e.caseId, e.personId, e.reason, e.grantedAt, e.expiresAt],
  );
  return rows[0]?.id as string;
}

/** The cases a staff member holds emergency access to at the instant. */
export async function activeEmergencyCases(tx: Tx, staffId: string, at: Date): Promise<string[]> {
  const { rows } = await tx.query<{ case_id: string }>(
    `SELECT DISTINCT case_id FROM emergency_access
      WHERE municipality_id = current_municipality() AND staff_id = $1 AND granted_at <= $2 AND expires_at > $2`,
    [staffId, at],
  );
  return rows.map((r) => r.case_id);
}

/** Emergency accesses granted since the instant, the unreviewed first, newest first. */
export async function listEmergencyAccesses(tx: Tx, since: Date, limit: number): Promise<EmergencyAccessRow[]> {
  const { rows } = await tx.query<EmergencyAccessRow>(
    `SELECT e.id, e.staff_id, s.display_name AS staff_name, e.case_id, c.case_number, e.person_id, e.reason, e.granted_at, e.expires_at,
            rs.display_name AS reviewed_by_name, r.reviewed_at, r.verdict, r.note
       FROM emergency_access e
       JOIN staff s ON s.municipality_id = e.municipality_id AND s.id = e.staff_id
       JOIN case_file c ON c.municipality_id = e.municipality_id AND c.id = e.case_id
       LEFT JOIN emergency_access_review r ON r.municipality_id = e.municipality_id AND r.access_id = e.id
       LEFT JOIN staff rs ON rs.municipality_id = r.municipality_id AND rs.id = r.reviewed_by
      WHERE e.municipality_id = current_municipality() AND e.granted_at >= $1
      ORDER BY (r.access_id IS NULL) DESC, e.granted_at DESC LIMIT $2`,
    [since, limit],
  );
  return rows;
}

export async function findEmergencyAccess(tx: Tx, id: string): Promise<{ id: string; staff_id: string; reviewed: boolean } | null> {
  const { rows } = await tx.query<{ id: string; staff_id: string; reviewed: boolean }>(
    `SELECT e.id, e.staff_id, EXISTS (SELECT 1 FROM emergency_access_review r WHERE r.municipality_id = e.municipality_id AND r.access_id = e.id) AS reviewed
       FROM emergency_access e WHERE e.municipality_id = current_municipality() AND e.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertEmergencyReview(tx: Tx, r: { accessId: string; reviewedBy: string; verdict: string; note: string; at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO emergency_access_review (municipality_id, access_id, reviewed_by, verdict, note, reviewed_at)
     VALUES (current_municipality(), $1, $2, $3, $4, $5)`,
    [r.accessId, r.reviewedBy, r.verdict, r.note, r.at],
  );
}

export interface UnusualReadingRow {
  staff_id: string;
  staff_name: string;
  hour: Date;
  persons: number;
}

/**
 * Staff who read more distinct persons one by one (a case, a person, a history, a letter) within one
 * hour than the threshold, since the instant: the pattern of browsing rather than handling.
 */
export async function unusualReading(tx: Tx, since: Date, threshold: number, limit: number): Promise<UnusualReadingRow[]> {
  const { rows } = await tx.query<UnusualReadingRow>(
    `SELECT a.staff_id, s.display_name AS staff_name, date_trunc('hour', a.at) AS hour, count(DISTINCT p.person_id)::int AS persons
       FROM audit_event a
       CROSS JOIN LATERAL unnest(a.person_ids) AS p(person_id)
       JOIN staff s ON s.municipality_id = a.municipality_id AND s.id = a.staff_id
      WHERE a.municipality_id = current_municipality() AND a.at >= $1 AND a.operation IN ('read', 'emergency')
        AND cardinality(a.person_ids) = 1 AND NOT ('system' = ANY (s.roles))
      GROUP BY a.staff_id, s.display_name, date_trunc('hour', a.at)
     HAVING count(DISTINCT p.person_id) > $2
      ORDER BY persons DESC, hour DESC LIMIT $3`,
    [since, threshold, limit],
  );
  return rows;
}
