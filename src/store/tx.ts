/**
 * Transactions scoped to one municipality. Every query of municipal data runs inside one of these:
 * row level security reads app.municipality_id, so a query cannot see or write another tenant's rows.
 */
import pg from 'pg';
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
  return inTransaction(poolFor(pool, scope.municipalityId), work, tenantBegin(scope), retry);
}

/**
 * Reads in one municipality run at once, each in its own transaction on its own pooled connection
 * (issue 18: PostgreSQL runs one read while Node parses another's rows). A report's reads in one
 * READ COMMITTED transaction each took their own snapshot already, so reads run apart see data no less
 * consistent. Each read holds one connection and never waits for another while it holds it, so
 * reports running together cannot starve the pool.
 */
export function inTenantAtOnce<T extends readonly unknown[]>(pool: pg.Pool, scope: TenantScope, reads: { readonly [K in keyof T]: (tx: Tx) => Promise<T[K]> }): Promise<T> {
  return Promise.all(reads.map((read: (tx: Tx) => Promise<unknown>) => inTenant(pool, scope, read))) as Promise<unknown> as Promise<T>;
}

/**
 * Reads that take no parameters, sent in one round trip as one simple query of several statements
 * (issue 18: a command's cost follows its round trips), their results in the order of the reads. In
 * a transaction they run in it, each statement as it would alone. `sqls` take no parameters: every
 * value in them must be an escaped literal (pg.escapeLiteral).
 */
export async function readTogether(tx: Tx, sqls: readonly string[]): Promise<pg.QueryResult[]> {
  if (sqls.length < 2) return sqls.length ? [await tx.query(sqls[0] as string)] : [];
  return (await tx.query(sqls.join(';\n'))) as unknown as pg.QueryResult[];
}

/** The tenant's settings, local to the transaction, as a statement with the values as escaped literals (for simple queries, which take no parameters). */
function tenantSettings(scope: TenantScope): string {
  return `SELECT set_config('app.municipality_id', ${pg.escapeLiteral(scope.municipalityId)}, true), set_config('app.staff_id', ${pg.escapeLiteral(scope.staffId ?? '')}, true)`;
}

/** BEGIN and the tenant's settings in one round trip (a simple query of two statements). */
function tenantBegin(scope: TenantScope): string {
  return `BEGIN; ${tenantSettings(scope)}`;
}

/**
 * One read in a municipality in one round trip: the settings and the read as one simple query, which
 * PostgreSQL runs as one implicit transaction (so the settings hold for the read and end with it).
 * `sql` takes no parameters: every value in it must be an escaped literal (pg.escapeLiteral).
 */
export async function readInTenant<R extends pg.QueryResultRow>(pool: pg.Pool, scope: TenantScope, sql: string): Promise<R[]> {
  const results = (await poolFor(pool, scope.municipalityId).query(`${tenantSettings(scope)}; ${sql}`)) as unknown as pg.QueryResult<R>[];
  return results[1]?.rows ?? [];
}
