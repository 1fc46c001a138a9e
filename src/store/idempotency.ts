/**
 * Idempotency records: a command's key, a fingerprint of its request, and its first response. The
 * record is written in the same transaction as the command's effects, so either both exist or
 * neither does; a concurrent retry waits on the primary key until the first attempt has finished.
 */
import type { Tx } from './tx.ts';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly statusCode: number;
  readonly body: unknown;
}

/** Claims the key for this transaction; returns the stored response if it was already used. */
export async function claimIdempotencyKey(
  tx: Tx,
  staffId: string,
  key: string,
  fingerprint: string,
): Promise<StoredResponse | null> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_record (municipality_id, staff_id, key, fingerprint, status_code, response)
     VALUES (current_municipality(), $1, $2, $3, 0, 'null'::jsonb)
     ON CONFLICT DO NOTHING`,
    [staffId, key, fingerprint],
  );
  if (inserted.rowCount === 1) return null;
  const { rows } = await tx.query<{ fingerprint: string; status_code: number; response: unknown }>(
    `SELECT fingerprint, status_code, response FROM idempotency_record
      WHERE municipality_id = current_municipality() AND staff_id = $1 AND key = $2`,
    [staffId, key],
  );
  const row = rows[0];
  if (!row) throw new Error('idempotency record vanished');
  return { fingerprint: row.fingerprint, statusCode: row.status_code, body: row.response };
}

export async function completeIdempotencyKey(
  tx: Tx,
  staffId: string,
  key: string,
  statusCode: number,
  body: unknown,
  /** The request's fingerprint when it is known only once the request was read (a streamed file). */
  fingerprint?: string,
): Promise<void> {
  await tx.query(
    `UPDATE idempotency_record SET status_code = $3, response = $4, fingerprint = COALESCE($5, fingerprint)
      WHERE municipality_id = current_municipality() AND staff_id = $1 AND key = $2`,
    [staffId, key, statusCode, JSON.stringify(body), fingerprint ?? null],
  );
}
