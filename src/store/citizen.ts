/** Citizen sessions, the digital intake account, who submitted which application, and a citizen's cases. */
import type pg from 'pg';
import type { Tx } from './tx.ts';

export type CitizenMethod = 'test_login' | 'idporten';

export interface CitizenSessionRow {
  municipality_id: string;
  national_id: string;
  display_name: string;
  method: CitizenMethod;
  expires_at: Date;
}

export async function insertCitizenSession(
  db: pg.Pool,
  s: { tokenHash: string; municipalityId: string; nationalId: string; displayName: string; method: CitizenMethod; expiresAt: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO citizen_session (token_hash, municipality_id, national_id, display_name, method, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [s.tokenHash, s.municipalityId, s.nationalId, s.displayName, s.method, s.expiresAt],
  );
}

export async function findLiveCitizenSession(db: pg.Pool, tokenHash: string): Promise<CitizenSessionRow | null> {
  const { rows } = await db.query<CitizenSessionRow>(
    `SELECT municipality_id, national_id, display_name, method, expires_at FROM citizen_session
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function revokeCitizenSession(db: pg.Pool, tokenHash: string): Promise<void> {
  await db.query('UPDATE citizen_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
}

export const INTAKE_USERNAME = 'digital-soknad';

/** The municipality's digital intake service account (created on first use; it has no password). */
export async function intakeAccount(tx: Tx): Promise<string> {
  await tx.query(
    `INSERT INTO staff (municipality_id, username, display_name, roles, password_hash)
     VALUES (current_municipality(), $1, 'Digital søknad (innbygger)', ARRAY['digital_intake'], NULL)
     ON CONFLICT (municipality_id, username) DO NOTHING`,
    [INTAKE_USERNAME],
  );
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM staff WHERE municipality_id = current_municipality() AND username = $1', [INTAKE_USERNAME]);
  return (rows[0] as { id: string }).id;
}

export async function insertCitizenApplication(
  tx: Tx,
  a: { caseId: string; submitterNationalId: string; submitterName: string; forSelf: boolean; method: CitizenMethod; typedGivenName: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO citizen_application (municipality_id, case_id, submitter_national_id, submitter_name, for_self, method, typed_given_name)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6)`,
    [a.caseId, a.submitterNationalId, a.submitterName, a.forSelf, a.method, a.typedGivenName],
  );
}

export interface CitizenCaseRow {
  id: string;
  case_number: string;
  person_id: string;
  person_given_name: string;
  service_code: string;
  status: string;
  complaint_stage: string | null;
  received_on: string;
  state: Record<string, unknown>;
  own: boolean;
  expected_by: string | null;
}

/** The cases where the citizen is the person, and those the citizen applied for on someone's behalf. */
export async function citizenCases(tx: Tx, nationalId: string): Promise<CitizenCaseRow[]> {
  const { rows } = await tx.query<CitizenCaseRow>(
    `SELECT c.id, c.case_number, c.person_id,
            -- Someone else's case shows the name the applicant typed, never the registered one.
            CASE WHEN p.national_id = $1 THEN p.given_name
                 ELSE (SELECT a.typed_given_name FROM citizen_application a WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id AND a.submitter_national_id = $1)
            END AS person_given_name,
            c.service_code, c.status, c.complaint_stage,
            to_char(c.received_on, 'YYYY-MM-DD') AS received_on, c.state, (p.national_id = $1) AS own,
            (SELECT r.payload->>'expectedBy' FROM case_action r WHERE r.municipality_id = c.municipality_id AND r.case_id = c.id
                AND r.type = 'provisional_reply_sent' ORDER BY r.seq DESC LIMIT 1) AS expected_by
       FROM case_file c
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      WHERE c.municipality_id = current_municipality()
        AND (p.national_id = $1 OR EXISTS (SELECT 1 FROM citizen_application a WHERE a.municipality_id = c.municipality_id
                                             AND a.case_id = c.id AND a.submitter_national_id = $1))
      ORDER BY c.received_on DESC, c.case_number DESC`,
    [nationalId],
  );
  return rows;
}

/** A citizen's access to personal data: the intake account with the citizen's national ID beside it. */
export async function recordCitizenAudit(
  tx: Tx,
  e: { staffId: string; citizenNationalId: string; operation: 'read' | 'write'; resource: string; personIds: readonly string[]; requestId: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_event (municipality_id, staff_id, purpose, operation, resource, person_ids, request_id, citizen_national_id)
     VALUES (current_municipality(), $1, 'own_case', $2, $3, $4, $5, $6)`,
    [e.staffId, e.operation, e.resource, e.personIds, e.requestId, e.citizenNationalId],
  );
}
