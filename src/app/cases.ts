/**
 * Use cases that read cases: one case, its history, and lists. Commands are in caseCommands.ts.
 */
import { openWorkItems } from '../domain/case/workItems.ts';
import { stateKey } from '../domain/case/index.ts';
import { findService } from '../domain/services/catalogue.ts';
import { findCase, listActions, listCases, type CaseFilter, type CaseRow } from '../store/cases.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { allowedActionsFor, loadAuthorityContext } from './authority.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import type { CaseActionView, CaseView } from './views.ts';

export function caseView(row: CaseRow, allowedActions: readonly string[]): CaseView {
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
    ownerUnitId: row.state.ownerUnitId,
    districtId: row.state.districtId,
    planHoursPerWeek: row.state.planHoursPerWeek,
    serviceResponsibleStaffId: row.state.serviceResponsibleStaffId,
    primaryContactStaffId: row.state.primaryContactStaffId,
    receivedOn: row.received_on,
    scheduledEndOn: row.state.scheduledEndOn,
    serviceEndedOn: row.state.serviceEndedOn,
    decision: row.state.decision,
    orders: [...row.state.orders],
    providerChoice: row.state.providerChoice ?? null,
    updatedAt: row.updated_at.toISOString(),
    allowedActions: allowedActions as CaseView['allowedActions'],
    workItems: openWorkItems(row.state).map((i) => ({ ...i, answeredBy: [...i.answeredBy] })),
    followUps: [...row.state.followUps],
    consultations: [...row.state.consultations],
    listReviewBy: row.state.listReviewBy,
    advanceNoticeAt: row.state.advanceNoticeAt,
    lastEvaluation: row.state.lastEvaluation ? { verdict: row.state.lastEvaluation.verdict, lowThreshold: row.state.lastEvaluation.lowThreshold } : null,
  };
}

export async function getCase(ctx: AppContext, principal: Principal, meta: RequestMeta, id: string): Promise<CaseView> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const row = await findCase(tx, id);
    if (!row) throw notFound('The case');
    await audit(tx, principal, meta, 'read', 'case', [row.person_id]);
    const authority = await loadAuthorityContext(tx, principal);
    return caseView(row, allowedActionsFor(authority, row.state, todayIn(ctx)));
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
    const { rows, total } = await listCases(tx, { ...filter, ownerStaffId });
    await audit(tx, principal, meta, 'read', 'case list', [...new Set(rows.map((r) => r.person_id))]);
    const authority = await loadAuthorityContext(tx, principal);
    const today = todayIn(ctx);
    return { items: rows.map((r) => caseView(r, allowedActionsFor(authority, r.state, today))), total };
  });
}
