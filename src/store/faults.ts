/**
 * Faults of the database connection and of concurrency, and what we do about them.
 *
 * - A connection the server closes (a failover, a restart, a DBA's pg_terminate_backend) makes pg
 *   emit 'error' on the client, also on a client that is checked out of the pool between two queries;
 *   without a listener that event kills the process. Every client gets a listener when it connects.
 * - A transaction that lost its connection before COMMIT was sent wrote nothing: it is run again on a
 *   fresh connection. One that lost it during COMMIT may or may not have committed: that is answered
 *   503 (ConnectionLostError), and the client retries with its idempotency key, which is safe.
 * - A serialization failure or deadlock (40001, 40P01) rolls the transaction back: run again.
 * - A unique violation (23505) from a race (two requests create the same thing at the same moment)
 *   rolls the transaction back; run once more, the use case's own check now sees the committed row and
 *   answers the conflict in its own words (409 with the field), or finds the row and goes on.
 */
import type pg from 'pg';

/** SQLSTATEs of a connection the server ended or cannot give (class 08 and the shutdowns of class 57). */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '08P01']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGES = /Connection terminated|not queryable|Connection ended|timeout exceeded when trying to connect/i;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The connection to the database was lost or could not be had: the request may be tried again. */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof ConnectionLostError) return true;
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  return (code !== undefined && (CONNECTION_CODES.has(code) || SOCKET_CODES.has(code))) || CONNECTION_MESSAGES.test(error.message);
}

/** 40001 serialization_failure, 40P01 deadlock_detected: the transaction was rolled back and can run again. */
export function isSerializationFailure(error: unknown): boolean {
  const code = codeOf(error);
  return code === '40001' || code === '40P01';
}

export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === '23505';

/** The database connection was lost; whether a COMMIT took effect is unknown when `duringCommit`. */
export class ConnectionLostError extends Error {
  constructor(
    readonly duringCommit: boolean,
    options?: { cause?: unknown },
  ) {
    super(duringCommit ? 'The database connection was lost while committing; the outcome is unknown.' : 'The database connection was lost.', options);
  }
}

/** How many times each kind of fault may be retried, and the pause between tries. */
export interface RetryPolicy {
  readonly serialization: number;
  readonly uniqueViolation: number;
  readonly connectionLost: number;
  readonly pauseMs: (attempt: number) => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  serialization: 8,
  uniqueViolation: 1,
  connectionLost: 2,
  pauseMs: (attempt) => Math.round(Math.random() * 20 * 2 ** Math.min(attempt, 5)),
};

/** For work that writes outside the transaction as it goes (an export to a file): never run twice. */
export const NO_RETRY: RetryPolicy = { serialization: 0, uniqueViolation: 0, connectionLost: 0, pauseMs: () => 0 };

type Phase = 'connect' | 'work' | 'commit';

/** As many as a pool may hold (ours hold at most 10). */
const STALE_CONNECTIONS = 10;

/** How many times this kind of error may be retried, or null when it may not. */
function allowance(error: unknown, phase: Phase, policy: RetryPolicy): { kind: string; limit: number } | null {
  // BEGIN met a pooled connection the server had ended: nothing was done, and the pool may hold more such.
  if (phase === 'connect' && sessionEnded(error)) return { kind: 'stale', limit: STALE_CONNECTIONS };
  if (isSerializationFailure(error)) return { kind: 'serialization', limit: policy.serialization };
  if (isUniqueViolation(error)) return { kind: 'unique', limit: policy.uniqueViolation };
  if (isConnectionLost(error) && phase !== 'commit') return { kind: 'connection', limit: policy.connectionLost };
  return null;
}

/**
 * One transaction on a pooled connection, run again when a fault rolled it back (see above). `work`
 * must do nothing outside the transaction that cannot happen twice (ours only write to the database).
 */
export async function retryingTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN', policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  const used = new Map<string, number>();
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await transactionOnce(pool, work, begin);
    if (outcome.ok) return outcome.value;
    const allowed = allowance(outcome.error, outcome.phase, policy);
    const tries = allowed ? (used.get(allowed.kind) ?? 0) : 0;
    if (!allowed || tries >= allowed.limit) throw finalError(outcome.error, outcome.phase);
    used.set(allowed.kind, tries + 1);
    await new Promise((resolve) => setTimeout(resolve, policy.pauseMs(attempt)));
  }
}

function finalError(error: unknown, phase: Phase): unknown {
  if (error instanceof ConnectionLostError || !isConnectionLost(error)) return error;
  return new ConnectionLostError(phase === 'commit', { cause: error });
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; phase: Phase };

async function transactionOnce<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin: string): Promise<Outcome<T>> {
  let phase: Phase = 'connect';
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    return { ok: false, error, phase };
  }
  let broken: Error | undefined;
  try {
    await client.query(begin);
    phase = 'work';
    const value = await work(client);
    phase = 'commit';
    await client.query('COMMIT');
    return { ok: true, value };
  } catch (error) {
    if (isConnectionLost(error)) broken = error as Error;
    else await client.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
    return { ok: false, error, phase };
  } finally {
    // A connection that failed is closed, not returned to the pool.
    client.release(broken);
  }
}

/**
 * The server ended the session (administrator command, crash or shutdown: 57P01, 57P02) or pg knew
 * the connection was dead before sending: a single statement outside a transaction did not take
 * effect, so it can be sent again on another connection. (A connection that just vanished, with no
 * word from the server, is not among these: whether its statement committed is unknown.)
 */
function sessionEnded(error: unknown): boolean {
  const code = codeOf(error);
  return code === '57P01' || code === '57P02' || (error instanceof Error && /not queryable/.test(error.message));
}

/**
 * pool.query (one statement on a pooled connection, outside a transaction) sent again when it met a
 * connection the server had ended, typically an idle one whose end the pool had not yet heard of (the
 * pool may hold several). Callback and streaming forms are left as they are.
 */
function resendEndedStatements(pool: pg.Pool): void {
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const resending = (...args: unknown[]): unknown => {
    const first = args[0] as { submit?: unknown } | null;
    if (typeof args.at(-1) === 'function' || (typeof first === 'object' && first !== null && typeof first.submit === 'function')) return original(...args);
    const attempt = (left: number): Promise<unknown> =>
      (original(...args) as Promise<unknown>).catch((error: unknown) => (left > 0 && sessionEnded(error) ? attempt(left - 1) : Promise.reject(error)));
    return attempt(STALE_CONNECTIONS);
  };
  pool.query = resending as typeof pool.query;
}

/**
 * Keeps a pool's connection faults from killing the process: idle clients report them on the pool,
 * checked-out clients on themselves. `report` hears each once, for the log.
 */
export function guardPool(pool: pg.Pool, report: (error: Error) => void): void {
  resendEndedStatements(pool);
  pool.on('error', report);
  // A checked-out client whose connection ends emits 'error' too; its query has already rejected, so
  // the request answers through that rejection and this listener only has to exist.
  pool.on('connect', (client) => client.on('error', () => undefined));
}
