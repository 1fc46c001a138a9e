/**
 * The read-only FHIR R4 view of a person's cases, projected from the case state and the actions that
 * matter. The mapping follows the Danish municipal care guides (FKI/KL Gateway): the request
 * (ServiceRequest) → the goals (Goal) → the granted intervention (CarePlan: author = the authority,
 * performer = the provider, with its extent) → the order to the provider (Task) → follow-up; the
 * IPLOS scores are an Observation with one component per variable.
 */
import type { CarePlan, CarePlanActivity, Condition, Goal, Observation, Patient, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { IPLOS_CURRENT } from '../assessment/iplos.ts';
import { UNDER_SERVICE_STATUSES } from '../case/vocabulary.ts';
import { findService } from '../services/catalogue.ts';
import { CASE_NUMBER_SYSTEM, CONFIDENTIALITY, DIAGNOSIS_SYSTEMS, identifierSystem, IPLOS_ASSESSMENT_SYSTEM, IPLOS_VARIABLE_SYSTEM, OBSERVATION_CATEGORY, SERVICE_SYSTEM, UCUM } from './identifiers.ts';
import type { FhirAssessmentInput, FhirAuthority, FhirCaseInput, FhirPersonInput } from './input.ts';

const patientRef = (p: { id: string }): Reference<Patient> => ({ reference: `Patient/${p.id}` });

function serviceCode(code: string) {
  return { coding: [{ system: SERVICE_SYSTEM, code, display: findService(code)?.name.nb ?? code }], text: findService(code)?.name.nb ?? code };
}

/** The person: identity number by its no-basis system, name, birth date, and the address unless it is protected. */
export function patientOf(p: FhirPersonInput): Patient {
  const address = !p.protectedAddress && p.addressLine ? [{ use: 'home' as const, line: [p.addressLine], ...(p.postalCode ? { postalCode: p.postalCode } : {}), ...(p.postalPlace ? { city: p.postalPlace } : {}), country: 'NO' }] : undefined;
  return {
    resourceType: 'Patient',
    id: p.id,
    // A protected address (strengt fortrolig adresse) marks the record restricted and leaves the address out.
    ...(p.protectedAddress ? { meta: { security: [{ system: CONFIDENTIALITY, code: 'R', display: 'restricted' }] } } : {}),
    identifier: [{ use: 'official', system: identifierSystem(p.nationalIdKind), value: p.nationalId }],
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    birthDate: p.birthDate,
    ...(p.diedOn ? { deceasedDateTime: p.diedOn } : {}),
    ...(address ? { address } : {}),
  };
}

function requestStatus(c: FhirCaseInput): ServiceRequest['status'] {
  if (c.state.status === 'withdrawn') return 'revoked';
  return c.state.decision || c.state.status === 'answered_low_threshold' ? 'completed' : 'active';
}

/** The request as received (søknad/henvendelse): the person's proposal for a service. */
export function serviceRequestOf(c: FhirCaseInput, p: FhirPersonInput): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: c.caseId,
    identifier: [{ system: CASE_NUMBER_SYSTEM, value: c.caseNumber }],
    status: requestStatus(c),
    intent: 'proposal',
    code: serviceCode(c.state.serviceCode),
    subject: patientRef(p),
    authoredOn: c.request?.receivedOn ?? c.state.receivedOn,
    ...(c.request ? { note: [{ text: c.request.description }] } : {}),
  };
}

const GRANTED = new Set(['granted', 'partly_granted']);

function carePlanStatus(c: FhirCaseInput): CarePlan['status'] {
  if (c.state.status === 'ended') return 'completed';
  return UNDER_SERVICE_STATUSES.includes(c.state.status) ? 'active' : 'draft';
}

function activityStatus(c: FhirCaseInput): NonNullable<CarePlanActivity['detail']>['status'] {
  if (c.state.status === 'ended') return 'completed';
  return c.state.status === 'active' ? 'in-progress' : 'scheduled';
}

function extentOf(c: FhirCaseInput): { value: number; unit: string; system: string; code: string } | null {
  const d = c.state.decision;
  const hours = d?.hoursPerWeek ?? d?.frame?.maxHoursPerWeek ?? null;
  return hours === null ? null : { value: hours, unit: 'hours per week', system: UCUM, code: 'h/wk' };
}

/** The goals of the decision (and of a frame decision), one Goal each. */
export function goalsOf(c: FhirCaseInput, p: FhirPersonInput): Goal[] {
  const texts = [...(c.decision?.goals ?? []), ...(c.state.decision?.frame?.goals ?? [])].filter((g, i, all) => all.indexOf(g) === i);
  return texts.map((text, i) => ({
    resourceType: 'Goal',
    id: `${c.caseId}-g${i + 1}`,
    lifecycleStatus: c.state.status === 'ended' ? 'completed' : 'active',
    description: { text },
    subject: patientRef(p),
    ...(c.state.decision ? { startDate: c.state.decision.validFrom } : {}),
  }));
}

/** The granted decision as a care plan: author the authority, performer the provider, the extent and the goals. */
export function carePlanOf(c: FhirCaseInput, p: FhirPersonInput, authority: FhirAuthority, goals: readonly Goal[]): CarePlan | null {
  const d = c.state.decision;
  if (!d || !GRANTED.has(d.outcome)) return null;
  const provider = c.state.providerUnitId;
  const extent = extentOf(c);
  return {
    resourceType: 'CarePlan',
    id: `${c.caseId}-plan`,
    identifier: [{ system: CASE_NUMBER_SYSTEM, value: c.caseNumber }],
    status: carePlanStatus(c),
    intent: 'order',
    ...(c.level === 'full' ? { basedOn: [{ reference: `ServiceRequest/${c.caseId}` }] } : {}),
    subject: patientRef(p),
    period: { start: d.validFrom, ...(d.validTo ? { end: d.validTo } : {}) },
    created: d.decidedOn,
    author: { display: authority.name },
    ...(c.decision ? { description: c.decision.summary } : {}),
    ...(goals.length ? { goal: goals.map((g) => ({ reference: `Goal/${g.id}` })) } : {}),
    activity: [
      {
        detail: {
          kind: 'ServiceRequest',
          code: serviceCode(d.serviceCode),
          status: activityStatus(c),
          ...(provider ? { performer: [{ display: c.unitNames[provider] ?? provider }] } : {}),
          ...(extent ? { quantity: extent } : {}),
        },
      },
    ],
  };
}

const TASK_STATUS = { awaiting: 'requested', accepted: 'accepted', rejected: 'rejected' } as const;

/** Each order to a provider (bestilling) as a Task based on the care plan, owned by the provider. */
export function tasksOf(c: FhirCaseInput, p: FhirPersonInput, authority: FhirAuthority, plan: CarePlan | null): Task[] {
  return c.state.orders.map((o, i) => ({
    resourceType: 'Task',
    id: `${c.caseId}-o${i + 1}`,
    status: TASK_STATUS[o.status],
    intent: 'order',
    ...(plan ? { basedOn: [{ reference: `CarePlan/${plan.id}` }] } : {}),
    code: { text: `${o.kind} order, revision ${o.revision}` },
    for: patientRef(p),
    authoredOn: o.sentAt,
    requester: { display: authority.name },
    owner: { display: c.unitNames[o.providerUnitId] ?? o.providerUnitId },
    ...(o.hoursPerWeek !== null ? { input: [{ type: { text: 'hours per week' }, valueDecimal: o.hoursPerWeek }] } : {}),
  }));
}

/** A completed IPLOS assessment as an Observation with one component per scored variable. */
export function observationOf(a: FhirAssessmentInput, p: FhirPersonInput): Observation | null {
  if (a.status !== 'completed') return null;
  const names = new Map(IPLOS_CURRENT.variables.map((v) => [v.code, v.name.nb]));
  return {
    resourceType: 'Observation',
    id: a.id,
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: IPLOS_ASSESSMENT_SYSTEM, code: 'iplos', display: 'IPLOS-kartlegging' }], text: `IPLOS (${IPLOS_CURRENT.version})` },
    subject: patientRef(p),
    effectiveDateTime: a.assessedOn,
    component: Object.entries(a.scores)
      .filter(([code]) => names.has(code))
      .map(([code, score]) => ({ code: { coding: [{ system: IPLOS_VARIABLE_SYSTEM, code, display: names.get(code) ?? code }] }, valueInteger: score })),
  };
}

/** The diagnoses of a completed assessment, one Condition each (the need the request answers, in the FKI model). */
export function conditionsOf(a: FhirAssessmentInput, p: FhirPersonInput): Condition[] {
  if (a.status !== 'completed') return [];
  return a.diagnoses.map((d, i) => ({
    resourceType: 'Condition',
    id: `${a.id}-d${i + 1}`,
    code: { coding: [{ system: DIAGNOSIS_SYSTEMS[d.system] ?? d.system, code: d.code }], text: `${d.system} ${d.code}` },
    subject: patientRef(p),
    recordedDate: a.assessedOn,
  }));
}
