/**
 * A demo case plan (demo/cases.ts, the same lifecycle paths and lawful decisions as the small demo)
 * turned into a case log by the pipeline's own rules: each action's payload is parsed by its schema,
 * the opening authorised and routed by the organisation's intake, each step taken by a staff member
 * the transition table allows (a provider answers only its own orders), and judged by the domain's
 * content rules (judgeAction) before it is recorded. A step the rules refuse throws, except an
 * optional one, which is left out as the pipeline's caller does.
 */
import type { Faker } from '@faker-js/faker';
import { authoriseOpening, DEFAULT_ROLE_TABLE, intakeFor } from '../../app/authority.ts';
import { assertScarcePlaceRules } from '../../app/waitingLists.ts';
import { IPLOS_CURRENT } from '../../domain/assessment/iplos.ts';
import { actionPayloadSchemas, checkTransition, type ActionBody, type CaseAction, type CaseState, type FollowUpAction } from '../../domain/case/index.ts';
import { judgeAction } from '../../domain/case/judge.ts';
import { complaintTimeliness } from '../../domain/decision/complaints.ts';
import { formsFor } from '../../domain/decision/forms.ts';
import { osloDate } from '../../domain/law/deadlines.ts';
import { inForceOn } from '../../domain/organisation/dated.ts';
import { routeRequest } from '../../domain/organisation/routing.ts';
import { awaitingOrder } from '../../domain/provider/orders.ts';
import { findService } from '../../domain/services/catalogue.ts';
import type { DemoCase, DemoStep } from '../cases.ts';
import type { DemoAssessment } from '../decisions.ts';
import { CaseLog } from './caseLog.ts';
import type { ScaleActor, ScaleDistrict, ScaleOrg } from './organisation.ts';
import type { ScaleTables } from './tables.ts';

export interface ScalePerson {
  readonly id: string;
  /** Completed assessments recorded for the person so far (the decision rule reads them). */
  readonly assessments: { caseId: string; assessedOn: string }[];
}

export interface CaseInput {
  readonly org: ScaleOrg;
  readonly district: ScaleDistrict;
  readonly tables: ScaleTables;
  readonly f: Faker;
}

function actorOf(a: ScaleActor) {
  return { roles: [...a.authority.actor.roles], unitIds: a.authority.actor.units.map((u) => u.id), grant: DEFAULT_ROLE_TABLE };
}

function opened(c: CaseInput, person: ScalePerson, plan: DemoCase, owner: ScaleActor, ids: { caseId: string; caseNumber: string }): CaseLog {
  const representative = plan.channel === 'representative' ? { representative: { name: 'Berit Lund (fullmektig)', authority: 'power_of_attorney' as const } } : {};
  const request = actionPayloadSchemas.request_received.parse({ personId: person.id, serviceCode: plan.serviceCode, channel: plan.channel, receivedOn: plan.receivedOn, description: plan.description, ...representative });
  const onDate = osloDate(plan.receivedAt);
  const where = { districtId: c.district.id, serviceCode: plan.serviceCode };
  const opening = {
    type: 'request_received' as const,
    payload: request,
    seq: 1,
    actorStaffId: owner.id,
    authority: authoriseOpening(owner.authority, where, onDate),
    reason: null,
    occurredAt: plan.receivedAt.toISOString(),
  };
  const log = new CaseLog(ids.caseId, ids.caseNumber, opening);
  // As the pipeline's routeOpening, for a municipality without routing rules or policy: the model's template intake.
  const { intake, because } = intakeFor(owner.authority, null);
  const route = routeRequest(intake, c.district.id, owner.authority.units.filter((u) => inForceOn(u, onDate)), null);
  log.record({ ...opening, type: 'case_routed', payload: { unitId: route.unitId, districtId: c.district.id, rule: `${because}${route.rule}` }, seq: 2 } as CaseAction);
  return log;
}

/** The generated steps name no ids; here they get this case's owner and provider. */
function withReferences(step: DemoStep, ownerId: string, providerUnitId: string): FollowUpAction {
  switch (step.action.type) {
    case 'owner_assigned':
      return { type: 'owner_assigned', payload: { ownerStaffId: ownerId } };
    case 'service_arranged':
      return { type: 'service_arranged', payload: { ...step.action.payload, providerUnitId } };
    case 'order_accepted':
      return { type: 'order_accepted', payload: { providerUnitId } };
    default:
      return step.action;
  }
}

/** A complaint after the deadline is accepted with a reason, as fvl § 31 allows (as the small demo does). */
function withLateReason(state: CaseState, body: FollowUpAction): FollowUpAction {
  if (body.type !== 'complaint_received' || !state.decision?.decidedOn) return body;
  if (!complaintTimeliness(state.decision, body.payload.receivedOn).late) return body;
  return { ...body, payload: { ...body.payload, lateAcceptedReason: 'Klager var innlagt på sykehus da vedtaket kom' } };
}

/** Whether the table lets this staff member take the action now; a provider answers only an order sent to it. */
function mayTake(who: ScaleActor, state: CaseState, body: ActionBody): boolean {
  if (!checkTransition(state, body.type, who.authority.actor.roles).ok) return false;
  if (body.type !== 'order_accepted' && body.type !== 'order_rejected') return true;
  return who.authority.actor.units.some((u) => u.id === body.payload.providerUnitId) && awaitingOrder(state.orders, body.payload.providerUnitId) !== undefined;
}

function parsed(body: ActionBody): ActionBody {
  const result = actionPayloadSchemas[body.type].safeParse(body.payload);
  if (!result.success) throw new Error(`scale: the ${body.type} is not well formed: ${result.error.message}`);
  return { type: body.type, payload: result.data } as ActionBody;
}

function recordAssessment(c: CaseInput, person: ScalePerson, caseId: string, assessor: ScaleActor, a: DemoAssessment): void {
  const participants = [{ staffId: assessor.id, name: 'Saksbehandler', profession: 'Sykepleier' }];
  const content = { goals: [], relatives: [], diagnoses: [], participants, answers: {} };
  c.tables.assessment.add([c.org.spec.id, person.id, caseId, 'completed', a.assessedOn, assessor.id, IPLOS_CURRENT.version, JSON.stringify(a.scores), a.whatMatters, null, JSON.stringify(content)]);
  person.assessments.push({ caseId, assessedOn: a.assessedOn });
}

/** One step through the rules; null when an optional step is refused. */
function takeStep(c: CaseInput, log: CaseLog, person: ScalePerson, step: DemoStep, who: { owner: ScaleActor; provider: ScaleDistrict['homeCare'] }): CaseState | null {
  const state = log.state;
  const body = parsed(withLateReason(state, withReferences(step, who.owner.id, who.provider.unitId)));
  const actor = (step.by === 'provider' ? [who.provider.staff, who.owner] : [who.owner]).find((a) => mayTake(a, state, body));
  if (!actor) {
    if (step.optional) return null;
    throw new Error(`scale case ${log.caseNumber}: nobody may take ${body.type} in ${state.status}`);
  }
  const action = { ...body, seq: state.version + 1, actorStaffId: actor.id, authority: actorOf(actor), reason: step.reason ?? null, occurredAt: step.at.toISOString() } as CaseAction;
  const completedAssessment = person.assessments.some((a) => a.caseId === log.caseId || a.assessedOn >= state.receivedOn);
  const facts = { formsFor: (code: string) => formsFor(null, code, c.org.catalogue), completedAssessment, service: (code: string) => c.org.catalogue.find((e) => e.code === code) };
  const verdict = judgeAction(state, action, facts);
  if (!verdict.ok) {
    if (step.optional) return null;
    throw new Error(`scale case ${log.caseNumber}: ${action.type} refused: ${verdict.kind === 'transition' ? verdict.message : verdict.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  assertScarcePlaceRules(null, action);
  return log.record(action);
}

/** Builds one case from its plan and adds its rows to the batch; returns the log. */
export function buildCase(c: CaseInput, person: ScalePerson, plan: DemoCase, ids: { caseId: string; caseNumber: string }): CaseLog {
  const owner = c.f.helpers.arrayElement(c.district.caseworkers);
  const provider = findService(plan.serviceCode)?.institutional ? c.district.careHome : c.district.homeCare;
  const log = opened(c, person, plan, owner, ids);
  for (const step of plan.steps) {
    if (step.assessment) recordAssessment(c, person, log.caseId, owner, step.assessment);
    takeStep(c, log, person, step, { owner, provider });
  }
  log.write(c.tables, c.org.spec.id);
  return log;
}
