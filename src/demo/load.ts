/**
 * Loads the demo municipalities: organisation and staff, then persons and their cases, generated
 * deterministically from a seed value and a reference date (the same seed and date give the same
 * people, numbers and histories). Municipalities that already exist are left as they are.
 */
import { randomUUID } from 'node:crypto';
import { Faker, base, en, nb_NO } from '@faker-js/faker';
import { loadAuthorityContext, type AuthorityContext } from '../app/authority.ts';
import { appendToCase, openCaseLog, writerAt } from '../app/casePipeline.ts';
import { AppError } from '../app/errors.ts';
import { hashPassword } from '../app/passwords.ts';
import type { CaseState, FollowUpAction } from '../domain/case/index.ts';
import { IPLOS_CURRENT } from '../domain/assessment/iplos.ts';
import { complaintTimeliness } from '../domain/decision/complaints.ts';
import { formsFor } from '../domain/decision/forms.ts';
import type { DecisionForm } from '../domain/organisation/policy.ts';
import type { StaffRole } from '../domain/organisation/vocabulary.ts';
import { findService } from '../domain/services/catalogue.ts';
import { addAgendaItem, holdMeeting, insertMeeting } from '../store/board.ts';
import { approveCriteriaSet, insertAssessment, insertCriteriaSet } from '../store/assessments.ts';
import { insertPolicy } from '../store/policies.ts';
import { DEMO_CRITERIA } from './criteria/index.ts';
import type { Database } from '../store/database.ts';
import { ensureSystemStaff, findMunicipality, insertMunicipality } from '../store/org.ts';
import { addDistrict, addStaffWithHash, addUnit } from '../app/orgConfig.ts';
import { insertContact, insertPerson } from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { makeCase, type DemoCase, type DemoStep, type FormsOf } from './cases.ts';
import type { DemoAssessment } from './decisions.ts';
import { DEMO_PASSWORD, demoMunicipalities, type DemoMunicipality } from './municipalities.ts';
import { isoDate, makePerson, type DemoPerson } from './people.ts';
import { DEMO_POLICIES } from './policies.ts';
import { loadProviderSide } from './provider.ts';
import { loadDemoFollowUps } from './followUps.ts';

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
  readonly municipality: DemoMunicipality;
  /** Staff by username, each with the authority context the API would load for them. */
  readonly staff: ReadonlyMap<string, { id: string; authority: AuthorityContext }>;
  readonly usernames: readonly string[];
  readonly owners: readonly string[];
  readonly providerStaff: readonly string[];
  readonly providerUnits: readonly string[];
  readonly units: Units;
  readonly districts: ReadonlyMap<string, string>;
  readonly boardUnitId: string | null;
  /** Held board meetings by month (YYYY-MM), created as decisions need them. */
  readonly meetings: Map<string, { id: string; items: number }>;
}

const BATCH = 25;

export function demoPersonCount(m: DemoMunicipality, scale = 1): number {
  return m.persons === 0 ? 0 : Math.max(5, Math.round(m.persons * scale));
}

export async function loadDemo(db: Database, options: DemoOptions): Promise<DemoSummary[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const all = demoMunicipalities();
  const total = all.reduce((n, m) => n + demoPersonCount(m, options.scale), 0);
  let done = 0;
  const summaries: DemoSummary[] = [];
  for (const [index, m] of all.entries()) {
    const count = demoPersonCount(m, options.scale);
    if (await findMunicipality(db.owner, m.id)) {
      summaries.push({ municipality: m.id, skipped: true, persons: 0, cases: 0 });
      done += count;
      options.onProgress?.(done, total, m.name);
      continue;
    }
    const faker = new Faker({ locale: [nb_NO, en, base] });
    faker.seed(options.seed * 1000 + index);
    await insertMunicipality(db.owner, { id: m.id, name: m.name, number: m.number, model: m.model, inhabitants: m.inhabitants, letterhead: letterheadOf(m) });
    const scope = { municipalityId: m.id, staffId: null };
    const org = await inTenant(db.app, scope, (tx) => createOrganisation(tx, m, passwordHash));
    const taken = new Set<string>();
    let cases = 0;
    for (let start = 0; start < count; start += BATCH) {
      const people = Array.from({ length: Math.min(BATCH, count - start) }, () => makePerson(faker, m, options.asOf, taken));
      const plans = people.map((p) => casesFor(faker, p, options.asOf, formsWhere(m, p.district)));
      cases += plans.flat().length;
      await inTenant(db.app, scope, (tx) => writePeople(tx, org, people, plans, faker));
      done += people.length;
      options.onProgress?.(done, total, m.name);
    }
    const leader = m.staff.find((s) => s.roles.includes('leader'));
    const leaderId = leader ? org.staff.get(leader.username)?.id : undefined;
    if (leaderId && count > 0) await inTenant(db.app, scope, (tx) => loadProviderSide(tx, m, org.units, leaderId, options.asOf, faker));
    if (count > 0) await loadDemoFollowUps(db, m.id, [...org.staff.values()].map((s) => s.authority), options.asOf, faker);
    summaries.push({ municipality: m.id, skipped: false, persons: count, cases });
  }
  return summaries;
}

function letterheadOf(m: DemoMunicipality): Record<string, unknown> {
  return { name: m.name, unit: 'Helse og omsorg', postalAddress: `Postboks 1, ${m.postal.code} ${m.postal.place}`, phone: '+47 00 00 00 00' };
}

function casesFor(f: Faker, p: DemoPerson, asOf: Date, forms: FormsOf): DemoCase[] {
  const first = makeCase(f, p, asOf, forms);
  return f.datatype.boolean(0.15) ? [first, makeCase(f, p, asOf, forms)] : [first];
}

/**
 * The forms a service may be decided in for a person of the district: the catalogue narrowed by
 * every policy version that can apply there (the municipality's and the district's own, over time),
 * so a demo decision is lawful whichever of them is in force on its day; the latest policy's
 * preferred form first (a trust model lists frames first).
 */
function formsWhere(m: DemoMunicipality, district: string): FormsOf {
  const versions = (DEMO_POLICIES[m.id] ?? []).filter((p) => p.district === undefined || p.district === district);
  return (service) => {
    const lawful = versions.reduce((forms, p) => forms.filter((form) => formsFor(p.rules, service).includes(form)), formsFor(null, service));
    const preferred = versions.at(-1)?.rules.decisionForms[service] ?? [];
    const rank = (form: DecisionForm) => (preferred.includes(form) ? preferred.indexOf(form) : preferred.length);
    return [...lawful].sort((a, b) => rank(a) - rank(b));
  };
}

type Units = Map<string, { id: string; kind: string }>;

/** Provider units and teams with staff who deliver, so that someone answers their orders. */
function deliveringUnits(m: DemoMunicipality, units: Units): string[] {
  const delivering = new Set(m.staff.filter((s) => s.roles.some((r) => r === 'provider_staff' || r === 'team_member' || r === 'team_leader')).flatMap((s) => s.units));
  return [...units.entries()].filter(([name, u]) => (u.kind.endsWith('provider') || u.kind === 'interdisciplinary_team') && delivering.has(name)).map(([, u]) => u.id);
}

async function createOrganisation(tx: Tx, m: DemoMunicipality, passwordHash: string): Promise<Org> {
  const { districts, units } = await createStructure(tx, m);
  const staff = await createStaff(tx, m, units, passwordHash);
  const leader = m.staff.find((s) => s.roles.includes('leader'));
  const leaderId = leader ? staff.get(leader.username)?.id : undefined;
  if (leaderId && m.persons > 0) await loadCriteria(tx, leaderId);
  const withRole = (role: StaffRole) => m.staff.filter((s) => s.roles.includes(role)).map((s) => s.username);
  const allUnits = [...units.values()];
  return {
    municipality: m,
    staff,
    usernames: m.staff.map((s) => s.username),
    districts,
    owners: withRole('caseworker'),
    providerStaff: withRole('provider_staff'),
    providerUnits: deliveringUnits(m, units),
    units,
    boardUnitId: allUnits.find((u) => u.kind === 'allocation_board')?.id ?? null,
    meetings: new Map(),
  };
}

/**
 * The day the demo's organisation is configured from: early enough for every demo case's history. It
 * is configured through the same functions as the administrator's API (app/orgConfig.ts), recorded in
 * the log of changes by the municipality's system member.
 */
export const DEMO_ORGANISATION_FROM = '2020-01-01';

/** Districts, units and the policies that apply to them. */
async function createStructure(tx: Tx, m: DemoMunicipality): Promise<{ districts: Map<string, string>; units: Units }> {
  const by = await ensureSystemStaff(tx);
  const districts = new Map<string, string>();
  for (const name of m.districts) districts.set(name, (await addDistrict(tx, by, { name, reason: 'Demo' }, DEMO_ORGANISATION_FROM)).id);
  const districtOf = (name: string | undefined) => (name ? (districts.get(name) ?? null) : null);
  const units: Units = new Map();
  for (const u of m.units) {
    const unit = await addUnit(tx, by, { name: u.name, kind: u.kind, districtId: districtOf(u.district), validFrom: DEMO_ORGANISATION_FROM }, DEMO_ORGANISATION_FROM);
    units.set(u.name, { id: unit.id, kind: u.kind });
  }
  for (const p of DEMO_POLICIES[m.id] ?? []) {
    await insertPolicy(tx, { districtId: districtOf(p.district), serviceCode: null, effectiveFrom: p.effectiveFrom, rules: p.rules, note: p.note });
  }
  return { districts, units };
}

async function createStaff(tx: Tx, m: DemoMunicipality, units: Units, passwordHash: string): Promise<Map<string, Staffer>> {
  const by = await ensureSystemStaff(tx);
  const staff = new Map<string, Staffer>();
  for (const s of m.staff) {
    const unitIds = s.units.map((name) => units.get(name)?.id).filter((id): id is string => id !== undefined);
    const input = { username: s.username, displayName: s.displayName, profession: s.profession, roles: [...s.roles] as Exclude<StaffRole, 'system'>[], unitIds, validFrom: DEMO_ORGANISATION_FROM };
    const { id } = await addStaffWithHash(tx, by, input, DEMO_ORGANISATION_FROM, passwordHash);
    staff.set(s.username, { id, authority: await loadAuthorityContext(tx, { staffId: id, roles: s.roles, unitIds }) });
  }
  return staff;
}

/** The demo criteria sets, approved by the municipality's leader and in force from 2024. */
async function loadCriteria(tx: Tx, leaderId: string): Promise<void> {
  for (const rules of DEMO_CRITERIA) {
    const id = await insertCriteriaSet(tx, { serviceCode: rules.serviceCode, rules, note: 'Eksempel — kommunen må selv fastsette', createdBy: leaderId });
    await approveCriteriaSet(tx, id, leaderId, '2024-01-01');
  }
}

async function writePeople(tx: Tx, org: Org, people: readonly DemoPerson[], plans: readonly DemoCase[][], f: Faker): Promise<void> {
  for (const [i, p] of people.entries()) {
    const row = await insertPerson(tx, { ...p, nationalIdKind: 'tnr', districtId: org.districts.get(p.district) });
    for (const c of p.contacts) await insertContact(tx, { personId: row.id, ...c });
    for (const plan of plans[i] ?? []) await writeCase(tx, org, { id: row.id, districtId: row.district_id }, plan, f);
  }
}

async function writeCase(tx: Tx, org: Org, person: { id: string; districtId: string | null }, plan: DemoCase, f: Faker): Promise<void> {
  const ownerName = f.helpers.arrayElement(org.owners);
  const providerName = org.providerStaff.length ? f.helpers.arrayElement(org.providerStaff) : ownerName;
  const providerUnit = providerFor(org, plan.serviceCode, person.districtId, f);
  const caseId = randomUUID();
  // A request through a representative names them and their authority (fvl § 12); a fixed name keeps the seeded data stable.
  const representative = plan.channel === 'representative' ? { representative: { name: 'Berit Lund (fullmektig)', authority: 'power_of_attorney' as const } } : {};
  const request = { personId: person.id, serviceCode: plan.serviceCode, channel: plan.channel, receivedOn: plan.receivedOn, description: plan.description, ...representative };
  const opening = { caseId, request, districtId: person.districtId };
  let state = await asFirstAllowed(org, [ownerName], async (who) => (await openCaseLog(tx, writerAt(who.authority, null, plan.receivedAt), opening)).state);
  const owner = org.staff.get(ownerName);
  for (const step of plan.steps) {
    if (step.assessment && owner) await recordAssessment(tx, org, { personId: person.id, caseId, assessorName: ownerName, assessorId: owner.id }, step.assessment);
    const body = await withReferences(tx, org, caseId, step, { ownerId: owner?.id ?? null, providerUnitId: providerUnit });
    const preferred = step.by === 'provider' ? [providerName, ownerName] : [ownerName];
    const current = state;
    const next = await asFirstAllowed(org, preferred, (who) => takeStep(tx, org, caseId, current, step, body, who)).catch((error: unknown) => {
      if (step.optional) return null;
      throw error;
    });
    if (next) state = next;
  }
}

type Staffer = { id: string; authority: AuthorityContext };

/** The owner records the completed assessment (kartlegging) on the case, as the assessment form would. */
async function recordAssessment(tx: Tx, org: Org, who: { personId: string; caseId: string; assessorName: string; assessorId: string }, a: DemoAssessment): Promise<void> {
  const assessor = org.municipality.staff.find((s) => s.username === who.assessorName);
  const participants = assessor ? [{ staffId: who.assessorId, name: assessor.displayName, profession: assessor.profession }] : [];
  await insertAssessment(tx, {
    personId: who.personId,
    caseId: who.caseId,
    previousId: null,
    status: 'completed',
    assessedOn: a.assessedOn,
    assessorStaffId: who.assessorId,
    iplosVersion: IPLOS_CURRENT.version,
    scores: { ...a.scores },
    whatMatters: a.whatMatters,
    whatMattersMissingReason: null,
    content: { goals: [], relatives: [], diagnoses: [], participants, answers: {} },
  });
}

const PLACES = /sykehjem|helsehus|omsorgssenter/i;

/**
 * A place is given by a care home; other services by home care or a team, mostly the one that serves
 * the person's district (under the trust model the district's team assesses, decides and delivers).
 */
function providerFor(org: Org, serviceCode: string, districtId: string | null, f: Faker): string {
  const place = findService(serviceCode)?.institutional ?? false;
  const names = new Map([...org.units.entries()].map(([name, u]) => [u.id, name]));
  const fitting = org.providerUnits.filter((id) => PLACES.test(names.get(id) ?? '') === place);
  const candidates = fitting.length ? fitting : org.providerUnits;
  const districtOf = (id: string) => org.districts.get(org.municipality.units.find((u) => u.name === names.get(id))?.district ?? '') ?? null;
  const local = districtId ? candidates.filter((id) => districtOf(id) === districtId) : [];
  return f.helpers.arrayElement(local.length && f.datatype.boolean(0.8) ? local : candidates);
}

/** Runs `work` as the preferred staff members first, then anyone the policy allows (as a real office would). */
async function asFirstAllowed<T>(org: Org, preferred: readonly string[], work: (who: Staffer) => Promise<T>): Promise<T> {
  const order = [...preferred, ...org.usernames.filter((u) => !preferred.includes(u))];
  let refusal: unknown = null;
  for (const name of order) {
    const who = org.staff.get(name);
    if (!who) continue;
    try {
      return await work(who);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'forbidden') throw error;
      refusal = error;
    }
  }
  throw new Error(`demo ${org.municipality.id}: nobody may do this: ${(refusal as Error).message}`);
}

/** A demo complaint that arrives after the deadline is accepted with a reason, as fvl § 31 allows. */
function withLateReason(state: CaseState, body: FollowUpAction): FollowUpAction {
  if (body.type !== 'complaint_received' || !state.decision?.decidedOn) return body;
  if (!complaintTimeliness(state.decision, body.payload.receivedOn).late) return body;
  return { ...body, payload: { ...body.payload, lateAcceptedReason: 'Klager var innlagt på sykehus da vedtaket kom' } };
}

/** One step of a demo case, written through the one case pipeline like any other writer. */
async function takeStep(tx: Tx, org: Org, caseId: string, state: CaseState, step: DemoStep, given: FollowUpAction, who: Staffer): Promise<CaseState> {
  const writer = writerAt(who.authority, null, step.at);
  const body = withLateReason(state, given);
  const reason = step.reason ?? null;
  try {
    return (await appendToCase(tx, writer, { caseId, body, expectedVersion: state.version, reason })).state;
  } catch (error) {
    if (!(error instanceof AppError) || error.details.rule !== 'second_person' || body.type !== 'decision_made') throw error;
    // Nobody stands alone: a colleague who may decide takes part.
    const decision = body;
    return asFirstAllowed(org, [], async (other) => {
      if (other.id === who.id) throw new AppError('forbidden', 'same person');
      const withCo: FollowUpAction = { type: 'decision_made', payload: { ...decision.payload, coSignedBy: other.id } };
      return (await appendToCase(tx, writer, { caseId, body: withCo, expectedVersion: state.version, reason })).state;
    });
  }
}

interface References {
  readonly ownerId: string | null;
  readonly providerUnitId: string;
}

/** The generated steps name no ids; here they get this case's owner, provider and board meeting. */
async function withReferences(tx: Tx, org: Org, caseId: string, step: DemoStep, refs: References): Promise<FollowUpAction> {
  switch (step.action.type) {
    case 'owner_assigned':
      return { type: 'owner_assigned', payload: { ownerStaffId: refs.ownerId } };
    case 'service_arranged':
      return { type: 'service_arranged', payload: { ...step.action.payload, providerUnitId: refs.providerUnitId } };
    case 'order_accepted':
      return { type: 'order_accepted', payload: { providerUnitId: refs.providerUnitId } };
    case 'decision_made':
      if (!org.boardUnitId) return step.action;
      return { ...step.action, payload: { ...step.action.payload, boardMeeting: await boardMeetingFor(tx, org, caseId, step.at) } };
    default:
      return step.action;
  }
}

/** The board's monthly meeting, held with every member present, with the case on its agenda. */
async function boardMeetingFor(tx: Tx, org: Org, caseId: string, at: Date): Promise<{ meetingId: string; minuteRef: string }> {
  const month = isoDate(at).slice(0, 7);
  let meeting = org.meetings.get(month);
  if (!meeting && org.boardUnitId) {
    const members = org.municipality.staff.filter((s) => s.roles.includes('board_member')).map((s) => org.staff.get(s.username)?.id ?? '');
    const id = await insertMeeting(tx, { boardUnitId: org.boardUnitId, meetsOn: `${month}-01`, memberIds: members });
    await holdMeeting(tx, id, members, `Tildelingsrådets møte ${month}. Alle medlemmer til stede.`);
    meeting = { id, items: 0 };
    org.meetings.set(month, meeting);
  }
  if (!meeting) throw new Error('demo: no board');
  const position = await addAgendaItem(tx, meeting.id, caseId);
  return { meetingId: meeting.id, minuteRef: `Sak ${position}/${month}` };
}
