import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConnectionLostError, guardPool, isConnectionLost, isSerializationFailure, retryingTransaction, type RetryPolicy } from './faults.ts';

const fault = (code: string, message = `fault ${code}`) => Object.assign(new Error(message), { code, severity: 'FATAL' });

/** A pool whose clients fail a statement once per entry in `failures` ("COMMIT", "work", "BEGIN") with the given error. */
function fakePool(failures: { at: string; error: Error }[]) {
  const released: (Error | undefined)[] = [];
  let attempts = 0;
  const pool = {
    connect: async () => {
      attempts += 1;
      const failure = failures.shift();
      return {
        query: async (sql: string) => {
          if (failure && (sql === failure.at || (failure.at === 'work' && sql === 'SELECT 1'))) throw failure.error;
          return { rows: [], rowCount: 0 };
        },
        release: (error?: Error) => released.push(error),
      };
    },
  } as unknown as pg.Pool;
  return { pool, released, attempts: () => attempts };
}

const quick: RetryPolicy = { serialization: 3, uniqueViolation: 1, connectionLost: 2, pauseMs: () => 0 };
const work = async (client: pg.PoolClient) => (await client.query('SELECT 1'), 'done');

describe('retryingTransaction', () => {
  it('runs a transaction again on a fresh connection when the connection was lost before COMMIT', async () => {
    const { pool, released, attempts } = fakePool([{ at: 'work', error: fault('57P01', 'terminating connection due to administrator command') }]);
    await expect(retryingTransaction(pool, work, 'BEGIN', quick)).resolves.toBe('done');
    expect(attempts()).toBe(2);
    // The broken connection is closed, not returned to the pool.
    expect(released[0]).toBeInstanceOf(Error);
    expect(released[1]).toBeUndefined();
  });

  it('does not run it again when the connection was lost during COMMIT: the outcome is unknown (503)', async () => {
    const { pool, attempts } = fakePool([{ at: 'COMMIT', error: new Error('Connection terminated unexpectedly') }]);
    const error = await retryingTransaction(pool, work, 'BEGIN', quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as ConnectionLostError).duringCommit).toBe(true);
    expect(attempts()).toBe(1);
  });

  it('retries serialization failures and deadlocks up to the limit, then gives up with the original error', async () => {
    const ok = fakePool([{ at: 'work', error: fault('40001') }, { at: 'work', error: fault('40P01') }]);
    await expect(retryingTransaction(ok.pool, work, 'BEGIN', quick)).resolves.toBe('done');
    const failing = fakePool(Array.from({ length: 5 }, () => ({ at: 'work', error: fault('40001') })));
    await expect(retryingTransaction(failing.pool, work, 'BEGIN', quick)).rejects.toMatchObject({ code: '40001' });
    expect(failing.attempts()).toBe(4);
  });

  it('runs a unique violation once more (the use case then sees the committed row), and other errors never', async () => {
    const unique = fakePool([{ at: 'work', error: fault('23505') }, { at: 'work', error: fault('23505') }]);
    await expect(retryingTransaction(unique.pool, work, 'BEGIN', quick)).rejects.toMatchObject({ code: '23505' });
    expect(unique.attempts()).toBe(2);
    const other = fakePool([{ at: 'work', error: fault('22P02') }]);
    await expect(retryingTransaction(other.pool, work, 'BEGIN', quick)).rejects.toMatchObject({ code: '22P02' });
    expect(other.attempts()).toBe(1);
  });

  it('gives up on a connection that stays lost with ConnectionLostError', async () => {
    const { pool, attempts } = fakePool(Array.from({ length: 5 }, () => ({ at: 'BEGIN', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) })));
    await expect(retryingTransaction(pool, work, 'BEGIN', quick)).rejects.toBeInstanceOf(ConnectionLostError);
    expect(attempts()).toBe(3);
  });
});

describe('classifying faults', () => {
  it('knows a lost connection from a bug', () => {
    expect(isConnectionLost(fault('57P01'))).toBe(true);
    expect(isConnectionLost(fault('08006'))).toBe(true);
    expect(isConnectionLost(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isConnectionLost(fault('23505'))).toBe(false);
    expect(isConnectionLost(new TypeError('x is undefined'))).toBe(false);
    expect(isSerializationFailure(fault('40P01'))).toBe(true);
    expect(isSerializationFailure(fault('57P01'))).toBe(false);
  });
});

describe('guardPool', () => {
  function poolFailing(errors: Error[]) {
    let sent = 0;
    const pool = {
      on: () => pool,
      query: async () => {
        sent += 1;
        const error = errors.shift();
        if (error) throw error;
        return { rows: [{ ok: true }] };
      },
    } as unknown as pg.Pool;
    guardPool(pool, () => undefined);
    return { pool, sent: () => sent };
  }

  it('sends a single statement again when the server had ended the connection it met (it did not take effect)', async () => {
    const { pool, sent } = poolFailing([fault('57P01'), fault('57P01'), new Error('Client has encountered a connection error and is not queryable')]);
    await expect(pool.query('SELECT 1')).resolves.toMatchObject({ rows: [{ ok: true }] });
    expect(sent()).toBe(4);
  });

  it('does not send it again when the connection vanished without a word (the outcome is unknown) or on other errors', async () => {
    const vanished = poolFailing([new Error('Connection terminated unexpectedly')]);
    await expect(vanished.pool.query('INSERT INTO t VALUES (1)')).rejects.toThrow('Connection terminated unexpectedly');
    expect(vanished.sent()).toBe(1);
    const other = poolFailing([fault('23505')]);
    await expect(other.pool.query('INSERT INTO t VALUES (1)')).rejects.toMatchObject({ code: '23505' });
    expect(other.sent()).toBe(1);
  });
});
