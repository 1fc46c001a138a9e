/**
 * The read-only FHIR R4 view (issue 22) for the municipality's journal system and other consumers:
 * a person as Patient, and their cases as ServiceRequest, CarePlan, Goal and Task, with the IPLOS
 * scores as Observation (domain/fhir/). Every read goes through the one gate (gate.ts) and is audited
 * with its purpose, as every read of personal data: the person needs at least the order's level; of
 * their cases, those seen in full give every resource, those seen through an order to the reader's
 * unit give the decision, its goals and the order (what delivering needs), and others give nothing.
 */
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import type { CaseState } from '../domain/case/state.ts';
import { currentDecisionContent } from '../domain/case/decisionContent.ts';
import { everything, patientOf, searchset, type FhirCaseInput, type FhirPersonInput } from '../domain/fhir/index.ts';
import { assessmentsOf } from '../store/assessments.ts';
import { caseHistory } from '../store/cases.ts';
import { findMunicipality, listUnits } from '../store/org.ts';
import type { PersonRow } from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gatedPerson, gateOf, levelsOfCases } from './gate.ts';
import type { Principal } from './principal.ts';

function personInput(p: PersonRow): FhirPersonInput {
  return {
    id: p.id,
    nationalId: p.national_id,
    nationalIdKind: p.national_id_kind,
    givenName: p.given_name,
    familyName: p.family_name,
    birthDate: String(p.birth_date).slice(0, 10),
    addressLine: p.address_line,
    postalCode: p.postal_code,
    postalPlace: p.postal_place,
    protectedAddress: p.protected_address,
    diedOn: p.died_on,
  };
}

/** The person as a FHIR Patient (the order's level suffices, as for the person view; logged). */
export async function fhirPatient(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string): Promise<Patient> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { person } = await gatedPerson(tx, gate, personId, 'order', 'this person');
    await audit(tx, principal, meta, 'read', 'fhir Patient', [person.id]);
    return patientOf(personInput(person));
  });
}

/** The case's request and current decision, from its history. */
async function caseInput(tx: Tx, row: { id: string; case_number: string; state: CaseState }, level: 'full' | 'order', unitNames: Record<string, string>): Promise<FhirCaseInput> {
  const history = await caseHistory(tx, row.id);
  const received = history.find((a) => a.type === 'request_received');
  // The content of the current decision, also after a reversal on complaint (decisionContent.ts).
  const d = row.state.decision ? currentDecisionContent(history, row.state.decision.seq) : null;
  const r = received?.payload as { receivedOn: string; description: string; channel: string } | undefined;
  return {
    caseId: row.id,
    caseNumber: row.case_number,
    state: row.state,
    level,
    request: r ? { receivedOn: r.receivedOn, description: r.description, channel: r.channel } : null,
    decision: d ? { summary: d.summary, goals: d.goals ?? [] } : null,
    unitNames,
  };
}

/** Every resource of the person the reader may see. */
async function personResources(tx: Tx, ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string): Promise<Resource[]> {
  const { gate } = await gateOf(tx, ctx, principal, meta);
  const { person } = await gatedPerson(tx, gate, personId, 'order', 'this person');
  const { rows } = await tx.query<{ id: string; case_number: string; state: CaseState }>(
    'SELECT id, case_number, state FROM case_file WHERE municipality_id = current_municipality() AND person_id = $1 ORDER BY case_number',
    [person.id],
  );
  const levels = await levelsOfCases(tx, gate, rows.map((r) => r.id));
  const unitNames = Object.fromEntries((await listUnits(tx)).map((u) => [u.id, u.name]));
  const cases: FhirCaseInput[] = [];
  for (const row of rows) {
    const level = levels.get(row.id)?.level;
    if (level === 'full' || level === 'order') cases.push(await caseInput(tx, row, level, unitNames));
  }
  const assessments = (await assessmentsOf(tx, person.id)).map((a) => ({
    id: a.id,
    assessedOn: String(a.assessed_on).slice(0, 10),
    status: a.status,
    scores: a.scores,
    diagnoses: ((a.content as { diagnoses?: { system: string; code: string }[] }).diagnoses ?? []),
  }));
  const municipality = await findMunicipality(tx, principal.municipalityId);
  await audit(tx, principal, meta, 'read', 'fhir Patient $everything', [person.id]);
  return everything(personInput(person), cases, assessments, { name: municipality?.name ?? principal.municipalityId, number: municipality?.municipality_number ?? null });
}

/** Patient/{id}/$everything: the person and every resource of theirs the reader may see, as a searchset Bundle. */
export async function fhirEverything(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string, base: string): Promise<Bundle> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => searchset(base, await personResources(tx, ctx, principal, meta, personId)));
}

/** CarePlan?patient={id}: the person's care plans (granted decisions) the reader may see. */
export async function fhirCarePlans(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string, base: string): Promise<Bundle> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => searchset(base, (await personResources(tx, ctx, principal, meta, personId)).filter((r) => r.resourceType === 'CarePlan'), 'CarePlan'));
}
