/**
 * Benchmark (issue 18 (b), (c)): every report and list endpoint of the API, timed on the small demo
 * and on the Oslo-size scale set, with the growth from one to the other and the 500 ms target; then
 * the delivery, processing-time and settlement aggregates in PostgreSQL and in DuckDB over the same
 * rows exported to Parquet, with the 2× target.
 *
 *   npm run bench:reports                           (small demo only)
 *   npm run bench:reports -- --scale oslo           (and the Oslo set: 40,000 users; a few minutes to load)
 *   npm run bench:reports -- --scale oslo --users 5000 --explain delivery,settlement --only reports/ --no-duckdb
 *
 * The endpoints are taken from the OpenAPI document: every GET without a path parameter under
 * /reports, every list (operationId list…) and the work queue. Each is called once to warm up and
 * three times timed (the first call counts as the warm-up), as the municipality's leader reading for
 * quality assurance (a list as a caseworker, who sees cases by need); the table shows the minimum and median of the three. A call
 * slower than 20 s is not repeated. `--explain` prints EXPLAIN (ANALYZE, BUFFERS)
 * summaries of the slowest statements each endpoint ran on the largest set.
 */
import { loadDemo } from '../src/demo/load.ts';
import { loadScale } from '../src/demo/scale/load.ts';
import { osloScale } from '../src/demo/scale/municipalities.ts';
import { argOf, BENCH_DAY, BENCH_MONTH, login, met, ms, startBench, timedGet, timeIt, type Bench, type Reader, type Timing } from './harness.ts';
import { compareWithDuckDb } from './duckdb.ts';
import { explainEndpoint } from './explain.ts';

const TARGET_MS = 500;
const SLOW_MS = 20_000;
const SMALL = 'solstad';
/** The purpose the leader states with each read (see `readers`). */
const LEADER_PURPOSE = 'quality_assurance';
const OSLO = osloScale().id;

interface Endpoint {
  readonly path: string;
  readonly operationId: string;
}

type Operation = { operationId?: string; parameters?: { in: string; name: string; required?: boolean }[] };

/** Values for the query parameters reports require, on the data's month and year. */
/** The month is the last whole month before the bench day. */
const QUERY_VALUES: Record<string, string> = { month: BENCH_MONTH, year: BENCH_DAY.slice(0, 4), from: '2026-01-01', to: '2026-10-31', onDate: BENCH_DAY, date: BENCH_DAY };

/** The query of an operation the bench can call, or the names of the required parameters it cannot fill. */
function queryOf(op: Operation): { query: string } | { missing: string[] } {
  const params = (op.parameters ?? []).filter((x) => x.in === 'query');
  const missing = params.filter((x) => x.required && !(x.name in QUERY_VALUES)).map((x) => x.name);
  if (missing.length) return { missing };
  const query = new URLSearchParams(params.filter((x) => (x.required || x.name === 'month') && QUERY_VALUES[x.name]).map((x): [string, string] => [x.name, QUERY_VALUES[x.name] ?? '']));
  return { query: query.size ? `?${query}` : '' };
}

/** Reports (under /reports), lists (operationId list…) and the work queue. */
function timed(p: string, op: Operation | undefined): op is Operation {
  if (!op || p.includes('{')) return false;
  return p.includes('/reports/') || (op.operationId ?? '').startsWith('list') || /queue/i.test(p);
}

async function endpoints(url: string): Promise<{ list: Endpoint[]; skipped: string[] }> {
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, { get?: Operation }> };
  const list: Endpoint[] = [];
  const skipped: string[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!timed(p, item.get)) continue;
    const q = queryOf(item.get);
    if ('missing' in q) skipped.push(`${p} (needs ${q.missing.join(', ')})`);
    else list.push({ path: `${p}${q.query}`, operationId: item.get.operationId ?? p });
  }
  return { list: list.sort((a, b) => a.path.localeCompare(b.path)), skipped };
}

/**
 * The municipality's leader, reading for quality assurance (the purpose with which a leader reaches
 * the cases' rows: without one, a report of cases such as delivery answers with no rows), and one of
 * its caseworkers, who reaches the cases of their work.
 */
async function readers(b: Bench, municipality: string): Promise<Reader[]> {
  const { rows } = await b.db.owner.query<{ username: string; leader: boolean }>(
    `SELECT username, 'leader' = ANY(roles) AS leader FROM staff WHERE municipality_id = $1 AND active AND password_hash IS NOT NULL AND (roles && ARRAY['leader', 'caseworker'])
      ORDER BY 'leader' = ANY(roles) DESC, username LIMIT 2`,
    [municipality],
  );
  return Promise.all(rows.map(async (r) => ({ token: await login(b.url, municipality, r.username), purpose: r.leader ? LEADER_PURPOSE : null })));
}

interface Measured {
  readonly status: number;
  readonly timing: Timing | null;
  readonly bytes: number;
}

/** `--explain` explains every endpoint; `--explain a,b` those whose path contains a or b. */
function explained(e: Endpoint): boolean {
  const which = argOf('explain');
  return which === 'true' || (which?.split(',').some((w) => e.path.includes(w)) ?? false);
}

/** A report is asked as the leader first, a list as the caseworker first (who sees cases by need). */
function usersFor(e: Endpoint, users: readonly Reader[]): Reader[] {
  return e.path.includes('/reports/') ? [...users] : [...users].reverse();
}

/** Times an endpoint as the first of the users it answers. */
async function measure(url: string, users: readonly Reader[], e: Endpoint): Promise<Measured> {
  for (const reader of usersFor(e, users)) {
    const first = await timedGet(`${url}${e.path}`, reader).catch((error: unknown) => ({ status: 0, ms: 0, bytes: 0, error }));
    if (first.status === 403) continue;
    if (first.status !== 200) return { status: first.status, timing: null, bytes: first.bytes };
    // A call that takes more than SLOW_MS is not repeated (its one time is shown as min and median).
    if (first.ms > SLOW_MS) return { status: 200, timing: { min: first.ms, median: first.ms }, bytes: first.bytes };
    return { status: 200, timing: await timeIt(() => timedGet(`${url}${e.path}`, reader), 3, false), bytes: first.bytes };
  }
  return { status: 403, timing: null, bytes: 0 };
}

function growthOf(small: Measured, large: Measured | null): string {
  if (!large?.timing || !small.timing) return '—';
  return `${(large.timing.median / Math.max(0.1, small.timing.median)).toFixed(1)}×`;
}

function row(e: Endpoint, small: Measured, large: Measured | null): string {
  const measured = large ?? small;
  const target = measured.timing ? met(measured.timing.median < TARGET_MS) : `HTTP ${measured.status}`;
  const cells = [ms(small.timing?.min), ms(small.timing?.median), ms(large?.timing?.min), ms(large?.timing?.median), growthOf(small, large), `${Math.round(measured.bytes / 1024)} KiB`];
  return `${e.path.replace('/api/v1', '').padEnd(58)} ${cells.map((c) => c.padStart(8)).join(' ')}  ${target}`;
}

/** Loads the small demo and, with --scale oslo, the Oslo set; prints their sizes. */
async function loadData(b: Bench, oslo: boolean): Promise<void> {
  const asOf = new Date(`${BENCH_DAY}T12:00:00Z`);
  let t = performance.now();
  await loadDemo(b.db, { seed: 2026, asOf, scale: Number(argOf('small-scale') ?? 1) });
  console.log(`Small demo loaded in ${((performance.now() - t) / 1000).toFixed(0)} s.`);
  if (oslo) {
    t = performance.now();
    const [s] = await loadScale(b.db, [osloScale(Number(argOf('users') ?? 40_000))], { seed: 2026, asOf, months: Number(argOf('months') ?? 24), batch: 1000 });
    console.log(`Oslo set loaded in ${((performance.now() - t) / 1000).toFixed(0)} s: ${s?.persons} persons, ${s?.cases} cases, ${s?.actions} actions, ${s?.visits} visits.`);
  }
  const { rows } = await b.db.owner.query<{ m: string; cases: number; actions: number; visits: number }>(
    `SELECT m.id AS m, (SELECT count(*)::int FROM case_file c WHERE c.municipality_id = m.id) AS cases,
            (SELECT count(*)::int FROM case_action a WHERE a.municipality_id = m.id) AS actions, (SELECT count(*)::int FROM visit v WHERE v.municipality_id = m.id) AS visits
       FROM municipality m WHERE m.id IN ($1, $2)`,
    [SMALL, OSLO],
  );
  for (const s of rows) console.log(`  ${s.m}: ${s.cases} cases, ${s.actions} actions, ${s.visits} visits`);
}

/** Whether an answer says that no reader of the bench may read the endpoint (a citizen's endpoint, a role the bench has no user for). */
const unreadable = (status: number) => status === 401 || status === 403;

/**
 * Times every endpoint of the list on both sets and prints the table; returns how many were timed, how
 * many of those missed the target, and how many answered with an error (a failure, never left out). An
 * endpoint no reader may read is not timed.
 */
async function timeEndpoints(b: Bench, list: readonly Endpoint[], small: readonly Reader[], large: readonly Reader[] | null, times: Map<string, Timing>): Promise<{ timed: number; over: number; errors: number; unread: number }> {
  console.log(`\n(b) Report and list endpoints, milliseconds (min and median of 3 after a warm-up), target < ${TARGET_MS} ms on the ${large ? 'Oslo set' : 'small demo'}`);
  console.log(`${'endpoint'.padEnd(58)} ${['small min', 'small med', 'oslo min', 'oslo med', 'growth', 'size'].map((c) => c.padStart(8)).join(' ')}  target`);
  const count = { timed: 0, over: 0, errors: 0, unread: 0 };
  for (const e of list) {
    const s = await measure(b.url, small, e);
    const l = large ? await measure(b.url, large, e) : null;
    const timing = (l ?? s).timing;
    console.log(row(e, s, l));
    // An error on either set is a failure, whether or not the other set answered.
    const failedOn = [s, l].filter((m): m is Measured => m !== null && m.timing === null && !unreadable(m.status));
    if (failedOn.length) count.errors += 1;
    if (!timing) {
      if (!failedOn.length) count.unread += 1;
      continue;
    }
    times.set(e.path, timing);
    count.timed += 1;
    if (timing.median >= TARGET_MS) count.over += 1;
    if (explained(e)) await explainEndpoint(b, `${b.url}${e.path}`, usersFor(e, large ?? small));
  }
  return count;
}

async function main(): Promise<void> {
  const oslo = argOf('scale') === 'oslo';
  const b = await startBench();
  try {
    await loadData(b, oslo);
    const only = argOf('only')?.split(',');
    const { list: all, skipped } = await endpoints(b.url);
    const list = only ? all.filter((e) => only.some((o) => e.path.includes(o))) : all;
    const small = await readers(b, SMALL);
    const large = oslo ? await readers(b, OSLO) : null;
    const times = new Map<string, Timing>();
    const { timed, over, errors, unread } = await timeEndpoints(b, list, small, large, times);
    if (skipped.length) console.log(`Not timed (a required parameter the bench does not fill): ${skipped.join('; ')}`);
    console.log(`${timed - over} of the ${timed} endpoints timed under ${TARGET_MS} ms; ${errors} answered with an error (a failure); ${unread} not timed: no reader of the bench may read them.`);
    if (errors) process.exitCode = 1;
    if (!argOf('no-duckdb')) await compareWithDuckDb(b, oslo ? OSLO : SMALL, large ?? small, times);
  } finally {
    await b.close();
  }
}

await main();
