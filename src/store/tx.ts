/**
 * Transactions scoped to one municipality. Every query of municipal data runs inside one of these:
 * row level security reads app.municipality_id, so a query cannot see or write another tenant's rows.
 */
import type pg from 'pg';

export interface TenantScope {
  readonly municipalityId: string;
  /** The staff member the work is attributed to, if any (null during login). */
  readonly staffId: string | null;
}

export type Tx = pg.PoolClient;

export async function inTenant<T>(pool: pg.Pool, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.municipality_id', $1, true), set_config('app.staff_id', $2, true)", [
      scope.municipalityId,
      scope.staffId ?? '',
    ]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
