/**
 * Chaos (issue 19 part 6): the kill tests, repeated while writers work. Starts an embedded
 * PostgreSQL and `tildel serve` on it, runs writers that open cases and append notes (each with an
 * idempotency key, retried with the same key until answered), and records every write the server
 * acknowledged: the case's id and the version the write gave it. In each round it kills the Node
 * server (SIGKILL, then a new one), ends the app's database connections (pg_terminate_backend) and
 * kills the PostgreSQL postmaster (SIGKILL, then a new start on the same folder). After each round it
 * checks, straight in the database, that every acknowledged write is there, and that the server answers.
 *
 *   npm run chaos -- --rounds 3 --seconds 20 [--writers 4]
 *
 * Prints a summary; exits 1 when an acknowledged write is missing or the server does not come back.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect, ensureDatabase } from '../src/store/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/store/embedded.ts';
import { Client, type Reply } from '../test/helpers/client.ts';
import { createMunicipality, nationalId, PASSWORD } from '../test/helpers/fixtures.ts';
import { freePort } from '../test/helpers/ports.ts';
import { serveChild, terminateAppConnections, type ServeChild } from '../test/helpers/serve.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    writers: { type: 'string', default: '4' },
    // For the test of this script: records one write that was never made, which the check must miss.
    'forge-ack': { type: 'boolean', default: false },
    // Round 1 holds PostgreSQL down across the turn of a minute, when the job runner's schedule fires.
    'across-minute': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const WRITERS = Number(values.writers);
/** How long the server may take to answer again after a kill. */
const RECOVERY_MS = 90_000;
const DB = 'tildel_chaos';

interface Ack {
  readonly caseId: string;
  readonly version: number;
  readonly note: string | null;
}

const acks: Ack[] = [];
const tally = { attempts: 0, acknowledged: 0, retried: 0, unanswered: 0, byStatus: new Map<string, number>() };
const recoveries: { kind: string; ms: number }[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (key: string) => tally.byStatus.set(key, (tally.byStatus.get(key) ?? 0) + 1);

let dir = '';
let pgServer: EmbeddedServer | null = null;
let pgPort = 0;
let httpPort = 0;
let serve: ServeChild | null = null;
let stopping = false;
/** Set when the server exits without being killed: a crash, which no waiting will mend. */
let crashed = false;

const dbUrl = () => {
  const u = new URL((pgServer as EmbeddedServer).url);
  u.pathname = `/${DB}`;
  return u.toString();
};

async function startPostgres(): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: pgPort });
      return;
    } catch (error) {
      // The killed postmaster's backends may hold its shared memory for a moment.
      if (Date.now() - started > RECOVERY_MS) throw error;
      await sleep(500);
    }
  }
}

async function startServer(): Promise<void> {
  serve = await serveChild({ DATABASE_URL: dbUrl(), PORT: String(httpPort), LOG_LEVEL: 'error' });
  serve.child.once('exit', (code, signal) => {
    if (signal === 'SIGKILL') return;
    crashed = true;
    if (!stopping) console.log(`chaos: the server exited on its own (${code ?? signal}):\n${serve?.output().slice(-2000)}`);
  });
}

/** A command sent until it is answered (a 2xx or 4xx), with the same idempotency key each time; null if the writers stop first. */
async function until(client: Client, path: string, body: unknown): Promise<Reply | null> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) tally.retried += 1;
    tally.attempts += 1;
    try {
      const r = await client.command(path, body, key);
      count(String(r.status));
      if (r.status < 500) return r;
    } catch {
      count('no answer');
    }
    if (stopping) return null;
    await sleep(200);
  }
}

async function openCase(client: Client): Promise<{ id: string; version: number } | null> {
  const person = await until(client, '/api/v1/persons', { nationalId: nationalId('1938-06-06'), givenName: 'Kaos', familyName: 'Skriver' });
  if (person?.status !== 201) return null;
  const opened = await until(client, '/api/v1/cases', { personId: person.body.id, serviceCode: 'practical_help', channel: 'self', receivedOn: new Date().toISOString().slice(0, 10), description: 'Kaos' });
  if (opened?.status !== 201) return null;
  acks.push({ caseId: opened.body.id, version: opened.body.version, note: null });
  return opened.body;
}

/** One writer: its own case, notes appended with the version it knows; a new case now and then. */
async function writer(client: Client, w: number): Promise<void> {
  let c: { id: string; version: number } | null = null;
  for (let i = 0; !stopping; i += 1) {
    if (!c || i % 25 === 0) {
      c = await openCase(client);
      continue;
    }
    const note = `w${w}-${i}-${randomUUID().slice(0, 8)}`;
    const r = await until(client, `/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'note_added', payload: { text: note } } });
    if (r === null) {
      tally.unanswered += 1;
      return;
    }
    if (r.status !== 200) throw new Error(`note refused: ${r.status} ${JSON.stringify(r.body)}`);
    acks.push({ caseId: c.id, version: r.body.version, note });
    tally.acknowledged += 1;
    c = { id: c.id, version: r.body.version };
  }
}

/** Waits until the server answers a logged-in read and its readiness; returns how long that took. */
async function answering(client: Client): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < RECOVERY_MS) {
    if (crashed) throw new Error('the server crashed');
    try {
      const ready = await fetch(`${client.baseUrl}/health/ready`);
      if (ready.status === 200 && (await client.get('/api/v1/work-queue').catch(() => ({ status: 0 }))).status < 500) return Date.now() - started;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer within ${RECOVERY_MS / 1000} s`);
}

const KILLS: Record<string, () => Promise<void>> = {
  async node() {
    const child = (serve as ServeChild).child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await startServer();
  },
  async connections() {
    await terminateAppConnections((pgServer as EmbeddedServer).url, DB);
  },
  async postgres() {
    const pid = Number((await readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await sleep(500);
    await startPostgres();
  },
  /**
   * The postmaster killed just before a minute turns and started again after it, so the job runner's
   * schedule (jobs/runner.ts, every minute) fires while PostgreSQL is gone; the server must outlive it.
   */
  async 'postgres at the minute'() {
    await sleep(60_000 - (Date.now() % 60_000) - 500);
    const pid = Number((await readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await sleep(60_000 - (Date.now() % 60_000) + 3000);
    await startPostgres();
  },
};

/** Every acknowledged write, read straight from the database: the case at least at that version, and the note in its log. */
async function missingWrites(): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ case_id: string; version: number; note: string | null }>(
      `SELECT a.case_id, a.version, a.note FROM unnest($1::uuid[], $2::int[], $3::text[]) AS a(case_id, version, note)
        WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = a.case_id AND c.version >= a.version)
           OR (a.note IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_action x WHERE x.case_id = a.case_id AND x.type = 'note_added' AND x.payload->>'text' = a.note))`,
      [acks.map((a) => a.caseId), acks.map((a) => a.version), acks.map((a) => a.note)],
    );
    return rows.map((r) => `${r.case_id} v${r.version}${r.note ? ` note ${r.note}` : ''}`);
  } finally {
    await client.end();
  }
}

async function round(r: number, clients: Client[]): Promise<string[]> {
  stopping = false;
  const writers = clients.map((c, w) => writer(c, w));
  for (const kind of ['node', 'connections', r === 1 && values['across-minute'] ? 'postgres at the minute' : 'postgres']) {
    await sleep((SECONDS * 1000) / 4);
    const started = Date.now();
    await (KILLS[kind] as () => Promise<void>)();
    await answering(clients[0] as Client);
    recoveries.push({ kind, ms: Date.now() - started });
    console.log(`chaos: round ${r}: killed ${kind}; answering again after ${Date.now() - started} ms`);
  }
  await sleep((SECONDS * 1000) / 4);
  stopping = true;
  await Promise.all(writers);
  await answering(clients[0] as Client);
  return missingWrites();
}

async function main(): Promise<number> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-chaos-'));
  await chmod(dir, 0o755);
  [pgPort, httpPort] = [await freePort(), await freePort()];
  await startPostgres();
  await ensureDatabase((pgServer as EmbeddedServer).url, DB);
  const db = await connect(dbUrl(), 'chaos');
  const m = await createMunicipality(db);
  await db.close();
  await startServer();
  const url = (serve as ServeChild).url;
  const clients = await Promise.all(Array.from({ length: WRITERS }, () => Client.login(url, m.id, 'caseworker', PASSWORD)));
  if (values['forge-ack']) acks.push({ caseId: randomUUID(), version: 1, note: null });
  let lost: string[] = [];
  for (let r = 1; r <= ROUNDS; r += 1) {
    const missing = await round(r, clients);
    console.log(`chaos: round ${r}: ${acks.length} acknowledged writes so far, ${missing.length} missing`);
    lost = missing;
    if (missing.length) break;
  }
  printSummary(lost);
  return lost.length ? 1 : 0;
}

/** The summary; `failure` is why the run stopped early, if it did (then no write check is claimed). */
function printSummary(lost: readonly string[], failure?: string): void {
  const worst = (kind: string) => Math.max(0, ...recoveries.filter((x) => x.kind.startsWith(kind)).map((x) => x.ms));
  console.log('\nchaos summary');
  console.log(`  rounds: ${ROUNDS} × ${SECONDS} s, ${WRITERS} writers; kills: node ${recoveries.filter((x) => x.kind === 'node').length}, connections ${recoveries.filter((x) => x.kind === 'connections').length}, postgres ${recoveries.filter((x) => x.kind.startsWith('postgres')).length}`);
  console.log(`  requests: ${tally.attempts} (${tally.retried} retries with the same key); answers: ${[...tally.byStatus].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  console.log(`  slowest recovery: node ${worst('node')} ms, connections ${worst('connections')} ms, postgres ${worst('postgres')} ms`);
  console.log(`  acknowledged writes: ${acks.length} (cases opened and notes appended); missing: ${lost.length}`);
  for (const l of lost.slice(0, 20)) console.log(`    lost: ${l}`);
  if (failure) console.log(`chaos: FAILED: ${failure}`);
  else console.log(lost.length ? 'chaos: FAILED: acknowledged writes are missing' : 'chaos: OK: every acknowledged write is present');
}

async function cleanUp(): Promise<void> {
  stopping = true;
  if (serve && serve.child.exitCode === null && serve.child.signalCode === null) {
    const exited = new Promise((resolve) => serve?.child.once('exit', resolve));
    serve.child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
  }
  await pgServer?.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(1)));
}

let code = 1;
try {
  code = await main();
} catch (error) {
  printSummary([], error instanceof Error ? error.message : String(error));
} finally {
  await cleanUp();
}
process.exit(code);
