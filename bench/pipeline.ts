/**
 * Benchmark: appends through the one case pipeline (src/app/casePipeline.ts) on the embedded
 * PostgreSQL, one transaction each, as the history of a case grows. Every append derives the state
 * from the whole log and checks the stored projection against it (the log is the truth), so the
 * cost grows with the history; this prints how much.
 *
 *   npm run bench:pipeline            (BENCH_HISTORY=10,100,400 BENCH_APPENDS=200 by default)
 *
 * Prints, per history length: appends per second, median and p99 milliseconds per append.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAuthorityContext } from '../src/app/authority.ts';
import { appendToCase, openCaseLog, writerAt } from '../src/app/casePipeline.ts';
import { syntheticNationalId } from '../src/demo/people.ts';
import { Faker, base, nb_NO } from '@faker-js/faker';
import { connect } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { insertMunicipality, insertStaff, insertUnit } from '../src/store/org.ts';
import { insertPerson } from '../src/store/persons.ts';
import { inTenant } from '../src/store/tx.ts';
import { freePort } from '../test/helpers/ports.ts';

const HISTORY = (process.env.BENCH_HISTORY ?? '10,100,400').split(',').map(Number);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 200);

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-'));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
const db = await connect(server.url, 'bench');
try {
  await insertMunicipality(db.owner, { id: 'bench', name: 'Bench', model: 'purchaser_provider', inhabitants: 10_000 });
  const scope = { municipalityId: 'bench', staffId: null };
  const { staffId, officeId, personId } = await inTenant(db.app, scope, async (tx) => {
    const office = await insertUnit(tx, { name: 'Tildelingskontoret', kind: 'allocation_office', districtId: null });
    const staff = await insertStaff(tx, { username: 'bench', displayName: 'Bench', profession: 'Saksbehandler', roles: ['caseworker'], passwordHash: 'not-a-login', unitIds: [office] });
    const person = await insertPerson(tx, { nationalId: syntheticNationalId(new Faker({ locale: [nb_NO, base] }), '1940-01-01', new Set()), nationalIdKind: 'tnr', givenName: 'B', familyName: 'B', birthDate: '1940-01-01', language: 'nb', protectedAddress: false });
    return { staffId: staff, officeId: office, personId: person.id };
  });
  const principal = { staffId, roles: ['caseworker' as const], unitIds: [officeId] };
  const append = (caseId: string) =>
    inTenant(db.app, { municipalityId: 'bench', staffId }, async (tx) => {
      const writer = writerAt(await loadAuthorityContext(tx, principal), null, new Date());
      await appendToCase(tx, writer, { caseId, body: { type: 'note_added', payload: { text: 'Notat' } } });
    });
  const caseId = await inTenant(db.app, { municipalityId: 'bench', staffId }, async (tx) => {
    const writer = writerAt(await loadAuthorityContext(tx, principal), null, new Date());
    const request = { personId, serviceCode: 'home_nursing' as const, channel: 'self' as const, receivedOn: '2026-12-01', description: 'Bench' };
    return (await openCaseLog(tx, writer, { request, districtId: null })).caseId;
  });
  let length = 2;
  console.log('history  appends/s  median ms  p99 ms');
  for (const target of HISTORY) {
    while (length < target) {
      await append(caseId);
      length += 1;
    }
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < APPENDS; i += 1) {
      const t = performance.now();
      await append(caseId);
      times.push(performance.now() - t);
    }
    length += APPENDS;
    const total = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    console.log(`${String(target).padStart(7)}  ${(APPENDS / total).toFixed(0).padStart(9)}  ${at(0.5).toFixed(2).padStart(9)}  ${at(0.99).toFixed(2).padStart(6)}`);
  }
} finally {
  await db.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
