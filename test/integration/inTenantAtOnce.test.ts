/**
 * Reads run at once (store/tx.ts inTenantAtOnce, issue 18), on a real PostgreSQL: each read in its
 * own transaction on its own connection, in the municipality asked for, all of them under way
 * together; a failing read fails the whole with its own error and leaves no connection taken; and
 * many reports reading at once on a small pool all finish (no read waits for a connection while it
 * holds one).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { inTenantAtOnce, type Tx } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
let small: pg.Pool;
const scope = { municipalityId: 'solstad', staffId: null };

beforeAll(async () => {
  db = await createTestDatabase();
  // The application's pool with room for two connections only.
  small = new pg.Pool({ ...db.app.options, max: 2 });
}, 60_000);

afterAll(async () => {
  await small?.end();
  await db?.close();
});

interface Where {
  pid: number;
  xid: string;
  municipality: string;
}

const where = async (tx: Tx): Promise<Where> => (await tx.query<Where>('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid, current_municipality() AS municipality')).rows[0] as Where;

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; give: () => void } {
  let give = () => {};
  const promise = new Promise<void>((resolve) => (give = resolve));
  return { promise, give };
}

/** Rejects if `p` has not settled within `ms`: the reads waited for each other. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(what)), ms).unref())]);
}

describe('inTenantAtOnce', () => {
  it('runs each read in its own transaction on its own connection, in the municipality, all under way together', async () => {
    const started = [signal(), signal(), signal()];
    // Each read waits until every read has begun: run one after another, the first would wait for ever.
    const read = (i: number) => async (tx: Tx) => {
      started[i]?.give();
      await Promise.all(started.map((s) => s.promise));
      return where(tx);
    };
    const [a, b, c] = await within(inTenantAtOnce(db.app, scope, [read(0), read(1), read(2)]), 10_000, 'the reads ran one after another');
    expect(new Set([a.pid, b.pid, c.pid]).size).toBe(3);
    expect(new Set([a.xid, b.xid, c.xid]).size).toBe(3);
    expect([a.municipality, b.municipality, c.municipality]).toEqual(['solstad', 'solstad', 'solstad']);
  });

  it('gives back each read’s own result in the order of the reads', async () => {
    const [n, text, rows] = await inTenantAtOnce(db.app, scope, [
      async (tx) => Number((await tx.query<{ n: number }>('SELECT 41 + 1 AS n')).rows[0]?.n),
      async (tx) => (await tx.query<{ t: string }>(`SELECT 'to' AS t`)).rows[0]?.t,
      async (tx) => (await tx.query<{ g: number }>('SELECT generate_series(1, 3) AS g')).rows.map((r) => r.g),
    ]);
    expect(n).toBe(42);
    expect(text).toBe('to');
    expect(rows).toEqual([1, 2, 3]);
  });

  it('fails with the failing read’s error, and every connection is given back once the other reads end', async () => {
    const slowEnded = signal();
    const attempt = inTenantAtOnce(small, scope, [
      async (tx) => {
        await tx.query('SELECT pg_sleep(0.2)');
        slowEnded.give();
        return 1;
      },
      async (tx) => (await tx.query('SELECT 1 / 0')).rows,
    ]);
    await expect(attempt).rejects.toThrow(/division by zero/);
    await slowEnded.promise;
    // The slow read's transaction ends on its own after the whole has failed.
    await within(
      (async () => {
        while (small.idleCount !== small.totalCount || small.waitingCount !== 0) await new Promise((r) => setTimeout(r, 10));
      })(),
      10_000,
      'a connection was kept',
    );
    expect(small.idleCount).toBe(small.totalCount);
  });

  it('lets many reports read at once on a pool of two connections without starving it', async () => {
    const report = (k: number) =>
      inTenantAtOnce(small, scope, [
        async (tx) => (await tx.query('SELECT pg_sleep(0.01)'), k),
        async (tx) => (await where(tx)).municipality,
        async (tx) => (await tx.query<{ k: number }>('SELECT $1::int AS k', [k])).rows[0]?.k,
      ]);
    const all = await within(Promise.all(Array.from({ length: 8 }, (_, k) => report(k))), 20_000, 'the pool starved');
    expect(all).toEqual(Array.from({ length: 8 }, (_, k) => [k, 'solstad', k]));
    expect(small.waitingCount).toBe(0);
  });
});
