/**
 * Transactions scoped to one municipality. Every query of municipal data runs inside one of these:
 * row level security reads app.municipality_id, so a query cannot see or write another tenant's rows.
 */
import type pg from 'pg';
import { DEFAULT_RETRY, retryingTransaction, type RetryPolicy } from './faults.ts';
import { poolFor } from './routing.ts';
import { traced, tracingOn } from './tracing.ts';

export interface TenantScope {
  readonly municipalityId: string;
  /** The staff member the work is attributed to, if any (null during login). */
  readonly staffId: string | null;
}

export type Tx = pg.PoolClient;

/**
 * One transaction on a pooled connection: committed when `work` returns, rolled back when it throws;
 * run again when a race, a deadlock or a lost connection rolled it back (faults.ts), unless `retry`
 * is NO_RETRY (work that writes outside the database as it goes).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>, begin = 'BEGIN', retry: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  if (!tracingOn()) return retryingTransaction(pool, work, begin, retry);
  // A span per transaction (tracing.ts); `retries` counts the times the work was run again.
  return traced('db.transaction', { 'db.system.name': 'postgresql' }, async (span) => {
    let runs = 0;
    try {
      return await retryingTransaction(pool, (tx) => ((runs += 1), work(tx)), begin, retry);
    } finally {
      span?.setAttribute('retries', Math.max(0, runs - 1));
    }
  });
}

/**
 * A transaction in one municipality, on the server it lives on (routing.ts); `retry` is NO_RETRY for
 * work that calls outside the database as it goes.
 */
export async function inTenant<T>(pool: pg.Pool, scope: TenantScope, work: (tx: Tx) => Promise<T>, retry: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  return inTransaction(
    poolFor(pool, scope.municipalityId),
    async (tx) => {
      await tx.query("SELECT set_config('app.municipality_id', $1, true), set_config('app.staff_id', $2, true)", [scope.municipalityId, scope.staffId ?? '']);
      return work(tx);
    },
    'BEGIN',
    retry,
  );
}
