/**
 * Benchmark: how long the work queue and the leader's heavy reports hold up the event loop (issue 18:
 * no request may block it for more than 50 ms). Loads the Oslo scale set (src/demo/scale) into an
 * embedded PostgreSQL, serves the API in this process, and for each request notes its time, its size
 * and the largest event-loop delay while it was in flight (the same 10 ms ticker the server's log
 * uses: src/http/eventLoop.ts).
 *
 *   npm run bench:event-loop          (BENCH_USERS=40000 BENCH_RUNS=3 BENCH_MONTHS=12 by default;
 *                                      BENCH_EXPLAIN=1 prints the plan of the work queue's first page)
 *
 * Prints one line per request: median and max milliseconds, kilobytes, the max event-loop delay,
 * and whether the 50 ms target is met; then the requests that miss it.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAuthorityContext } from '../src/app/authority.ts';
import { loadGate } from '../src/app/gate.ts';
import { norwegianDate } from '../src/app/clock.ts';
import { DEFAULT_FRAME_REVIEW_DAYS, FRAME_REVIEW_ANSWER_DAYS } from '../src/app/queues.ts';
import { policiesInOrder, visibilityOf } from '../src/app/workQueuePage.ts';
import { loadScale } from '../src/demo/scale/load.ts';
import { osloScale } from '../src/demo/scale/municipalities.ts';
import { EVENT_LOOP_TARGET_MS, LoopWatch } from '../src/http/eventLoop.ts';
import { buildServer } from '../src/http/server.ts';
import { heapPolicyAsServed } from './harness.ts';
import { connect, type Database } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { inTenant, type Tx } from '../src/store/tx.ts';
import { workQueuePageRows } from '../src/store/workQueuePage.ts';
import { freePort } from '../test/helpers/ports.ts';

const USERS = Number(process.env.BENCH_USERS ?? 40_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const MUNICIPALITY = osloScale().id;
const month = new Date().toISOString().slice(0, 7);

interface Scenario {
  readonly name: string;
  readonly who: 'caseworker' | 'leader' | 'provider';
  readonly path: string;
  /** The purpose stated (tildel-purpose); a leader's reports state quality assurance unless said. */
  readonly purpose?: string;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'work queue, unpaged (old)', who: 'caseworker', path: '/api/v1/work-queue' },
  { name: 'work queue, first page', who: 'caseworker', path: '/api/v1/work-queue/page' },
  { name: 'work queue, first page, overdue', who: 'caseworker', path: '/api/v1/work-queue/page?overdue=true' },
  { name: 'work queue, first page, my units', who: 'caseworker', path: '/api/v1/work-queue/page?owner=my_units' },
  { name: 'work queue, counts', who: 'caseworker', path: '/api/v1/work-queue/counts' },
  { name: 'work queue, next page', who: 'caseworker', path: '/api/v1/work-queue/page?cursor=NEXT' },
  { name: 'work queue, provider, first page', who: 'provider', path: '/api/v1/work-queue/page' },
  { name: 'work queue, leader (QA), unpaged', who: 'leader', path: '/api/v1/work-queue' },
  { name: 'work queue, leader (QA), first page', who: 'leader', path: '/api/v1/work-queue/page' },
  ...[
    'queue-health',
    'steering-card',
    'processing-times',
    'request-outcomes',
    'complaints',
    'outcomes',
    'change-reports',
    'criteria-departures',
    'hours-without-score-change',
    `delivery?month=${month}`,
    `continuity?month=${month}`,
    `settlement?month=${month}`,
    'access-review',
    'kostra',
    'workforce',
    'equal-treatment',
  ].map((r) => ({ name: `report ${r.split('?')[0]}`, who: 'leader' as const, path: `/api/v1/reports/${r}` })),
  { name: 'report kpr/validation', who: 'leader', path: `/api/v1/reports/kpr/validation?year=${month.slice(0, 4)}` },
  // The statutory extract (about 33 MB on the Oslo set), produced stating the purpose administration.
  { name: 'report kpr/extract', who: 'leader', path: `/api/v1/reports/kpr/extract?year=${month.slice(0, 4)}`, purpose: 'administration' },
];

async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ municipality: MUNICIPALITY, username, password: 'demo' }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

async function usernames(db: Database): Promise<Record<Scenario['who'], string>> {
  const first = async (role: string) =>
    (await db.owner.query<{ username: string }>('SELECT username FROM staff WHERE municipality_id = $1 AND $2 = ANY(roles) AND password_hash IS NOT NULL ORDER BY username LIMIT 1', [MUNICIPALITY, role])).rows[0]?.username ?? '';
  return { caseworker: await first('caseworker'), leader: await first('leader'), provider: await first('provider_staff') };
}

/** The plan of the caseworker's first page (the query the paged work queue runs). */
async function explain(db: Database, username: string): Promise<void> {
  const { rows } = await db.owner.query<{ id: string; roles: string[]; unit_ids: string[] }>(
    `SELECT s.id, s.roles, array_agg(m.unit_id) AS unit_ids FROM staff s JOIN unit_membership m ON m.municipality_id = s.municipality_id AND m.staff_id = s.id
      WHERE s.municipality_id = $1 AND s.username = $2 GROUP BY s.id, s.roles`,
    [MUNICIPALITY, username],
  );
  const s = rows[0];
  if (!s) return;
  const principal = { municipalityId: MUNICIPALITY, staffId: s.id, username, displayName: username, roles: s.roles as never, unitIds: s.unit_ids };
  await inTenant(db.app, principal, async (tx) => {
    const at = new Date();
    const today = norwegianDate(at);
    const authority = await loadAuthorityContext(tx, principal);
    const gate = await loadGate(tx, authority, 'case_processing', at, today);
    const explaining = new Proxy(tx, {
      get: (target, key) => (key === 'query' ? (sql: string, params: unknown[]) => target.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params) : Reflect.get(target, key)),
    }) as Tx;
    const plan = (await workQueuePageRows(explaining, {
      today,
      at,
      policies: policiesInOrder(authority.policies, today),
      visibility: visibilityOf(gate),
      kind: null,
      owner: null,
      staffId: s.id,
      ownerUnitIds: s.unit_ids,
      overdueOnly: false,
      caseNumber: null,
      after: null,
      limit: 51,
      defaultFrameReviewDays: DEFAULT_FRAME_REVIEW_DAYS,
      frameReviewAnswerDays: FRAME_REVIEW_ANSWER_DAYS,
    })) as unknown as { 'QUERY PLAN': string }[];
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  });
}

/** The path with the second page's cursor in place of NEXT (read from the first page). */
async function resolvePath(url: string, token: string, p: string): Promise<string> {
  if (!p.includes('cursor=NEXT')) return p;
  const first = (await (await fetch(`${url}${p.replace(/[?&]cursor=NEXT/, '')}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { nextCursor: string | null };
  return p.replace('NEXT', first.nextCursor ?? '');
}

async function measure(url: string, token: string, scenario: Scenario, watch: LoopWatch) {
  const target = await resolvePath(url, token, scenario.path);
  const times: number[] = [];
  const delays: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const mark = watch.mark();
    const started = performance.now();
    const headers = { authorization: `Bearer ${token}`, ...(scenario.who === 'leader' ? { 'tildel-purpose': scenario.purpose ?? 'quality_assurance' } : {}) };
    try {
      const r = await fetch(`${url}${target}`, { headers });
      bytes = (await r.arrayBuffer()).byteLength;
      status = r.status;
    } catch {
      // The connection closed (the server's 60 s request timeout): counted with the time it took.
      status = 0;
    }
    times.push(performance.now() - started);
    delays.push(watch.maxSince(mark));
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { status, median: mid(times), max: Math.max(...times), bytes, delay: mid(delays), maxDelay: Math.max(...delays) };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-'));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
const db = await connect(server.url, 'bench');
const watch = new LoopWatch();
try {
  const loadStarted = performance.now();
  const [summary] = await loadScale(db, [osloScale(USERS)], { seed: 18, asOf: new Date(), months: MONTHS });
  console.log(`Loaded ${summary?.persons} persons, ${summary?.cases} cases in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);
  await db.owner.query('ANALYZE');
  const items = (await db.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM case_work_item WHERE municipality_id = $1', [MUNICIPALITY])).rows[0]?.n;
  console.log(`${items} open work items`);
  heapPolicyAsServed();
  const app = await buildServer({ db, allowSyntheticIds: true, sessionHours: 1, loginsPerMinute: 10_000 }, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const names = await usernames(db);
    if (process.env.BENCH_EXPLAIN) await explain(db, names.caseworker);
    const tokens = { caseworker: await login(url, names.caseworker), leader: await login(url, names.leader), provider: await login(url, names.provider) };
    console.log(`users: ${JSON.stringify(names)}; ${RUNS} runs each; target: event loop held up at most ${EVENT_LOOP_TARGET_MS} ms`);
    // The floor: how late the ticker is with no request at all (other processes on the machine hold the CPU too).
    const idleMark = watch.mark();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log(`idle: event loop held up at most ${watch.maxSince(idleMark).toFixed(0)} ms in 2 s with no request`);
    console.log(`${'request'.padEnd(40)} status  median ms  max ms       KB  loop ms (median/max)  target`);
    const missed: string[] = [];
    for (const s of SCENARIOS) {
      const m = await measure(url, tokens[s.who], s, watch);
      // Judged on the median run: a single late tick may be another process holding the CPU (see the idle line).
      const met = m.delay <= EVENT_LOOP_TARGET_MS;
      if (!met) missed.push(`${s.name} (${m.delay.toFixed(0)} ms)`);
      console.log(
        `${s.name.padEnd(40)} ${String(m.status).padStart(6)}  ${m.median.toFixed(0).padStart(9)}  ${m.max.toFixed(0).padStart(6)}  ${(m.bytes / 1024).toFixed(0).padStart(7)}  ${`${m.delay.toFixed(0)}/${m.maxDelay.toFixed(0)}`.padStart(20)}  ${met ? 'met' : 'NOT MET'}`,
      );
    }
    console.log(missed.length === 0 ? `Every request kept the event loop within ${EVENT_LOOP_TARGET_MS} ms.` : `Over ${EVENT_LOOP_TARGET_MS} ms: ${missed.join('; ')}`);
  } finally {
    await app.close();
  }
} finally {
  watch.stop();
  await db.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
