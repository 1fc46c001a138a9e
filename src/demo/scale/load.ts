/**
 * The scale loader (`tildel demo --scale oslo|national`): a municipality's organisation through the
 * administrator's functions, then its persons and cases in batches, each batch's rows built in memory
 * by the domain's rules (buildCase.ts, caseLog.ts) and written with COPY in one transaction. The same
 * seed and day give the same persons, histories and visits. VACUUM (ANALYZE) runs at the end so the
 * planner knows the new sizes and the tables are as autovacuum would leave them after a bulk load
 * (hint bits and the visibility map set, so index-only scans need not visit the heap).
 */
import { Faker, base, en, nb_NO } from '@faker-js/faker';
import { hashPassword } from '../../app/passwords.ts';
import { reprojectIfOutdated } from '../../app/reprojection.ts';
import type { Database } from '../../store/database.ts';
import { findMunicipality } from '../../store/org.ts';
import { makeCase } from '../cases.ts';
import { formsFor } from '../../domain/decision/forms.ts';
import { DEMO_PASSWORD, type DemoMunicipality } from '../municipalities.ts';
import { isoDate, makePerson, type DemoPerson } from '../people.ts';
import { addDays, addMonths } from '../../domain/law/deadlines.ts';
import { buildCase, type ScalePerson } from './buildCase.ts';
import { createScaleOrganisation, type ScaleOrg, type ScaleSpec } from './organisation.ts';
import { ScaleTables } from './tables.ts';
import { addVisits } from './visits.ts';

export interface ScaleOptions {
  readonly seed: number;
  /** The "today" the histories lead up to. */
  readonly asOf: Date;
  /** Months of visits before `asOf` (case histories reach back up to 900 days, as in the small demo). */
  readonly months?: number;
  /** Persons per COPY transaction. */
  readonly batch?: number;
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

export interface ScaleSummary {
  readonly municipality: string;
  readonly skipped: boolean;
  readonly persons: number;
  readonly cases: number;
  readonly actions: number;
  readonly visits: number;
  readonly seconds: number;
}

/** The person generator takes the small demo's municipality shape; only these fields are read. */
function demoShape(spec: ScaleSpec): DemoMunicipality {
  return { id: spec.id, name: spec.name, number: spec.number, model: 'purchaser_provider', inhabitants: spec.inhabitants, postal: spec.postal, nynorskShare: spec.nynorskShare, districts: spec.districts, units: [], staff: [], persons: spec.users };
}

interface Counters {
  cases: number;
  actions: number;
  visits: number;
  readonly numbers: Map<number, number>;
}

function nextNumber(c: Counters, receivedOn: string): string {
  const year = Number(receivedOn.slice(0, 4));
  const n = (c.numbers.get(year) ?? 0) + 1;
  c.numbers.set(year, n);
  return `${year}/${String(n).padStart(5, '0')}`;
}

/** Builds one batch of persons with their cases and visits into `t`. */
function buildBatch(org: ScaleOrg, f: Faker, people: readonly DemoPerson[], t: ScaleTables, c: Counters, window: { from: string; to: string }, asOf: Date): void {
  const m = org.spec.id;
  const forms = (service: string) => formsFor(null, service, org.catalogue);
  for (const p of people) {
    const district = org.districts.find((d) => d.name === p.district) ?? org.districts[0];
    if (!district) throw new Error('scale: a municipality without districts');
    const person: ScalePerson = { id: f.string.uuid(), assessments: [] };
    t.person.add([m, person.id, p.nationalId, 'tnr', p.givenName, p.familyName, p.birthDate, p.addressLine, p.postalCode, p.postalPlace, district.id, p.language, p.protectedAddress]);
    for (const k of p.contacts) t.contact.add([m, person.id, k.name, k.relation, k.authority ?? null, k.phone]);
    const plans = f.datatype.boolean(0.15) ? [makeCase(f, p, asOf, forms), makeCase(f, p, asOf, forms)] : [makeCase(f, p, asOf, forms)];
    for (const plan of plans) {
      const log = buildCase({ org, district, tables: t, f }, person, plan, { caseId: f.string.uuid(), caseNumber: nextNumber(c, plan.receivedOn) });
      const provider = log.state.providerUnitId === district.careHome.unitId ? district.careHome : district.homeCare;
      c.visits += addVisits(t, f, log, { municipalityId: m, providerUnitId: provider.unitId, recordedBy: provider.staff.id, window });
      c.cases += 1;
      c.actions += log.history.length;
    }
  }
}

async function writeBatch(db: Database, t: ScaleTables): Promise<void> {
  const client = await db.owner.connect();
  try {
    await client.query('BEGIN');
    for (const buffer of t.all()) await buffer.flush(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Loads one scale municipality (left as it is when it exists). */
export async function loadScaleMunicipality(db: Database, spec: ScaleSpec, index: number, options: ScaleOptions, progress: (n: number) => void): Promise<ScaleSummary> {
  const started = performance.now();
  if (await findMunicipality(db.owner, spec.id)) return { municipality: spec.id, skipped: true, persons: 0, cases: 0, actions: 0, visits: 0, seconds: 0 };
  const asOfDate = isoDate(options.asOf);
  const org = await createScaleOrganisation(db, spec, await hashPassword(DEMO_PASSWORD), asOfDate);
  const f = new Faker({ locale: [nb_NO, en, base] });
  f.seed(options.seed * 1000 + index);
  const shape = demoShape(spec);
  const taken = new Set<string>();
  const counters: Counters = { cases: 0, actions: 0, visits: 0, numbers: new Map() };
  const window = { from: addMonths(asOfDate, -(options.months ?? 24)), to: addDays(asOfDate, -1) };
  const size = options.batch ?? 500;
  for (let start = 0; start < spec.users; start += size) {
    const people = Array.from({ length: Math.min(size, spec.users - start) }, () => makePerson(f, shape, options.asOf, taken));
    const t = new ScaleTables();
    buildBatch(org, f, people, t, counters, window, options.asOf);
    await writeBatch(db, t);
    progress(people.length);
  }
  for (const [year, last] of counters.numbers) {
    await db.owner.query('INSERT INTO case_number_counter (municipality_id, year, last_number) VALUES ($1, $2, $3)', [spec.id, year, last]);
  }
  return { municipality: spec.id, skipped: false, persons: spec.users, cases: counters.cases, actions: counters.actions, visits: counters.visits, seconds: (performance.now() - started) / 1000 };
}

/** The tables the loader fills: vacuumed and analysed at the end. */
const ANALYZED = ['person', 'contact_person', 'case_file', 'case_action', 'case_milestone', 'assessment', 'case_deadline', 'case_work_item', 'waiting_list_entry', 'visit'];

/**
 * Loads every municipality of a scale set, then vacuums and analyses what it filled. The rows are projected by the current code,
 * so the database is first brought to it (on a new database: only the version recorded), and the
 * next start does not rebuild every loaded case.
 */
export async function loadScale(db: Database, specs: readonly ScaleSpec[], options: ScaleOptions): Promise<ScaleSummary[]> {
  await reprojectIfOutdated(db);
  const total = specs.reduce((n, s) => n + s.users, 0);
  let done = 0;
  const summaries: ScaleSummary[] = [];
  for (const [index, spec] of specs.entries()) {
    summaries.push(
      await loadScaleMunicipality(db, spec, index, options, (n) => {
        done += n;
        options.onProgress?.(done, total, spec.name);
      }),
    );
  }
  for (const table of ANALYZED) await db.owner.query(`VACUUM (ANALYZE) ${table}`);
  return summaries;
}
