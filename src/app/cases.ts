/**
 * Use cases for cases: open a case from a request, append follow-up actions, read and list.
 * Every write appends an action and updates the projection in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  actionPayloadSchemas,
  allowedActions,
  checkTransition,
  stateKey,
  TRANSITIONS,
  type CaseAction,
  type CaseState,
  type FollowUpAction,
} from '../domain/case/index.ts';
import { findService } from '../domain/services/catalogue.ts';
import { findCase, listActions, listCases, lockCase, nextCaseNumber, type CaseFilter, type CaseRow } from '../store/cases.ts';
import { findPerson } from '../store/persons.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { startCaseLog, recordAction } from './caseLog.ts';
import { verifyReferences } from './caseReferences.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, invalidField, notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import type { CaseActionView, CaseView } from './views.ts';

export const openCaseInput = actionPayloadSchemas.request_received;
export type OpenCaseInput = z.infer<typeof openCaseInput>;

export interface AppendActionInput {
  readonly expectedVersion: number;
  readonly action: FollowUpAction;
  readonly reason?: string | undefined;
}

export function caseView(row: CaseRow, principal: Principal): CaseView {
  return {
    id: row.id,
    caseNumber: row.case_number,
    version: row.version,
    status: row.state.status,
    stateKey: stateKey(row.state),
    complaintStage: row.complaint_stage,
    serviceCode: row.service_code,
    serviceName: findService(row.service_code)?.name.nb ?? row.service_code,
    person: { id: row.person_id, name: row.person_name },
    owner: row.owner_staff_id ? { id: row.owner_staff_id, name: row.owner_name ?? '' } : null,
    providerUnitId: row.provider_unit_id,
    receivedOn: row.received_on,
    decision: row.state.decision,
    updatedAt: row.updated_at.toISOString(),
    allowedActions: allowedActions(row.state, principal.roles),
  };
}

function authorityOf(principal: Principal): CaseAction['authority'] {
  return { roles: [...principal.roles], unitIds: [...principal.unitIds] };
}

/** Registers a request and opens its case (søknad registrert). */
export async function openCase(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  input: OpenCaseInput,
): Promise<CommandResult> {
  const roles = TRANSITIONS.request_received.roles;
  if (!roles.some((r) => principal.roles.includes(r))) {
    throw new AppError('forbidden', `Registering a request needs one of the roles ${roles.join(', ')}.`);
  }
  return runCommand(ctx, principal, meta, async (tx) => {
    if (!(await findPerson(tx, input.personId))) throw invalidField('personId', 'no such person in this municipality');
    const id = randomUUID();
    const action: CaseAction & { type: 'request_received' } = {
      type: 'request_received',
      payload: input,
      seq: 1,
      actorStaffId: principal.staffId,
      authority: authorityOf(principal),
      reason: null,
      occurredAt: new Date().toISOString(),
    };
    await startCaseLog(tx, id, await nextCaseNumber(tx, Number(input.receivedOn.slice(0, 4))), action, meta.requestId);
    await audit(tx, principal, meta, 'write', 'case', [input.personId]);
    const row = await findCase(tx, id);
    return { statusCode: 201, body: caseView(row as CaseRow, principal) };
  });
}

/** Appends one follow-up action to a case, if the table allows it and the version is current. */
export async function appendCaseAction(
  ctx: AppContext,
  principal: Principal,
  meta: CommandMeta,
  caseId: string,
  input: AppendActionInput,
): Promise<CommandResult> {
  return runCommand(ctx, principal, meta, async (tx) => {
    const state = await lockCase(tx, caseId);
    if (!state) throw notFound('The case');
    assertCurrentVersion(state, input.expectedVersion);
    const allowed = checkTransition(state, input.action.type, principal.roles);
    if (allowed.ok) await verifyReferences(tx, state, input.action);
    const action = {
      ...input.action,
      seq: state.version + 1,
      actorStaffId: principal.staffId,
      authority: authorityOf(principal),
      reason: input.reason ?? null,
      occurredAt: new Date().toISOString(),
    } as CaseAction;
    await recordAction(tx, caseId, state, action, meta.requestId);
    await audit(tx, principal, meta, 'write', `case action ${action.type}`, [state.personId]);
    const row = await findCase(tx, caseId);
    return { statusCode: 200, body: caseView(row as CaseRow, principal) };
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

export async function getCase(ctx: AppContext, principal: Principal, meta: RequestMeta, id: string): Promise<CaseView> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const row = await findCase(tx, id);
    if (!row) throw notFound('The case');
    await audit(tx, principal, meta, 'read', 'case', [row.person_id]);
    return caseView(row, principal);
  });
}

export async function getCaseHistory(
  ctx: AppContext,
  principal: Principal,
  meta: RequestMeta,
  id: string,
): Promise<CaseActionView[]> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const row = await findCase(tx, id);
    if (!row) throw notFound('The case');
    await audit(tx, principal, meta, 'read', 'case history', [row.person_id]);
    return (await listActions(tx, id)).map((a) => ({ ...a, payload: a.payload as Record<string, unknown>, authority: { roles: [...a.authority.roles], unitIds: [...a.authority.unitIds] } }));
  });
}

export async function listCasesFor(
  ctx: AppContext,
  principal: Principal,
  meta: RequestMeta,
  filter: CaseFilter & { mine?: boolean | undefined },
): Promise<{ items: CaseView[]; total: number }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const ownerStaffId = filter.mine ? principal.staffId : filter.ownerStaffId;
    const { rows, total } = await listCases(tx, { ...filter, ownerStaffId });
    await audit(tx, principal, meta, 'read', 'case list', [...new Set(rows.map((r) => r.person_id))]);
    return { items: rows.map((r) => caseView(r, principal)), total };
  });
}
