/** Failed logins per municipality and username, for the lockout (app/auth.ts). */
import type pg from 'pg';

/** Failed attempts for the name since `since`. */
export async function failuresSince(db: pg.Pool, municipality: string, username: string, since: Date): Promise<{ count: number; last: Date | null }> {
  const { rows } = await db.query<{ count: number; last: Date | null }>(
    'SELECT count(*)::int AS count, max(failed_at) AS last FROM login_failure WHERE municipality = $1 AND username = $2 AND failed_at >= $3',
    [municipality, username, since],
  );
  return rows[0] ?? { count: 0, last: null };
}

/** Records a failure, and forgets the name's failures older than `forgetBefore`. */
export async function recordFailure(db: pg.Pool, municipality: string, username: string, forgetBefore: Date): Promise<void> {
  await db.query('DELETE FROM login_failure WHERE municipality = $1 AND username = $2 AND failed_at < $3', [municipality, username, forgetBefore]);
  await db.query('INSERT INTO login_failure (municipality, username) VALUES ($1, $2)', [municipality, username]);
}

/** A successful login clears the name's failures. */
export async function clearFailures(db: pg.Pool, municipality: string, username: string): Promise<void> {
  await db.query('DELETE FROM login_failure WHERE municipality = $1 AND username = $2', [municipality, username]);
}
