/**
 * Load and soak (issue 19 part 6): N staff sessions at once against `tildel serve` on loopback, for a
 * bounded time, with a mix of what staff do: the work queue, case lists and cases, person search,
 * notes appended with the version just read, visits recorded by the providers' staff under accepted
 * orders, and a leader's report now and then. Each session waits a think time between requests.
 *
 *   npm run bench:load -- --sessions 500 --minutes 10 [--think-ms 2000] [--scale 0.5]
 *
 * Starts its own embedded PostgreSQL with the demo municipalities (at --scale) and the server as a
 * child process (so its memory is its own), and prints: requests and errors (5xx or no answer) per
 * route with p50/p99 in ms, the error rate, throughput, and the server's RSS (sampled each second) against
 * the 300 MB target (issue 18), with the memory settings the server ran with (docs/operations.md, "Memory").
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { norwegianDate } from '../src/app/clock.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/load.ts';
import { DEMO_PASSWORD, demoMunicipalities } from '../src/demo/municipalities.ts';
import { connect, ensureDatabase } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { Client } from '../test/helpers/client.ts';
import { freePort } from '../test/helpers/ports.ts';
import { rssMegabytes, serveChild } from '../test/helpers/serve.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '100' },
    minutes: { type: 'string', default: '2' },
    'think-ms': { type: 'string', default: '2000' },
    scale: { type: 'string', default: '0.5' },
  },
});
const SESSIONS = Number(values.sessions);
const MINUTES = Number(values.minutes);
const THINK_MS = Number(values['think-ms']);
const SCALE = Number(values.scale);

interface RouteStats {
  readonly ms: number[];
  readonly statuses: Map<number, number>;
  errors: number;
}
const stats = new Map<string, RouteStats>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];

/** Times one request under its route's name; an answer of 5xx or none is an error. */
async function timed<T>(route: string, send: () => Promise<{ status: number; body: T }>): Promise<{ status: number; body: T } | null> {
  const s: RouteStats = stats.get(route) ?? { ms: [], statuses: new Map<number, number>(), errors: 0 };
  stats.set(route, s);
  const started = performance.now();
  try {
    const r = await send();
    s.ms.push(performance.now() - started);
    s.statuses.set(r.status, (s.statuses.get(r.status) ?? 0) + 1);
    if (r.status >= 500) s.errors += 1;
    return r;
  } catch {
    s.errors += 1;
    s.statuses.set(0, (s.statuses.get(0) ?? 0) + 1);
    return null;
  }
}

interface Session {
  readonly client: Client;
  readonly kind: 'caseworker' | 'leader' | 'provider';
  readonly employee: string;
  cases: string[];
  orders: string[];
}

const month = () => norwegianDate().slice(0, 7);
const SEARCHES = ['Ha', 'Ol', 'Be', 'Kr', 'Jo', 'An', 'Ni', 'Li'];

/** A case read, then now and then a note appended with the version just read (409 when another session was quicker). */
async function readCase(s: Session, write: boolean): Promise<void> {
  const id = pick(s.cases);
  if (!id) return void (await listCases(s));
  const c = await timed('GET /cases/:id', () => s.client.get(`/api/v1/cases/${id}`));
  if (!write || c?.status !== 200) return;
  await timed('POST /cases/:id/actions (note)', () => s.client.command(`/api/v1/cases/${id}/actions`, { expectedVersion: c.body.version, action: { type: 'note_added', payload: { text: 'Ringt pårørende (last)' } } }));
}

async function listCases(s: Session): Promise<void> {
  const r = await timed('GET /cases', () => s.client.get(`/api/v1/cases?limit=20&offset=${Math.floor(Math.random() * 5) * 20}`));
  if (r?.status === 200) s.cases = [...new Set([...s.cases, ...r.body.items.map((c: { id: string }) => c.id)])].slice(-200);
}

async function caseworkerStep(s: Session): Promise<void> {
  const x = Math.random();
  if (x < 0.3) await timed('GET /work-queue', () => s.client.get('/api/v1/work-queue'));
  else if (x < 0.45) await listCases(s);
  else if (x < 0.7) await readCase(s, false);
  else if (x < 0.8) await timed('POST /persons/search', () => s.client.post('/api/v1/persons/search', { name: pick(SEARCHES), limit: 20 }));
  else await readCase(s, true);
}

async function leaderStep(s: Session): Promise<void> {
  const x = Math.random();
  if (x < 0.1) await timed('GET /reports/steering-card', () => s.client.get(`/api/v1/reports/steering-card?month=${month()}`));
  else if (x < 0.2) await timed('GET /reports/delivery', () => s.client.get(`/api/v1/reports/delivery?month=${month()}`));
  else if (x < 0.4) await timed('GET /work-queue', () => s.client.get('/api/v1/work-queue'));
  else if (x < 0.6) await listCases(s);
  else await readCase(s, false);
}

async function providerStep(s: Session): Promise<void> {
  const x = Math.random();
  if (x < 0.4 || !s.orders.length) {
    const r = await timed('GET /orders', () => s.client.get('/api/v1/orders?status=accepted'));
    if (r?.status === 200) s.orders = [...new Set(r.body.map((o: { caseId: string }) => o.caseId))] as string[];
  } else if (x < 0.9) {
    const caseId = pick(s.orders) as string;
    await timed('POST /visits', () => s.client.command('/api/v1/visits', { caseId, employeeRef: s.employee, visitDate: norwegianDate(), minutes: 30 }));
  } else await timed('GET /reports/continuity', () => s.client.get(`/api/v1/reports/continuity?month=${month()}`));
}

const STEP = { caseworker: caseworkerStep, leader: leaderStep, provider: providerStep };

async function run(s: Session, until: number): Promise<void> {
  await sleep(Math.random() * THINK_MS);
  while (Date.now() < until) {
    await STEP[s.kind](s);
    await sleep(THINK_MS * (0.5 + Math.random()));
  }
}

/** The demo's staff, each as the kind of work they do; sessions go round them. */
function logins(): { municipality: string; username: string; kind: Session['kind'] }[] {
  return demoMunicipalities()
    .filter((m) => m.persons > 0)
    .flatMap((m) =>
      m.staff.flatMap((st) => {
        const kind: Session['kind'] | null = st.roles.includes('leader') ? 'leader' : st.roles.includes('provider_staff') ? 'provider' : st.roles.some((r) => ['caseworker', 'team_member', 'team_leader'].includes(r)) ? 'caseworker' : null;
        return kind ? [{ municipality: m.id, username: st.username, kind }] : [];
      }),
    );
}

async function openSessions(url: string): Promise<Session[]> {
  const who = logins();
  const sessions: Session[] = [];
  for (let i = 0; i < SESSIONS; i += 10) {
    const batch = Array.from({ length: Math.min(10, SESSIONS - i) }, (_, k) => who[(i + k) % who.length] as (typeof who)[number]);
    sessions.push(...(await Promise.all(batch.map(async (l, k) => ({ client: await Client.login(url, l.municipality, l.username, DEMO_PASSWORD), kind: l.kind, employee: `E${i + k}`, cases: [], orders: [] })))));
  }
  return sessions;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function report(seconds: number, rss: { start: number; peak: number; end: number }): void {
  let total = 0;
  let errors = 0;
  console.log(`\n| route | requests | 4xx | errors | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|`);
  for (const [route, s] of [...stats].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    const n = s.ms.length + (s.statuses.get(0) ?? 0);
    const refused = [...s.statuses].filter(([st]) => st >= 400 && st < 500).map(([st, k]) => `${k}×${st}`).join(' ');
    console.log(`| ${route} | ${n} | ${refused || 0} | ${s.errors} | ${quantile(sorted, 0.5).toFixed(0)} | ${quantile(sorted, 0.99).toFixed(0)} |`);
    total += n;
    errors += s.errors;
  }
  console.log(`\n${SESSIONS} sessions, ${MINUTES} min, think time ${THINK_MS} ms: ${total} requests, ${(total / seconds).toFixed(1)} per second; errors (5xx or no answer): ${errors} (${((errors / Math.max(1, total)) * 100).toFixed(3)} %)`);
  console.log(`server RSS: ${rss.start.toFixed(0)} MB at the start, ${rss.peak.toFixed(0)} MB at the peak, ${rss.end.toFixed(0)} MB at the end (sampled each second); target < 300 MB: ${rss.peak < 300 ? 'met' : 'NOT MET'}`);
  console.log(`memory settings the server ran with: ${memorySettings()}`);
}

/** The settings that change the server's memory (docs/operations.md, "Memory"), as the server got them: the heap factor as its config reads it. */
function memorySettings(): string {
  const factor = `TILDEL_HEAP_GROWING_PERCENT ${loadConfig().TILDEL_HEAP_GROWING_PERCENT}${process.env.TILDEL_HEAP_GROWING_PERCENT === undefined ? ' (the default)' : ''}`;
  const names = ['GLIBC_TUNABLES', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_ARENA_MAX', 'UV_THREADPOOL_SIZE'];
  const set = names.filter((n) => process.env[n] !== undefined).map((n) => `${n}=${process.env[n]}`);
  return [factor, ...(set.length ? set : ['glibc malloc as it is'])].join(', ');
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-load-'));
await chmod(dir, 0o755);
const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
let serve: Awaited<ReturnType<typeof serveChild>> | null = null;
try {
  const url = await ensureDatabase(pgServer.url, 'tildel_load');
  const db = await connect(url, 'load');
  console.log(`Loading the demo municipalities at scale ${SCALE} …`);
  await loadDemo(db, { seed: 2026, asOf: new Date(), scale: SCALE });
  await db.close();
  serve = await serveChild({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn', TILDEL_LOGINS_PER_MINUTE: '100000' });
  const pid = serve.child.pid as number;
  const sessions = await openSessions(serve.url);
  console.log(`${sessions.length} sessions logged in; running for ${MINUTES} min …`);
  const rss = { start: await rssMegabytes(pid), peak: 0, end: 0 };
  const sampler = setInterval(() => void rssMegabytes(pid).then((mb) => (rss.peak = Math.max(rss.peak, mb))), 1000);
  const started = Date.now();
  await Promise.all(sessions.map((s) => run(s, started + MINUTES * 60_000)));
  clearInterval(sampler);
  rss.end = await rssMegabytes(pid);
  report((Date.now() - started) / 1000, rss);
} finally {
  if (serve && serve.child.exitCode === null) {
    const exited = new Promise((resolve) => serve?.child.once('exit', resolve));
    serve.child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
  }
  await pgServer.stop();
  await rm(dir, { recursive: true, force: true });
}
