/** Logins under way at an identity provider, staff found by their provider subject, and refused logins. */
import type pg from 'pg';
import type { Tx } from './tx.ts';

export type LoginAudience = 'staff' | 'citizen';

export interface PendingLogin {
  readonly audience: LoginAudience;
  readonly municipalityId: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Records a login sent to the provider (and forgets expired ones). Only the state's hash is the key. */
export async function insertPendingLogin(db: pg.Pool, stateHash: string, login: PendingLogin, expiresAt: Date): Promise<void> {
  await db.query('DELETE FROM oidc_login WHERE expires_at < now()');
  await db.query(
    'INSERT INTO oidc_login (state_hash, audience, municipality, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [stateHash, login.audience, login.municipalityId, login.nonce, login.codeVerifier, expiresAt],
  );
}

/** Marks the login with this state used and returns it; null if it is unknown, expired or already used. */
export async function consumePendingLogin(db: pg.Pool, stateHash: string): Promise<PendingLogin | null> {
  const { rows } = await db.query<{ audience: LoginAudience; municipality: string; nonce: string; code_verifier: string }>(
    `UPDATE oidc_login SET used_at = now()
      WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING audience, municipality, nonce, code_verifier`,
    [stateHash],
  );
  const r = rows[0];
  return r ? { audience: r.audience, municipalityId: r.municipality, nonce: r.nonce, codeVerifier: r.code_verifier } : null;
}

export interface StaffSubjectRow {
  id: string;
  username: string;
  oidc_subject: string | null;
  active: boolean;
}

/**
 * The staff members a provider's login may be: the one bound to the subject, and the one whose
 * username the username claim names. Service accounts (digital intake, the rules) never log in.
 */
export async function staffForSubject(tx: Tx, subject: string, username: string | null): Promise<StaffSubjectRow[]> {
  const { rows } = await tx.query<StaffSubjectRow>(
    `SELECT id, username, oidc_subject, active FROM staff
      WHERE municipality_id = current_municipality() AND NOT (roles && ARRAY['digital_intake', 'system'])
        AND (oidc_subject = $1 OR username = $2)`,
    [subject, username],
  );
  return rows;
}

/** Binds the provider's subject to a staff member who has none yet. */
export async function bindStaffSubject(tx: Tx, staffId: string, subject: string): Promise<void> {
  await tx.query('UPDATE staff SET oidc_subject = $2 WHERE municipality_id = current_municipality() AND id = $1 AND oidc_subject IS NULL', [staffId, subject]);
}

export interface LoginRefusal {
  readonly audience: LoginAudience;
  readonly issuer: string;
  readonly subject: string;
  readonly reason: string;
  readonly requestId: string | null;
}

export async function recordLoginRefusal(tx: Tx, r: LoginRefusal): Promise<void> {
  await tx.query(
    `INSERT INTO login_refusal (municipality_id, audience, issuer, subject, reason, request_id)
     VALUES (current_municipality(), $1, $2, $3, $4, $5)`,
    [r.audience, r.issuer, r.subject, r.reason, r.requestId],
  );
}
