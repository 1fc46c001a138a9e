/**
 * What the HTTP benchmarks share: an embedded PostgreSQL in a temporary folder, the real server on a
 * loopback port with a fixed clock (the day the generated data leads up to), logins, and timing.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../src/app/clock.ts';
import { applyHeapPolicy } from '../src/cli/heap.ts';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import { connect, type Database } from '../src/store/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/store/embedded.ts';
import { freePort } from '../test/helpers/ports.ts';

/** The day the benchmark data leads up to, and the server's clock. */
export const BENCH_DAY = '2026-11-01';
/** The last whole month before it (the month reports are asked for). */
export const BENCH_MONTH = '2026-10';

/** The server's memory policy as `tildel serve` sets it (TILDEL_HEAP_GROWING_PERCENT), for a server run inside a benchmark's process. */
export function heapPolicyAsServed(): void {
  applyHeapPolicy(loadConfig().TILDEL_HEAP_GROWING_PERCENT);
}

export interface Bench {
  readonly db: Database;
  readonly dir: string;
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-'));
  await chmod(dir, 0o755);
  const server: EmbeddedServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
  const db = await connect(server.url, 'bench');
  heapPolicyAsServed();
  const app = await buildServer({ db, allowSyntheticIds: true, sessionHours: 8, loginsPerMinute: 100_000, clock: fixedClock(BENCH_DAY) }, { logLevel: 'warn' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    db,
    dir,
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.close();
      await db.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function login(url: string, municipality: string, username: string, password = 'demo'): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ municipality, username, password }) });
  if (r.status !== 200) throw new Error(`login ${municipality}/${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/**
 * A signed-in staff member as the benchmarks call the API: the session's token, and the purpose stated
 * with each read (a leader reaches the cases' rows only with a purpose such as quality assurance; the
 * access gate gives a caseworker the cases of their work without one).
 */
export interface Reader {
  readonly token: string;
  readonly purpose: string | null;
}

/** The headers of a reader's request. */
export function readerHeaders(reader: Reader): Record<string, string> {
  return { authorization: `Bearer ${reader.token}`, ...(reader.purpose ? { 'tildel-purpose': reader.purpose } : {}) };
}

/** A GET as a reader; the body is read whole (that is part of the time). */
export async function timedGet(url: string, reader: Reader): Promise<{ status: number; ms: number; bytes: number }> {
  const t = performance.now();
  const r = await fetch(url, { headers: readerHeaders(reader) });
  const body = await r.arrayBuffer();
  return { status: r.status, ms: performance.now() - t, bytes: body.byteLength };
}

export interface Timing {
  readonly min: number;
  readonly median: number;
}

/** Runs `work` once to warm up (unless the caller did), then `runs` times; the minimum and median milliseconds. */
export async function timeIt(work: () => Promise<unknown>, runs = 3, warmUp = true): Promise<Timing> {
  if (warmUp) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { min: times[0] ?? 0, median: times[Math.floor(times.length / 2)] ?? 0 };
}

export const ms = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n < 10 ? n.toFixed(1) : n.toFixed(0));
export const met = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

/** `--name value` and `--flag` from the command line. */
export function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const next = process.argv[i + 1];
  return next && !next.startsWith('--') ? next : 'true';
}
