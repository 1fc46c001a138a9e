/**
 * Loads the demo municipalities: organisation and staff, then persons and their cases, generated
 * deterministically from a seed value and a reference date (the same seed and date give the same
 * people, numbers and histories). Municipalities that already exist are left as they are.
 */
import { randomUUID } from 'node:crypto';
import { Faker, base, en, nb_NO } from '@faker-js/faker';
import { recordAction, startCaseLog } from '../app/caseLog.ts';
import { hashPassword } from '../app/passwords.ts';
import type { CaseAction, CaseState, FollowUpAction } from '../domain/case/index.ts';
import { nextCaseNumber } from '../store/cases.ts';
import type { Database } from '../store/database.ts';
import { findMunicipality, insertDistrict, insertMunicipality, insertStaff, insertUnit } from '../store/org.ts';
import { insertContact, insertPerson } from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { makeCase, type DemoCase, type DemoStep } from './cases.ts';
import { DEMO_MUNICIPALITIES, DEMO_PASSWORD, type DemoMunicipality, type DemoStaff } from './municipalities.ts';
import { makePerson, type DemoPerson } from './people.ts';

export interface DemoOptions {
  readonly seed: number;
  /** The "today" the histories lead up to. */
  readonly asOf: Date;
  /** Multiplies the number of persons (tests use a small fraction). */
  readonly scale?: number;
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

export interface DemoSummary {
  readonly municipality: string;
  readonly skipped: boolean;
  readonly persons: number;
  readonly cases: number;
}

interface Org {
  readonly staff: ReadonlyMap<string, { id: string; roles: readonly string[]; unitIds: readonly string[] }>;
  readonly owners: readonly string[];
  readonly providerStaff: readonly string[];
  readonly providerUnits: readonly string[];
  readonly districts: ReadonlyMap<string, string>;
}

const BATCH = 25;

export function demoPersonCount(m: DemoMunicipality, scale = 1): number {
  return Math.max(5, Math.round(m.persons * scale));
}

export async function loadDemo(db: Database, options: DemoOptions): Promise<DemoSummary[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const total = DEMO_MUNICIPALITIES.reduce((n, m) => n + demoPersonCount(m, options.scale), 0);
  let done = 0;
  const summaries: DemoSummary[] = [];
  for (const [index, m] of DEMO_MUNICIPALITIES.entries()) {
    const count = demoPersonCount(m, options.scale);
    if (await findMunicipality(db.owner, m.id)) {
      summaries.push({ municipality: m.id, skipped: true, persons: 0, cases: 0 });
      done += count;
      options.onProgress?.(done, total, m.name);
      continue;
    }
    const faker = new Faker({ locale: [nb_NO, en, base] });
    faker.seed(options.seed * 1000 + index);
    await insertMunicipality(db.owner, { id: m.id, name: m.name, model: m.model, inhabitants: m.inhabitants, letterhead: letterheadOf(m) });
    const scope = { municipalityId: m.id, staffId: null };
    const org = await inTenant(db.app, scope, (tx) => createOrganisation(tx, m, passwordHash));
    const taken = new Set<string>();
    let cases = 0;
    for (let start = 0; start < count; start += BATCH) {
      const people = Array.from({ length: Math.min(BATCH, count - start) }, () => makePerson(faker, m, options.asOf, taken));
      const plans = people.map((p) => casesFor(faker, p, options.asOf));
      cases += plans.flat().length;
      await inTenant(db.app, scope, (tx) => writePeople(tx, org, people, plans, faker));
      done += people.length;
      options.onProgress?.(done, total, m.name);
    }
    summaries.push({ municipality: m.id, skipped: false, persons: count, cases });
  }
  return summaries;
}

function letterheadOf(m: DemoMunicipality): Record<string, unknown> {
  return { name: m.name, unit: 'Helse og omsorg', postalAddress: `Postboks 1, ${m.postal.code} ${m.postal.place}`, phone: '+47 00 00 00 00' };
}

function casesFor(f: Faker, p: DemoPerson, asOf: Date): DemoCase[] {
  const first = makeCase(f, p, asOf);
  return f.datatype.boolean(0.15) ? [first, makeCase(f, p, asOf)] : [first];
}

async function createOrganisation(tx: Tx, m: DemoMunicipality, passwordHash: string): Promise<Org> {
  const districts = new Map<string, string>();
  for (const name of m.districts) districts.set(name, await insertDistrict(tx, name));
  const units = new Map<string, { id: string; kind: string }>();
  for (const u of m.units) {
    const id = await insertUnit(tx, { name: u.name, kind: u.kind, districtId: u.district ? (districts.get(u.district) ?? null) : null });
    units.set(u.name, { id, kind: u.kind });
  }
  const staff = new Map<string, { id: string; roles: readonly string[]; unitIds: readonly string[] }>();
  for (const s of m.staff) {
    const unitIds = s.units.map((name) => units.get(name)?.id).filter((id): id is string => id !== undefined);
    const id = await insertStaff(tx, { ...s, passwordHash, unitIds });
    staff.set(s.username, { id, roles: s.roles, unitIds });
  }
  const withRole = (role: string) => m.staff.filter((s: DemoStaff) => s.roles.includes(role as never)).map((s) => s.username);
  return {
    staff,
    districts,
    owners: withRole('caseworker'),
    providerStaff: withRole('provider_staff'),
    providerUnits: [...units.values()].filter((u) => u.kind.endsWith('provider') || u.kind === 'interdisciplinary_team').map((u) => u.id),
  };
}

async function writePeople(tx: Tx, org: Org, people: readonly DemoPerson[], plans: readonly DemoCase[][], f: Faker): Promise<void> {
  for (const [i, p] of people.entries()) {
    const row = await insertPerson(tx, { ...p, nationalIdKind: 'tnr', districtId: org.districts.get(p.district) });
    for (const c of p.contacts) await insertContact(tx, { personId: row.id, ...c });
    for (const plan of plans[i] ?? []) await writeCase(tx, org, row.id, plan, f);
  }
}

async function writeCase(tx: Tx, org: Org, personId: string, plan: DemoCase, f: Faker): Promise<void> {
  const ownerName = f.helpers.arrayElement(org.owners);
  const owner = org.staff.get(ownerName);
  if (!owner) throw new Error(`demo: no staff member ${ownerName}`);
  const providerName = org.providerStaff.length ? f.helpers.arrayElement(org.providerStaff) : ownerName;
  const provider = org.staff.get(providerName) ?? owner;
  const providerUnit = f.helpers.arrayElement(org.providerUnits);
  const caseId = randomUUID();
  const opening: CaseAction & { type: 'request_received' } = {
    type: 'request_received',
    payload: { personId, serviceCode: plan.serviceCode, channel: plan.channel, receivedOn: plan.receivedOn, description: plan.description },
    seq: 1,
    actorStaffId: owner.id,
    authority: { roles: owner.roles, unitIds: owner.unitIds },
    reason: null,
    occurredAt: plan.receivedAt.toISOString(),
  };
  let state: CaseState = await startCaseLog(tx, caseId, await nextCaseNumber(tx, plan.receivedAt.getUTCFullYear()), opening, null);
  for (const step of plan.steps) {
    const actor = step.by === 'provider' ? provider : owner;
    const action = {
      ...withReferences(step, owner.id, providerUnit),
      seq: state.version + 1,
      actorStaffId: actor.id,
      authority: { roles: actor.roles, unitIds: actor.unitIds },
      reason: step.reason ?? null,
      occurredAt: step.at.toISOString(),
    } as CaseAction;
    state = await recordAction(tx, caseId, state, action, null);
  }
}

/** The generated steps name no ids; here they get the owner and the providing unit of this case. */
function withReferences(step: DemoStep, ownerId: string, providerUnitId: string): FollowUpAction {
  switch (step.action.type) {
    case 'owner_assigned':
      return { type: 'owner_assigned', payload: { ownerStaffId: ownerId } };
    case 'service_arranged':
      return { type: 'service_arranged', payload: { ...step.action.payload, providerUnitId } };
    default:
      return step.action;
  }
}
