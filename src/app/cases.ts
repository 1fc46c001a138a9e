/**
 * Use cases that read cases: one case, its history, and lists. Commands are in caseCommands.ts.
 */
import { openWorkItems } from '../domain/case/workItems.ts';
import { stateKey } from '../domain/case/index.ts';
import { complaintBodyOf, findService } from '../domain/services/catalogue.ts';
import { listActions, listCases, type CaseFilter, type CaseRow } from '../store/cases.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { allowedActionsFor } from './authority.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gatedCase, gateOf, levelOf, type Gate } from './gate.ts';
import { ORDER_ACTIONS } from '../domain/organisation/access.ts';
import type { Principal } from './principal.ts';
import type { CaseActionView, CaseView } from './views.ts';

/**
 * What an order's view leaves out (access.ts): other providers' orders and consultations, the
 * criteria evaluation and its scores, the office's follow-ups, and work items the provider does not hold.
 */
export function orderView(view: CaseView, unitIds: readonly string[]): CaseView {
  const ours = (unitId: string | null) => unitId !== null && unitIds.includes(unitId);
  return {
    ...view,
    access: 'order',
    // The provider's own actions only (access.ts ORDER_ACTIONS): the rest the gate would refuse.
    allowedActions: view.allowedActions.filter((a) => ORDER_ACTIONS.includes(a)),
    providerUnitId: ours(view.providerUnitId) ? view.providerUnitId : null,
    orders: view.orders.filter((o) => ours(o.providerUnitId)),
    consultations: view.consultations.filter((c) => ours(c.providerUnitId)),
    workItems: view.workItems.filter((i) => i.holder !== 'office' && (i.providerUnitId === null || ours(i.providerUnitId))),
    followUps: [],
    lastEvaluation: null,
    decision: view.decision ? { ...view.decision, criteria: null } : null,
  };
}

/** The case as the gate lets this staff member see it. */
export function gatedView(gate: Gate, row: CaseRow, allowedActions: readonly string[]): CaseView {
  const view = caseView(row, allowedActions);
  return levelOf(gate, row.id, row.state) === 'order' ? orderView(view, gate.actor.units.map((u) => u.id)) : view;
}

export function caseView(row: CaseRow, allowedActions: readonly string[]): CaseView {
  return {
    id: row.id,
    caseNumber: row.case_number,
    version: row.version,
    access: 'full',
    status: row.state.status,
    stateKey: stateKey(row.state),
    complaintStage: row.complaint_stage,
    serviceCode: row.service_code,
    serviceName: findService(row.service_code)?.name.nb ?? row.service_code,
    person: { id: row.person_id, name: row.person_name },
    owner: row.owner_staff_id ? { id: row.owner_staff_id, name: row.owner_name ?? '' } : null,
    providerUnitId: row.provider_unit_id,
    ownerUnitId: row.state.ownerUnitId,
    districtId: row.state.districtId,
    planHoursPerWeek: row.state.planHoursPerWeek,
    serviceResponsibleStaffId: row.state.serviceResponsibleStaffId,
    primaryContactStaffId: row.state.primaryContactStaffId,
    receivedOn: row.received_on,
    scheduledEndOn: row.state.scheduledEndOn,
    serviceEndedOn: row.state.serviceEndedOn,
    decision: row.state.decision && { ...row.state.decision, complaintBody: complaintBodyOf(row.state.decision.serviceCode) },
    orders: [...row.state.orders],
    providerChoice: row.state.providerChoice ?? null,
    updatedAt: row.updated_at.toISOString(),
    allowedActions: allowedActions as CaseView['allowedActions'],
    workItems: openWorkItems(row.state).map((i) => ({ ...i, answeredBy: [...i.answeredBy] })),
    followUps: [...row.state.followUps],
    consultations: [...row.state.consultations],
    listReviewBy: row.state.listReviewBy,
    representativeCheck: row.state.representativeCheck,
    advanceNoticeAt: row.state.advanceNoticeAt,
    lastEvaluation: row.state.lastEvaluation ? { verdict: row.state.lastEvaluation.verdict, lowThreshold: row.state.lastEvaluation.lowThreshold } : null,
  };
}

export async function getCase(ctx: AppContext, principal: Principal, meta: RequestMeta, id: string): Promise<CaseView> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const { row } = await gatedCase(tx, gate, id, 'order');
    await audit(tx, principal, meta, 'read', 'case', [row.person_id]);
    return gatedView(gate, row, allowedActionsFor(authority, row.state, todayIn(ctx)));
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
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { row } = await gatedCase(tx, gate, id, 'full', 'the case history');
    await audit(tx, principal, meta, 'read', 'case history', [row.person_id]);
    return (await listActions(tx, id)).map((a) => ({
      ...a,
      payload: a.payload as Record<string, unknown>,
      authority: { ...a.authority, roles: [...a.authority.roles], unitIds: [...a.authority.unitIds] },
    }));
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
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const { rows, total } = await listCases(tx, { ...filter, ownerStaffId }, gate.scope);
    await audit(tx, principal, meta, 'read', 'case list', [...new Set(rows.map((r) => r.person_id))]);
    const today = todayIn(ctx);
    return { items: rows.map((r) => gatedView(gate, r, allowedActionsFor(authority, r.state, today))), total };
  });
}
