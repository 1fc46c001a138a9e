/**
 * The month's delivery kept from the visits (migration 0033), on a real PostgreSQL: over random walks of
 * visits and corrections, written in statements of one to four rows as every writer does (the API, the
 * CSV import, COPY), the kept tables equal both a model of the walk and the tables computed from the
 * visits at once; `tildel reproject` finds nothing to rebuild, and rebuilds what was changed behind
 * the trigger's back.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { reprojectAll } from '../../src/app/reprojection.ts';
import { performedVisitEmployees } from '../../src/store/steering.ts';
import { inTenant, type Tx } from '../../src/store/tx.ts';
import { visitMonthDifferences } from '../../src/store/visitMonth.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let office: Client;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  office = await Client.login(env.server.url, m.id, 'caseworker');
});

interface Visit {
  readonly id: string;
  readonly caseId: string;
  readonly unitId: string;
  readonly employeeRef: string;
  readonly visitDate: string;
  readonly startsAt: string | null;
  readonly minutes: number;
  readonly night: boolean;
  readonly status: 'performed' | 'cancelled';
  readonly corrects: string | null;
}

/** A visit's fields as drawn; which case, unit and visit it corrects are indexes into what exists then. */
const drawnVisit = fc.record({
  caseAt: fc.nat(1),
  unitAt: fc.nat(1),
  employeeRef: fc.constantFrom('A', 'B', 'C'),
  // across a month's turn, so a correction may land in another month than what it corrects
  day: fc.integer({ min: 0, max: 40 }),
  startsAt: fc.option(fc.constantFrom('07:30', '12:00', '22:15'), { nil: null }),
  minutes: fc.integer({ min: 1, max: 120 }),
  night: fc.boolean(),
  cancelled: fc.boolean(),
  correct: fc.option(fc.nat(), { nil: null }),
});

type Drawn = typeof drawnVisit extends fc.Arbitrary<infer T> ? T : never;

const batches = fc.array(fc.array(drawnVisit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

function dateOf(day: number): string {
  return new Date(Date.UTC(2026, 8, 25 + day)).toISOString().slice(0, 10);
}

/** The batch's rows: a correction targets a visit not corrected yet (before, or earlier in the same statement). */
function rowsOf(batch: readonly Drawn[], cases: readonly string[], units: readonly string[], written: readonly Visit[]): Visit[] {
  const rows: Visit[] = [];
  for (const d of batch) {
    const all = [...written, ...rows];
    const corrected = new Set(all.map((v) => v.corrects));
    const open = all.filter((v) => !corrected.has(v.id));
    const target = d.correct === null || open.length === 0 ? null : open[d.correct % open.length]!;
    rows.push({
      id: randomUUID(),
      caseId: target?.caseId ?? cases[d.caseAt]!,
      unitId: target?.unitId ?? units[d.unitAt]!,
      employeeRef: d.employeeRef,
      visitDate: dateOf(d.day),
      startsAt: d.startsAt,
      minutes: d.cancelled ? 0 : d.minutes,
      night: d.night,
      status: d.cancelled ? 'cancelled' : 'performed',
      corrects: target?.id ?? null,
    });
  }
  return rows;
}

/** One multi-row INSERT: the statement-level trigger sees the whole batch at once. */
async function insertBatch(tx: Tx, rows: readonly Visit[], by: string): Promise<void> {
  const values = rows.map((_, i) => `(current_municipality(), $${i * 10 + 1}::uuid, $${i * 10 + 2}::uuid, $${i * 10 + 3}::uuid, $${i * 10 + 4}, $${i * 10 + 5}::date, $${i * 10 + 6}::time, $${i * 10 + 7}::int, $${i * 10 + 8}::boolean, $${i * 10 + 9}, $${i * 10 + 10}::uuid, $${rows.length * 10 + 1}::uuid, CASE WHEN $${i * 10 + 9} = 'cancelled' THEN 'sick' END)`);
  await tx.query(
    `INSERT INTO visit (municipality_id, id, case_id, provider_unit_id, employee_ref, visit_date, starts_at, minutes, night, status, corrects, recorded_by, cancel_reason) VALUES ${values.join(', ')}`,
    [...rows.flatMap((v) => [v.id, v.caseId, v.unitId, v.employeeRef, v.visitDate, v.startsAt, v.minutes, v.night, v.status, v.corrects]), by],
  );
}

/** The model: per month, case and unit, the minutes, night minutes and count of the performed visits nothing corrects. */
function modelSums(visits: readonly Visit[]): Map<string, { minutes: number; night: number; visits: number }> {
  const corrected = new Set(visits.map((v) => v.corrects));
  const sums = new Map<string, { minutes: number; night: number; visits: number }>();
  for (const v of visits) {
    if (corrected.has(v.id) || v.status !== 'performed') continue;
    const key = `${v.visitDate.slice(0, 7)}-01 ${v.caseId} ${v.unitId}`;
    const s = sums.get(key) ?? { minutes: 0, night: 0, visits: 0 };
    sums.set(key, { minutes: s.minutes + v.minutes, night: s.night + (v.night ? v.minutes : 0), visits: s.visits + 1 });
  }
  return sums;
}

async function keptSums(tx: Tx, cases: readonly string[]): Promise<Map<string, { minutes: number; night: number; visits: number }>> {
  const { rows } = await tx.query<{ key: string; minutes: number; night: number; visits: number }>(
    `SELECT to_char(month, 'YYYY-MM-DD') || ' ' || case_id || ' ' || provider_unit_id AS key,
            performed_minutes::int AS minutes, night_minutes::int AS night, performed_visits AS visits
       FROM visit_month WHERE case_id = ANY($1::uuid[]) AND performed_visits <> 0`,
    [cases],
  );
  return new Map(rows.map((r) => [r.key, { minutes: r.minutes, night: r.night, visits: r.visits }]));
}

async function newCase(): Promise<string> {
  const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1941-02-02'), givenName: 'Vera', familyName: 'Månedsum' })).body;
  const c = await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: '2026-09-01', description: 'Søknad' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return c.body.id;
}

const scope = () => ({ municipalityId: m.id, staffId: m.staff.provider! });

describe('the month’s delivery kept from the visits', () => {
  it('equals the model of the walk and the visits after every statement, corrections across months included', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (walk) => {
        const cases = [await newCase(), await newCase()];
        const units = [m.providerId, m.officeId];
        const written: Visit[] = [];
        for (const batch of walk) {
          const rows = rowsOf(batch, cases, units, written);
          await inTenant(env.db.app, scope(), (tx) => insertBatch(tx, rows, m.staff.provider!));
          written.push(...rows);
          await inTenant(env.db.app, scope(), async (tx) => {
            expect(await keptSums(tx, cases)).toEqual(modelSums(written));
            expect(await visitMonthDifferences(tx)).toBe(0);
          });
        }
      }),
      { numRuns: 20 },
    );
  });

  it('lists each employee once per case and unit, in the order of their first visit that counts', async () => {
    const [c] = [await newCase()];
    const v = (employeeRef: string, visitDate: string, startsAt: string | null, corrects: string | null = null): Visit => ({ id: randomUUID(), caseId: c!, unitId: m.providerId, employeeRef, visitDate, startsAt, minutes: 30, night: false, status: 'performed', corrects });
    const first = v('B', '2026-10-03', '08:00');
    await inTenant(env.db.app, scope(), (tx) => insertBatch(tx, [v('A', '2026-10-05', null), first, v('A', '2026-10-04', '23:00'), v('C', '2026-09-30', '08:00')], m.staff.provider!));
    const order = async () => inTenant(env.db.app, scope(), async (tx) => (await performedVisitEmployees(tx, '2026-10-01')).filter((r) => r.case_id === c).map((r) => r.employee_ref));
    expect(await order()).toEqual(['B', 'A']);
    // B's only visit of October is corrected into a cancellation: B no longer counts, A does.
    await inTenant(env.db.app, scope(), (tx) => insertBatch(tx, [{ ...v('B', '2026-10-03', '08:00', first.id), minutes: 0, status: 'cancelled' }], m.staff.provider!));
    expect(await order()).toEqual(['A']);
  });

  it('is found different and rebuilt by reproject when changed behind the trigger', async () => {
    const c = await newCase();
    await inTenant(env.db.app, scope(), (tx) => insertBatch(tx, [{ id: randomUUID(), caseId: c, unitId: m.providerId, employeeRef: 'A', visitDate: '2026-10-10', startsAt: null, minutes: 45, night: false, status: 'performed', corrects: null }], m.staff.provider!));
    await env.db.owner.query('UPDATE visit_month SET performed_minutes = performed_minutes + 1 WHERE case_id = $1', [c]);
    expect(await inTenant(env.db.app, scope(), (tx) => visitMonthDifferences(tx))).toBe(2);
    const summary = await reprojectAll(env.db);
    expect(summary.visitMonthsRebuilt).toBeGreaterThanOrEqual(1);
    expect(await inTenant(env.db.app, scope(), (tx) => visitMonthDifferences(tx))).toBe(0);
    const { rows } = await env.db.owner.query('SELECT performed_minutes::int AS minutes FROM visit_month WHERE case_id = $1', [c]);
    expect(rows).toEqual([{ minutes: 45 }]);
  });
});
