/** Login sessions: only the SHA-256 hash of a token is stored. */
import type pg from 'pg';

export interface SessionRow {
  municipality_id: string;
  staff_id: string;
  expires_at: Date;
}

export async function insertSession(
  db: pg.Pool,
  row: { tokenHash: string; municipalityId: string; staffId: string; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO login_session (token_hash, municipality_id, staff_id, expires_at) VALUES ($1, $2, $3, $4)', [
    row.tokenHash,
    row.municipalityId,
    row.staffId,
    row.expiresAt,
  ]);
}

/** The live session of a token, touched as used now: not revoked, not past its expiry, and used within the last `idleMinutes`. */
export async function findLiveSession(db: pg.Pool, tokenHash: string, idleMinutes: number): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(
    `UPDATE login_session SET last_seen_at = now()
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
      RETURNING municipality_id, staff_id, expires_at`,
    [tokenHash, idleMinutes],
  );
  return rows[0] ?? null;
}

export async function revokeSession(db: pg.Pool, tokenHash: string): Promise<void> {
  await db.query('UPDATE login_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
}
