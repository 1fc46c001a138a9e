/**
 * Benchmark (issue 18 §2a): the start of a case's life over HTTP against the raw-SQL floor, side by
 * side in one run, at 1, 8 and 32 clients.
 *
 * Over HTTP, each lifecycle is what a caseworker's screens send: the person registered, the case
 * opened, the assessment started, the assessment recorded (IPLOS scores, what matters), the decision
 * made — five commands, each through the real server (validation, session, access gate, idempotency,
 * the one case pipeline, audit). The floor writes the same rows with plain SQL on the same PostgreSQL,
 * one transaction per row written, and nothing else: the person row; the case row with its first
 * action; then per action one action row and the case row's new version and state (the state written
 * is the one the server produced, so the rows are the same size). The assessment's own row is left out
 * of the floor, so the floor is a lower bound of the work.
 *
 *   npm run bench:lifecycle                       (BENCH_CLIENTS=1,8,32 BENCH_SECONDS=10 by default)
 *
 * Prints per client count: lifecycles/s and commands/s for both, HTTP as a share of the floor, p50 and
 * p99 ms per command, and the targets (≥ 40 % of the floor; p99 < 50 ms at 8 clients) met or not.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Faker, base, nb_NO } from '@faker-js/faker';
import { syntheticNationalId } from '../src/demo/people.ts';
import { buildServer } from '../src/http/server.ts';
import { connect } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { inTenant } from '../src/store/tx.ts';
import { Client } from '../test/helpers/client.ts';
import { completeAssessment, decisionAction } from '../test/helpers/decisions.ts';
import { createMunicipality, PASSWORD } from '../test/helpers/fixtures.ts';
import { freePort } from '../test/helpers/ports.ts';
import { heapPolicyAsServed, met, ms } from './harness.ts';

const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COMMANDS_PER_LIFECYCLE = 5;
const faker = new Faker({ locale: [nb_NO, base], seed: 18 });
const taken = new Set<string>();
/** The number of the next lifecycle, across runs (case numbers and names stay unique). */
let next = 0;
const birth = (i: number) => `19${30 + (i % 60)}-0${1 + (i % 9)}-1${i % 9}`;
const newId = (i: number) => syntheticNationalId(faker, birth(i), taken);

interface Run {
  lifecycles: number;
  times: number[];
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Runs `lifecycle` in `clients` loops until the time is up; each lifecycle reports its command times. */
async function drive(clients: number, lifecycle: (i: number, time: <T>(work: () => Promise<T>) => Promise<T>) => Promise<void>): Promise<Run & { seconds: number }> {
  const run: Run = { lifecycles: 0, times: [] };
  const time = async <T>(work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    run.times.push(performance.now() - t);
    return result;
  };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await lifecycle((next += 1), time);
        run.lifecycles += 1;
      }
    }),
  );
  return { ...run, seconds: (performance.now() - started) / 1000 };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-'));
await chmod(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
const db = await connect(pg.url, 'bench');
heapPolicyAsServed();
const app = await buildServer({ db, allowSyntheticIds: true, sessionHours: 8, loginsPerMinute: 100_000 }, { logLevel: 'warn' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
try {
  const m = await createMunicipality(db, 'bench');
  const worker = await Client.login(url, m.id, 'caseworker', PASSWORD);
  const staffId = m.staff.caseworker as string;

  const overHttp = async (i: number, time: <T>(work: () => Promise<T>) => Promise<T>) => {
    const person = (await time(() => worker.command('/api/v1/persons', { nationalId: newId(i), givenName: 'Bench', familyName: `Nr ${i}` }))).body;
    let c = (await time(() => worker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-12-01', description: 'Hjelp til rengjøring' }))).body;
    c = (await time(() => worker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } }))).body;
    await time(() => completeAssessment(worker, person.id, { caseId: c.id }));
    const decided = await time(() => worker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help', { hoursPerWeek: 2, form: 'time_fixed' }) }));
    if (decided.status !== 200) throw new Error(`decision refused: ${decided.status} ${JSON.stringify(decided.body)}`);
  };

  // The rows the server wrote for one lifecycle, to write again by plain SQL.
  await overHttp(0, (work) => work());
  const sample = await inTenant(db.app, { municipalityId: m.id, staffId }, async (tx) => {
    const c = (await tx.query('SELECT id, service_code, status, received_on, state FROM case_file ORDER BY created_at DESC LIMIT 1')).rows[0];
    const actions = (await tx.query('SELECT seq, type, payload, authority, occurred_at FROM case_action WHERE case_id = $1 ORDER BY seq', [c.id])).rows;
    return { c, actions };
  });
  const floor = async (i: number, time: <T>(work: () => Promise<T>) => Promise<T>) => {
    const scope = { municipalityId: m.id, staffId };
    const personId = await time(() =>
      inTenant(db.app, scope, async (tx) => {
        const r = await tx.query(
          "INSERT INTO person (municipality_id, national_id, national_id_kind, given_name, family_name, birth_date) VALUES (current_municipality(), $1, 'tnr', 'Bench', $2, $3) RETURNING id",
          [newId(i), `Floor ${i}`, birth(i)],
        );
        return r.rows[0].id as string;
      }),
    );
    const first = sample.actions[0];
    const caseId = await time(() =>
      inTenant(db.app, scope, async (tx) => {
        const r = await tx.query(
          `INSERT INTO case_file (municipality_id, case_number, person_id, service_code, status, received_on, version, state_entered_at, state)
           VALUES (current_municipality(), $1, $2, $3, 'received', $4, 1, now(), $5) RETURNING id`,
          [`F-${process.pid}-${i}`, personId, sample.c.service_code, sample.c.received_on, sample.c.state],
        );
        await tx.query('INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, occurred_at) VALUES (current_municipality(), $1, 1, $2, $3, $4, $5, now())', [r.rows[0].id, first.type, first.payload, staffId, first.authority]);
        return r.rows[0].id as string;
      }),
    );
    for (const a of sample.actions.slice(1)) {
      await time(() =>
        inTenant(db.app, scope, async (tx) => {
          await tx.query('INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, occurred_at) VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, now())', [caseId, a.seq, a.type, a.payload, staffId, a.authority]);
          await tx.query('UPDATE case_file SET version = $2, status = $3, state = $4, updated_at = now() WHERE municipality_id = current_municipality() AND id = $1', [caseId, a.seq, sample.c.status, sample.c.state]);
        }),
      );
    }
  };

  console.log(`Lifecycle: ${COMMANDS_PER_LIFECYCLE} commands over HTTP (person, case, assessment started, assessment, decision); ${sample.actions.length + 1} transactions in the floor (${sample.actions.map((a) => a.type).join(', ')}); ${SECONDS} s per run`);
  console.log('clients  HTTP lc/s  floor lc/s  HTTP/floor  HTTP p50 ms  HTTP p99 ms  floor p99 ms  target');
  for (const clients of CLIENTS) {
    const f = await drive(clients, floor);
    const h = await drive(clients, overHttp);
    const httpRate = h.lifecycles / h.seconds;
    const floorRate = f.lifecycles / f.seconds;
    const share = httpRate / floorRate;
    const p99 = percentile(h.times, 99);
    const target = clients === 8 ? `${met(share >= 0.4)} (≥ 40 %), ${met(p99 < 50)} (p99 < 50 ms)` : `${met(share >= 0.4)} (≥ 40 %)`;
    console.log(
      `${String(clients).padStart(7)}  ${httpRate.toFixed(1).padStart(9)}  ${floorRate.toFixed(1).padStart(10)}  ${`${(share * 100).toFixed(0)} %`.padStart(10)}  ${ms(percentile(h.times, 50)).padStart(11)}  ${ms(p99).padStart(11)}  ${ms(percentile(f.times, 99)).padStart(12)}  ${target}`,
    );
  }
} finally {
  await app.close();
  await db.close();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
