/**
 * The demo's provider side: Solstad and Bladal buy from municipal and private providers under
 * different price models (seed 002 §3.6: hour price on performed time, decided time with visit
 * prices, day prices, a frame, an 80/20 ADL share), with user choice for practical help in Solstad;
 * budget frames and expenses for the settlement; and visits, by employee, for every delivered case
 * in the previous and the current month (Granvik's teams among them, for continuity).
 */
import type { Faker } from '@faker-js/faker';
import { paidByProvider } from '../app/settlement.ts';
import type { PriceModel } from '../domain/provider/pricing.ts';
import { visitProblems, type VisitCaseFacts } from '../domain/provider/visitRules.ts';
import { findService, type ServiceCode } from '../domain/services/catalogue.ts';
import { insertAgreement, insertMonthFigure } from '../store/provider.ts';
import type { Tx } from '../store/tx.ts';
import type { DemoMunicipality } from './municipalities.ts';
import { isoDate } from './people.ts';

interface DemoAgreement {
  readonly unit: string;
  readonly services: readonly ServiceCode[];
  readonly userChoice: boolean;
  readonly responseDays: number;
  readonly priceModel: PriceModel;
}

const HOME: readonly ServiceCode[] = ['practical_help', 'home_nursing', 'psychiatric_home_services', 'respite', 'support_contact'];

export const DEMO_AGREEMENTS: Readonly<Record<string, readonly DemoAgreement[]>> = {
  solstad: [
    { unit: 'Hjemmetjenesten øst', services: ['practical_help'], userChoice: true, responseDays: 2, priceModel: { basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 560 }] } },
    { unit: 'Hjemmetjenesten vest', services: ['practical_help'], userChoice: true, responseDays: 2, priceModel: { basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 560 }] } },
    { unit: 'Omsorg Privat AS', services: ['practical_help'], userChoice: true, responseDays: 1, priceModel: { basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 520 }] } },
    {
      unit: 'Hjemmetjenesten øst',
      services: ['home_nursing', 'psychiatric_home_services', 'respite', 'support_contact'],
      userChoice: false,
      responseDays: 2,
      priceModel: { basis: 'decided', elements: [{ kind: 'hour', pricePerHour: 640 }, { kind: 'visit', pricePerVisit: 90 }, { kind: 'user', pricePerUserMonth: 400 }] },
    },
    {
      unit: 'Hjemmetjenesten vest',
      services: ['home_nursing', 'psychiatric_home_services', 'respite', 'support_contact'],
      userChoice: false,
      responseDays: 2,
      priceModel: { basis: 'decided', elements: [{ kind: 'hour', pricePerHour: 640 }, { kind: 'visit', pricePerVisit: 90 }, { kind: 'user', pricePerUserMonth: 400 }] },
    },
    { unit: 'Solstad helsehus', services: ['long_term_stay', 'short_term_stay'], userChoice: false, responseDays: 3, priceModel: { basis: 'decided', elements: [{ kind: 'day', pricePerDay: 3_100 }] } },
  ],
  bladal: [
    { unit: 'Hjemmetjenesten Bladal', services: HOME, userChoice: false, responseDays: 2, priceModel: { basis: 'decided', elements: [{ kind: 'frame', amountPerMonth: 1_450_000 }] } },
    { unit: 'Dalen Omsorg AS', services: ['practical_help'], userChoice: false, responseDays: 2, priceModel: { basis: 'performed', elements: [{ kind: 'hour', pricePerHour: 500 }, { kind: 'night', pricePerHour: 690 }] } },
    { unit: 'Bladal sykehjem', services: ['long_term_stay', 'short_term_stay'], userChoice: false, responseDays: 3, priceModel: { basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 2_400_000, placeShare: 0.8 }] } },
  ],
};

type Units = ReadonlyMap<string, { id: string; kind: string }>;

function monthStart(d: Date, offset = 0): string {
  return isoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
}

/** Agreements in force from the first of the previous month (the cases before were ordered without them). */
async function loadAgreements(tx: Tx, m: DemoMunicipality, units: Units, leaderId: string, asOf: Date): Promise<void> {
  for (const a of DEMO_AGREEMENTS[m.id] ?? []) {
    const unit = units.get(a.unit);
    if (!unit) throw new Error(`demo ${m.id}: no unit ${a.unit}`);
    for (const serviceCode of a.services) {
      await insertAgreement(tx, { providerUnitId: unit.id, serviceCode, validFrom: monthStart(asOf, -1), userChoice: a.userChoice, responseDays: a.responseDays, priceModel: a.priceModel }, leaderId);
    }
  }
}

interface Delivered {
  id: string;
  service_code: string;
  state: VisitCaseFacts;
  valid_from: string;
  hours: number | null;
  provider_unit_id: string;
  recorder: string | null;
}

/** Cases delivering now, each with the provider unit that accepted its order and a staff member of that unit, in a fixed order (the seeded data must not depend on where rows lie on disk). */
async function deliveredCases(tx: Tx): Promise<Delivered[]> {
  const { rows } = await tx.query<Delivered>(
    `SELECT c.id, c.service_code, c.state, c.state->'decision'->>'validFrom' AS valid_from,
            coalesce((c.state->>'planHoursPerWeek')::numeric, (c.state->'decision'->>'hoursPerWeek')::numeric) AS hours,
            o->>'providerUnitId' AS provider_unit_id,
            (SELECT m.staff_id FROM unit_membership m WHERE m.municipality_id = c.municipality_id AND m.unit_id = (o->>'providerUnitId')::uuid ORDER BY m.valid_from, m.staff_id LIMIT 1) AS recorder
       FROM case_file c, jsonb_array_elements(c.state->'orders') o
      WHERE c.municipality_id = current_municipality() AND c.status IN ('active', 'under_reevaluation') AND o->>'status' = 'accepted'
      ORDER BY c.case_number, o->>'providerUnitId'`,
  );
  return rows;
}

async function insertVisits(tx: Tx, c: Delivered, visits: readonly { date: string; minutes: number; employee: string; night: boolean }[]): Promise<void> {
  if (!visits.length || !c.recorder) return;
  await tx.query(
    `INSERT INTO visit (municipality_id, case_id, provider_unit_id, employee_ref, visit_date, minutes, night, status, recorded_by)
     SELECT current_municipality(), $1, $2, e, d::date, mi, n, 'performed', $3
       FROM unnest($4::text[], $5::text[], $6::int[], $7::boolean[]) AS t(e, d, mi, n)`,
    [c.id, c.provider_unit_id, c.recorder, visits.map((v) => v.employee), visits.map((v) => v.date), visits.map((v) => v.minutes), visits.map((v) => v.night)],
  );
}

/**
 * Visits from the first of the previous month to the reference date: about the decided time, by a rota
 * of employees; only on days the rules of visits allow (under the accepted order, within the decision's
 * period, by the reference date), as the API would check them.
 */
function visitsFor(f: Faker, c: Delivered, from: string, to: string, rota: readonly string[]) {
  const hours = Number(c.hours ?? 0);
  if (findService(c.service_code)?.institutional || hours <= 0) return [];
  const perWeek = Math.max(1, Math.min(14, Math.round(hours / 0.75)));
  const minutes = Math.max(15, Math.round(((hours * 60) / perWeek) * f.number.float({ min: 0.8, max: 1.1 })));
  const out: { date: string; minutes: number; employee: string; night: boolean }[] = [];
  const start = c.valid_from > from ? c.valid_from : from;
  for (let d = new Date(`${start}T00:00:00Z`); isoDate(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const daily = perWeek / 7;
    if (f.number.float({ min: 0, max: 1 }) >= daily && perWeek < 7) continue;
    for (let k = 0; k < Math.max(1, Math.round(daily)); k += 1) {
      out.push({ date: isoDate(d), minutes, employee: f.helpers.arrayElement(rota), night: c.service_code === 'home_nursing' && f.datatype.boolean(0.1) });
    }
  }
  return out.filter((v) => visitProblems(c.state, { providerUnitId: c.provider_unit_id, visitDate: v.date }, { today: to }).length === 0);
}

export async function loadProviderSide(tx: Tx, m: DemoMunicipality, units: Units, leaderId: string, asOf: Date, f: Faker): Promise<void> {
  await loadAgreements(tx, m, units, leaderId, asOf);
  const from = monthStart(asOf, -1);
  const to = isoDate(asOf);
  const rotas = new Map<string, string[]>();
  for (const c of await deliveredCases(tx)) {
    const rota = rotas.get(c.provider_unit_id) ?? Array.from({ length: f.number.int({ min: 6, max: 18 }) }, (_, i) => `${m.id.slice(0, 3).toUpperCase()}-${rotas.size + 1}-${String(i + 1).padStart(2, '0')}`);
    rotas.set(c.provider_unit_id, rota);
    // Each user sees a part of the rota, as a team organises its routes.
    const mine = f.helpers.arrayElements(rota, { min: Math.min(3, rota.length), max: rota.length });
    await insertVisits(tx, c, visitsFor(f, c, from, to, mine));
  }
  for (const u of units.values()) {
    if (u.kind !== 'allocation_office') continue;
    for (const offset of [-1, 0]) await insertMonthFigure(tx, 'budget_frame', u.id, monthStart(asOf, offset), 2_000_000, leaderId);
  }
  // Last month's expenses: what each provider was paid, give or take (overruns are the common case, seed 002 §3.7).
  for (const [unitId, paid] of await paidByProvider(tx, monthStart(asOf, -1).slice(0, 7))) {
    if (paid > 0) await insertMonthFigure(tx, 'provider_expense', unitId, monthStart(asOf, -1), Math.round(paid * f.number.float({ min: 0.94, max: 1.12 })), leaderId);
  }
}
