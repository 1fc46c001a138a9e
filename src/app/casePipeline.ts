/**
 * The one write path of a case. Every writer (the API's commands, criteria evaluation, letters,
 * registration and routing, the applicant channel, jobs, the demo, imports) appends through here, in
 * one order:
 *
 *   lock → version → authorise → content rules → references → record → project → side effects
 *
 * - lock: the case row is locked and the state is derived from the log (the truth); the stored
 *   projection is checked against it and a drift refuses the write (`tildel reproject` mends it).
 * - authorise: the transition table, then the policy in force (or the default role table, named on
 *   the action when no policy is in force), then the model's and the orders' rules.
 * - content rules: pure domain functions of (state, action, facts), so every writer gets the same
 *   verdict; defaults (the re-evaluation date from the criteria set) are filled in first.
 * - record and project: the action is appended, the case row, deadlines and waiting lists follow.
 * - side effects: a decision asks for its budget check, which the job runner makes after commit
 *   (app/budgetCheck.ts), so a statutory decision never waits for the budget.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  actionPayloadSchemas,
  applyAction,
  checkTransition,
  deriveCaseState,
  openCase,
  type ActionBody,
  type Authority,
  type CaseAction,
  type CaseState,
} from '../domain/case/index.ts';
import { judgeAction } from '../domain/case/judge.ts';
import type { RuleFacts } from '../domain/decision/checks.ts';
import { decisionDefaults } from '../domain/decision/defaults.ts';
import { formsFor } from '../domain/decision/forms.ts';
import { deadlineChanges } from '../domain/law/caseDeadlines.ts';
import { osloDate } from '../domain/law/deadlines.ts';
import { routeRequest } from '../domain/organisation/routing.ts';
import { inForceOn } from '../domain/organisation/dated.ts';
import { personPlace, routeByConfiguredRules } from './routingConfig.ts';
import { findCriteriaSet, hasCompletedAssessment, listCriteriaSets } from '../store/assessments.ts';
import { versionInForce } from '../domain/criteria/lifecycle.ts';
import { addAgendaItem, nextPlannedMeeting } from '../store/board.ts';
import { appendAction, caseHistory, insertCaseFile, lockCase, nextCaseNumber, updateCaseFile } from '../store/cases.ts';
import { applyDeadlineChange } from '../store/deadlines.ts';
import { replaceWorkItems } from '../store/workItems.ts';
import { openWorkItems } from '../domain/case/workItems.ts';
import type { Tx } from '../store/tx.ts';
import { authoriseAction, authoriseOpening, casePolicy, intakeFor, type AuthorityContext } from './authority.ts';
import { checkRevisionRule } from './changeReports.ts';
import { requireWriteBy } from './gate.ts';
import { verifyReferences } from './caseReferences.ts';
import { catalogueOn } from './catalogue.ts';
import { AppError, issueFacts, notFound } from './errors.ts';
import { projectOrderDeadline } from './orders.ts';
import { queueMessagesCausedBy } from './messageCauses.ts';
import { projectionDrift } from './projection.ts';
import { requestBudgetCheck } from '../store/budget.ts';
import { assertScarcePlaceRules, projectWaitingList } from './waitingLists.ts';
import { touchesWaitingList } from '../domain/prioritisation/waitingList.ts';

/** Who writes, when, and for which request: the same for every kind of writer. */
export interface Writer {
  readonly authority: AuthorityContext;
  /** When the action happened (the demo and jobs may write at another time than now). */
  readonly at: Date;
  /** The Norwegian local date the rules apply on. */
  readonly onDate: string;
  readonly requestId: string | null;
  /** The purpose the writer states (a leader writes to cases only for some purposes; see access.ts). */
  readonly purpose: string;
}

/** A writer acting now (or at `at`), its rules applied on that day in Norway. */
export function writerAt(authority: AuthorityContext, requestId: string | null, at: Date, purpose = 'case_processing'): Writer {
  return { authority, at, onDate: osloDate(at), requestId, purpose };
}

export type OpenCaseInput = z.infer<typeof actionPayloadSchemas.request_received>;

export interface Opening {
  readonly caseId?: string;
  readonly request: OpenCaseInput;
  readonly districtId: string | null;
  /** The authority recorded on the opening when it is not a staff member's own (the digital application channel). */
  readonly openedBy?: Authority;
}

export interface Append {
  readonly caseId: string;
  readonly body: ActionBody;
  /** The version the writer read; a command from a person names it, a job or the demo may leave it out. */
  readonly expectedVersion?: number;
  readonly reason?: string | null;
}

export interface Appended {
  readonly before: CaseState;
  readonly state: CaseState;
  readonly action: CaseAction;
}

/** Registers a request: opens the case log and routes it where the policy says (søknad registrert). */
export async function openCaseLog(tx: Tx, writer: Writer, o: Opening): Promise<{ caseId: string; state: CaseState }> {
  const caseId = o.caseId ?? randomUUID();
  const where = { districtId: o.districtId, serviceCode: o.request.serviceCode };
  const opening: CaseAction & { type: 'request_received' } = {
    type: 'request_received',
    payload: o.request,
    seq: 1,
    actorStaffId: writer.authority.actor.staffId,
    authority: o.openedBy ?? authoriseOpening(writer.authority, where, writer.onDate),
    reason: null,
    occurredAt: writer.at.toISOString(),
  };
  const opened = openCase(opening);
  const caseNumber = await nextCaseNumber(tx, Number(o.request.receivedOn.slice(0, 4)));
  await insertCaseFile(tx, caseId, caseNumber, opened);
  await appendAction(tx, caseId, opening, writer.requestId);
  await applyDeadlineChange(tx, caseId, deadlineChanges(opening), opening.occurredAt);
  await queueMessagesCausedBy(tx, { caseId, action: opening, state: opened });
  const route = await routeOpening(tx, writer, o);
  const payload = { unitId: route.unitId, districtId: o.districtId, rule: route.rule };
  let state = await record(tx, caseId, opened, { ...opening, type: 'case_routed', payload, seq: 2 } as CaseAction, writer.requestId);
  if (route.ownerStaffId) {
    const owner = { ...opening, type: 'owner_assigned', payload: { ownerStaffId: route.ownerStaffId }, seq: 3, reason: route.rule } as CaseAction;
    state = await record(tx, caseId, state, owner, writer.requestId);
  }
  if (route.toBoardMeeting && route.unitId) {
    const meeting = await nextPlannedMeeting(tx, route.unitId, writer.onDate);
    if (meeting) await addAgendaItem(tx, meeting, caseId);
  }
  return { caseId, state };
}

/**
 * Where a new request goes: by the municipality's routing rules (a team, a unit, the board's next
 * meeting, or a named caseworker from a pool), or else by the intake of the policy in force (the
 * team covering the person's area first, where teams are organised by geography).
 */
async function routeOpening(tx: Tx, writer: Writer, o: Opening): Promise<{ unitId: string | null; ownerStaffId: string | null; toBoardMeeting: boolean; rule: string }> {
  const place = await personPlace(tx, o.request.personId, writer.onDate);
  const facts = { personId: o.request.personId, districtId: o.districtId, serviceCode: o.request.serviceCode, channel: o.request.channel, diagnosisGroup: o.request.diagnosisGroup ?? null, onDate: writer.onDate };
  const byRule = await routeByConfiguredRules(tx, facts, place, writer.authority.units);
  if (byRule) return byRule;
  const policy = casePolicy(writer.authority, { districtId: o.districtId, serviceCode: o.request.serviceCode }, writer.onDate);
  const { intake, because } = intakeFor(writer.authority, policy);
  const route = routeRequest(intake, o.districtId, writer.authority.units.filter((u) => inForceOn(u, writer.onDate)), place.areaTeamId);
  return { unitId: route.unitId, ownerStaffId: null, toBoardMeeting: intake === 'allocation_board', rule: `${because}${route.rule}` };
}

/** Appends one action to a case through every rule; returns the state before and after. */
export async function appendToCase(tx: Tx, writer: Writer, a: Append): Promise<Appended> {
  const given = parsedBody(a.body);
  const { state: before, history } = await lockedCase(tx, a.caseId);
  if (a.expectedVersion !== undefined) assertCurrentVersion(before, a.expectedVersion);
  // Who may take the action under the policy (and who may instead), then whether this writer has a need for this case.
  const authority = await authoriseAction(tx, writer.authority, before, given, writer.onDate);
  await requireWriteBy(tx, writer.authority, writer, a.caseId, before, given.type);
  const policy = casePolicy(writer.authority, before, writer.onDate);
  const body = await withDefaults(tx, before, given, writer.onDate);
  const action = {
    ...body,
    seq: before.version + 1,
    actorStaffId: writer.authority.actor.staffId,
    authority,
    reason: a.reason ?? null,
    occurredAt: writer.at.toISOString(),
  } as CaseAction;
  assertContent(before, action, await ruleFacts(tx, a.caseId, before, action, policy?.rules ?? null, writer.onDate));
  assertScarcePlaceRules(policy, action);
  if (policy) await checkRevisionRule(tx, policy, before, action, writer.onDate, a.caseId);
  await verifyReferences(tx, before, action);
  const state = await record(tx, a.caseId, before, action, writer.requestId);
  if (touchesWaitingList(action.type)) await projectWaitingList(tx, a.caseId, before.personId, [...history, action]);
  if (action.type === 'decision_made') await requestBudgetCheck(tx, a.caseId, writer.onDate);
  return { before, state, action };
}

/** The action's payload schema holds for every writer, not only the HTTP boundary (the demo, jobs and system writers too). */
function parsedBody(body: ActionBody): ActionBody {
  const result = actionPayloadSchemas[body.type].safeParse(body.payload);
  if (result.success) return { type: body.type, payload: result.data } as ActionBody;
  const fields = result.error.issues.map((i) => ({ field: ['action', 'payload', ...i.path.map(String)].join('.'), message: i.message, code: i.code, params: issueFacts(i) }));
  throw new AppError('validation', `The ${body.type.replace(/_/g, ' ')} is not well formed: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}.`, { fields });
}

/**
 * Locks the case and derives its state from the log, returning both. The projection must agree with
 * the log: a difference means something wrote the projection outside this path, and the write is refused.
 */
async function lockedCase(tx: Tx, caseId: string): Promise<{ state: CaseState; history: CaseAction[] }> {
  const stored = await lockCase(tx, caseId);
  if (!stored) throw notFound('The case');
  const history = await caseHistory(tx, caseId);
  const derived = deriveCaseState(history);
  const drift = projectionDrift(stored, derived);
  if (drift) {
    throw new AppError('conflict', `The stored case differs from its history (${drift}); nothing was written. An operator runs \`tildel reproject\` to rebuild it from the log.`);
  }
  return { state: derived, history };
}

function assertCurrentVersion(state: CaseState, expected: number): void {
  if (state.version !== expected) {
    throw new AppError(
      'stale-version',
      `The case has changed since you read it: you sent version ${expected}, the case is at version ${state.version}. Reload the case and try again.`,
      { currentVersion: state.version },
    );
  }
}

/** Fills in what the writer left to the rules: the decision's end and re-evaluation from the criteria set; the decision a letter notifies. */
async function withDefaults(tx: Tx, state: CaseState, body: ActionBody, onDate: string): Promise<ActionBody> {
  if (body.type === 'letter_issued' && body.payload.kind === 'decision' && body.payload.decisionSeq === undefined && state.decision) {
    return { ...body, payload: { ...body.payload, decisionSeq: state.decision.seq } };
  }
  if (body.type !== 'decision_made') return body;
  const set = await durationRulesFor(tx, state, body.payload.serviceCode, onDate);
  return set ? { ...body, payload: decisionDefaults(body.payload, set.rules) } : body;
}

/**
 * The criteria set whose default duration and evaluation interval a decision takes: the one the case
 * was evaluated against, or, without an evaluation for the service decided, the set in force for it.
 */
async function durationRulesFor(tx: Tx, state: CaseState, serviceCode: string, onDate: string) {
  const evaluated = state.lastEvaluation ? await findCriteriaSet(tx, state.lastEvaluation.criteriaSetId) : null;
  if (evaluated && evaluated.service_code === serviceCode) return evaluated;
  const sets = await listCriteriaSets(tx, serviceCode);
  return versionInForce(sets.map((r) => ({ id: r.id, serviceCode: r.service_code, version: r.version, inForceFrom: r.in_force_from, row: r })), serviceCode, onDate)?.row ?? evaluated;
}

/** The facts the content rules need, gathered once per action: the catalogue and policy forms in force, the assessment. */
async function ruleFacts(tx: Tx, caseId: string, state: CaseState, action: CaseAction, rules: Parameters<typeof formsFor>[0], onDate: string): Promise<RuleFacts> {
  if (!DECIDING.has(action.type)) return { formsFor: (code) => formsFor(rules, code), completedAssessment: true };
  const catalogue = await catalogueOn(tx, onDate);
  const completedAssessment = await hasCompletedAssessment(tx, caseId, state.personId, state.receivedOn);
  return { formsFor: (code) => formsFor(rules, code, catalogue), completedAssessment, service: (code) => catalogue.find((e) => e.code === code) };
}

/** The actions whose content rules read the catalogue and the assessment. */
const DECIDING = new Set<CaseAction['type']>(['decision_made', 'complaint_reversed_on_review', 'complaint_resolved']);

/** The domain's verdict (judgeAction), the same for every writer, as a refusal that names each field, rule and citation. */
function assertContent(state: CaseState, action: CaseAction, facts: RuleFacts): void {
  const verdict = judgeAction(state, action, facts);
  if (verdict.ok) return;
  if (verdict.kind === 'transition') throw new AppError('transition-not-allowed', verdict.message);
  const what = action.type.replace(/_/g, ' ');
  throw new AppError('validation', `The ${what} does not satisfy the rules: ${verdict.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, {
    fields: verdict.problems.map((p) => ({ field: `action.payload.${p.field}`, message: `${p.message} (${p.citation})`, code: 'rule', params: { citation: p.citation } })),
  });
}

/** Appends an action the state allows and projects it: the case row, its work items, its deadlines and its orders' deadline. */
async function record(tx: Tx, caseId: string, before: CaseState, action: CaseAction, requestId: string | null): Promise<CaseState> {
  const check = checkTransition(before, action.type, null);
  if (!check.ok) throw new AppError('transition-not-allowed', check.message);
  const next = applyAction(before, action);
  await appendAction(tx, caseId, action, requestId);
  await updateCaseFile(tx, caseId, next);
  await replaceWorkItems(tx, caseId, openWorkItems(next));
  await applyDeadlineChange(tx, caseId, deadlineChanges(action), action.occurredAt);
  await projectOrderDeadline(tx, caseId, before, next, action.occurredAt);
  await queueMessagesCausedBy(tx, { caseId, action, state: next });
  return next;
}
