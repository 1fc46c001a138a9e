/**
 * Commands on cases: register a request (which opens the case and routes it by policy) and append
 * follow-up actions. Each checks authority (transition table + policy), appends and projects in one
 * transaction, and writes the access log.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { actionPayloadSchemas, type Authority, type CaseAction, type CaseState, type FollowUpAction } from '../domain/case/index.ts';
import { routeRequest } from '../domain/organisation/routing.ts';
import { addAgendaItem, nextPlannedMeeting } from '../store/board.ts';
import { findCase, lockCase, nextCaseNumber, type CaseRow } from '../store/cases.ts';
import { findPerson } from '../store/persons.ts';
import type { Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { allowedActionsFor, authoriseAction, authoriseOpening, casePolicy, loadAuthorityContext, type AuthorityContext } from './authority.ts';
import { recordAction, startCaseLog } from './caseLog.ts';
import { checkRevisionRule } from './changeReports.ts';
import { escalateIfOverBudget } from './settlement.ts';
import { verifyReferences } from './caseReferences.ts';
import { caseView } from './cases.ts';
import { norwegianDate } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import { assertScarcePlaceRules, projectWaitingList } from './waitingLists.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError, invalidField, notFound } from './errors.ts';
import type { Principal } from './principal.ts';

export const openCaseInput = actionPayloadSchemas.request_received;
export type OpenCaseInput = z.infer<typeof openCaseInput>;

export interface AppendActionInput {
  readonly expectedVersion: number;
  readonly action: FollowUpAction;
  readonly reason?: string | undefined;
}

/** Registers a request, opens its case and routes it where the policy says (søknad registrert). */
export async function openCase(ctx: AppContext, principal: Principal, meta: CommandMeta, input: OpenCaseInput): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const person = await findPerson(tx, input.personId);
    if (!person) throw invalidField('personId', 'no such person in this municipality');
    const authority = await loadAuthorityContext(tx, principal);
    const id = randomUUID();
    const today = norwegianDate();
    const state = await registerRequest(tx, authority, { caseId: id, request: input, districtId: person.district_id, at: new Date(), onDate: today, requestId: meta.requestId });
    await audit(tx, principal, meta, 'write', 'case', [input.personId]);
    return { statusCode: 201, body: caseView((await findCase(tx, id)) as CaseRow, allowedActionsFor(authority, state, today)) };
  });
}

export interface Registration {
  readonly caseId: string;
  readonly request: OpenCaseInput;
  readonly districtId: string | null;
  readonly at: Date;
  readonly onDate: string;
  readonly requestId: string | null;
  /** The authority recorded on the opening, when it is not a staff member's (the digital application channel). */
  readonly openedBy?: Authority;
}

/** Opens the case log and routes it; shared by the API and the demo loader. */
export async function registerRequest(tx: Tx, authority: AuthorityContext, r: Registration): Promise<CaseState> {
  const where = { districtId: r.districtId, serviceCode: r.request.serviceCode };
  const opening: CaseAction & { type: 'request_received' } = {
    type: 'request_received',
    payload: r.request,
    seq: 1,
    actorStaffId: authority.actor.staffId,
    authority: r.openedBy ?? authoriseOpening(authority, where, r.onDate),
    reason: null,
    occurredAt: r.at.toISOString(),
  };
  const state = await startCaseLog(tx, r.caseId, await nextCaseNumber(tx, Number(r.request.receivedOn.slice(0, 4))), opening, r.requestId);
  const policy = casePolicy(authority, where, r.onDate);
  if (!policy) return state;
  const route = routeRequest(policy.rules.intake, r.districtId, authority.units);
  const routed: CaseAction = {
    type: 'case_routed',
    payload: { unitId: route.unitId, districtId: r.districtId, rule: route.rule },
    seq: 2,
    actorStaffId: opening.actorStaffId,
    authority: opening.authority,
    reason: null,
    occurredAt: opening.occurredAt,
  };
  const next = await recordAction(tx, r.caseId, state, routed, r.requestId);
  if (policy.rules.intake === 'allocation_board' && route.unitId) {
    const meeting = await nextPlannedMeeting(tx, route.unitId, r.onDate);
    if (meeting) await addAgendaItem(tx, meeting, r.caseId);
  }
  return next;
}

/** Appends one follow-up action to a case, if the table and the policy allow it and the version is current. */
export async function appendCaseAction(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  caseId: string,
  input: AppendActionInput,
): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const state = await lockCase(tx, caseId);
    if (!state) throw notFound('The case');
    assertCurrentVersion(state, input.expectedVersion);
    const authorityContext = await loadAuthorityContext(tx, principal);
    const today = norwegianDate();
    const authority = await authoriseAction(tx, authorityContext, state, input.action, today);
    await verifyReferences(tx, state, input.action);
    const policy = casePolicy(authorityContext, state, today);
    assertScarcePlaceRules(policy, input.action);
    if (policy) await checkRevisionRule(tx, policy, state, input.action, today, caseId);
    const action = {
      ...input.action,
      seq: state.version + 1,
      actorStaffId: principal.staffId,
      authority,
      reason: input.reason ?? null,
      occurredAt: new Date().toISOString(),
    } as CaseAction;
    const next = await recordAction(tx, caseId, state, action, meta.requestId);
    await projectWaitingList(tx, caseId, state, action);
    if (action.type === 'decision_made') await escalateIfOverBudget(tx, caseId, next, today);
    await audit(tx, principal, meta, 'write', `case action ${action.type}`, [state.personId]);
    return { statusCode: 200, body: caseView((await findCase(tx, caseId)) as CaseRow, allowedActionsFor(authorityContext, next, today)) };
  });
}

function assertCurrentVersion(state: CaseState, expected: number): void {
  if (state.version !== expected) {
    throw new AppError(
      'stale-version',
      `The case has changed since you read it: you sent version ${expected}, the case is at version ${state.version}. ` +
        'Reload the case and try again.',
      { currentVersion: state.version },
    );
  }
}

