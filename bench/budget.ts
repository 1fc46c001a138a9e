/**
 * Benchmark: the budget check and forecast (src/app/budgetCheck.ts) against the old way, on the
 * embedded PostgreSQL with N granted cases of one unit (half ordered from a provider, half not yet
 * ordered) and a visit a week for each ordered case.
 *
 *   npm run bench:budget              (BENCH_CASES=50000 by default)
 *
 * Prints: the old in-transaction check's load (every granted case and visit of the month into
 * JavaScript, app/settlement.ts monthOfDelivery); the new month's value in SQL (what the job runner's
 * check reads); the year's forecast with a proposed decision; and one budget check run by the job task.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBudgetChecks, checkBudget } from '../src/app/budgetCheck.ts';
import { valueMonths } from '../src/app/budgetYear.ts';
import { monthOf, monthOfDelivery } from '../src/app/settlement.ts';
import { syntheticNationalId } from '../src/demo/people.ts';
import { Faker, base, nb_NO } from '@faker-js/faker';
import { insertYearFrame, requestBudgetCheck } from '../src/store/budget.ts';
import { connect } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { insertMunicipality, insertStaff, insertUnit } from '../src/store/org.ts';
import { insertOrgChange } from '../src/store/orgConfig.ts';
import { insertPerson } from '../src/store/persons.ts';
import { insertAgreement } from '../src/store/provider.ts';
import { inTenant } from '../src/store/tx.ts';
import { freePort } from '../test/helpers/ports.ts';

const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await work();
  console.log(`${label.padEnd(58)} ${((performance.now() - t) / 1000).toFixed(3).padStart(8)} s`);
  return out;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-'));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
const db = await connect(server.url, 'bench');
try {
  await insertMunicipality(db.owner, { id: 'bench', name: 'Bench', model: 'purchaser_provider', inhabitants: 100_000 });
  const scope = { municipalityId: 'bench', staffId: null };
  const ids = await inTenant(db.app, scope, async (tx) => {
    const office = await insertUnit(tx, { name: 'Tildelingskontoret', kind: 'allocation_office', districtId: null });
    const provider = await insertUnit(tx, { name: 'Hjemmetjenesten', kind: 'municipal_provider', districtId: null });
    const staff = await insertStaff(tx, { username: 'bench', displayName: 'Bench', profession: 'Leder', roles: ['leader'], passwordHash: 'not-a-login', unitIds: [office] });
    const person = await insertPerson(tx, { nationalId: syntheticNationalId(new Faker({ locale: [nb_NO, base] }), '1940-01-01', new Set()), nationalIdKind: 'tnr', givenName: 'B', familyName: 'B', birthDate: '1940-01-01', language: 'nb', protectedAddress: false });
    await insertAgreement(tx, { providerUnitId: provider, serviceCode: 'practical_help', validFrom: `${year}-01-01`, userChoice: false, responseDays: 2, priceModel: { basis: 'decided', elements: [{ kind: 'hour', pricePerHour: 500 }, { kind: 'visit', pricePerVisit: 50 }] } }, staff);
    const change = await insertOrgChange(tx, { kind: 'budget_frame_set', subjectId: office, effectiveOn: today, payload: {}, summary: 'bench', staffId: staff, reason: null });
    await insertYearFrame(tx, { unitId: office, serviceCode: 'practical_help', year, amount: 10_000_000, phasing: { kind: 'even' }, carryOver: { kind: 'none' }, effectiveOn: today, recordedBy: staff }, change);
    return { office, provider, staff, person: person.id };
  });
  await timed(`insert ${CASES} granted cases and their visits`, async () => {
    await db.owner.query(
      `INSERT INTO case_file (municipality_id, case_number, person_id, service_code, status, decision_outcome, owner_unit_id, provider_unit_id, received_on, version, state, state_entered_at)
       SELECT 'bench', 'B-' || g, $1, 'practical_help', 'service_running', 'granted', $2, CASE WHEN g % 2 = 0 THEN $3::uuid END, $4::date - 200, 5,
              jsonb_build_object('decision', jsonb_build_object('outcome', 'granted', 'validFrom', ($4::date - (g % 300))::text, 'hoursPerWeek', 1 + g % 10),
                                 'orders', CASE WHEN g % 2 = 0 THEN jsonb_build_array(jsonb_build_object('providerUnitId', $3::text, 'kind', 'new', 'status', 'accepted', 'hoursPerWeek', 1 + g % 10, 'visitsPerWeek', 2)) ELSE '[]'::jsonb END), now()
         FROM generate_series(1, $5::int) g`,
      [ids.person, ids.office, ids.provider, today, CASES],
    );
    await db.owner.query(
      `INSERT INTO visit (municipality_id, case_id, provider_unit_id, employee_ref, visit_date, minutes, night, status, recorded_by)
       SELECT 'bench', c.id, $1, 'E1', d::date, 60, false, 'performed', $2
         FROM case_file c CROSS JOIN generate_series(date_trunc('month', $3::date), $3::date, interval '7 days') d
        WHERE c.municipality_id = 'bench' AND c.provider_unit_id IS NOT NULL`,
      [ids.provider, ids.staff, today],
    );
    await db.owner.query('ANALYZE case_file; ANALYZE visit');
  });
  const m = monthOf(today.slice(0, 7));
  const month = Number(today.slice(5, 7));
  const s = { unitId: ids.office, serviceCode: 'practical_help' };
  await inTenant(db.app, scope, async (tx) => {
    await timed('old: every granted case and visit of the month into JS', () => monthOfDelivery(tx, m));
    await timed('new: the month’s decided value in SQL', () => valueMonths(tx, s, year, month, month));
    await timed('new: the year’s decided value in SQL (the forecast)', () => valueMonths(tx, s, year));
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM case_file WHERE municipality_id = 'bench' LIMIT 1");
    await timed('new: one budget check (frame, carry-in, month value)', () => checkBudget(tx, (rows[0] as { id: string }).id, today, today));
    await requestBudgetCheck(tx, (rows[0] as { id: string }).id, today);
  });
  await timed('new: the job runner’s task with one check waiting', () => runBudgetChecks(db, today));
} finally {
  await db.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
