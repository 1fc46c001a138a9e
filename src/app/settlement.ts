/**
 * Monthly settlement with providers and budget follow-up (seed 002 §2.3 steps 12–13, §3.5–3.7): each
 * provider is paid by its agreement's price model on decided or performed time; the purchaser's
 * granted value is set against its budget frame (activity deviation) and each provider's reported
 * expenses against what it was paid (efficiency deviation). A decision is never stopped by an empty
 * budget: it is recorded, and the job runner checks it after commit and tells the leader
 * (app/budgetCheck.ts; the frames over the year are in app/budgetYear.ts).
 */
import { activityDeviation, efficiencyDeviation, settle, valueOnDecided, type PriceModel, type Settlement, type UnresolvedComponent, type UserMonth } from '../domain/provider/pricing.ts';
import { pushTo } from '../domain/collections.ts';
import { findService } from '../domain/services/catalogue.ts';
import type { CaseScope } from '../store/cases.ts';
import { caseOrderMonths, caseOrderMonthsPage, type CaseOrderCursor, type CaseOrderMonthOptions, type CaseOrderMonthRow } from '../store/deliveryMonth.ts';
import { agreementsInForce, monthFigures, type AgreementRow } from '../store/provider.ts';
import { listUnits } from '../store/org.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { audit } from './audit.ts';
import { wholeUnitMonthFrames } from './budgetYear.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { flatMapInSlices, inSlices } from './slices.ts';

export interface Month {
  readonly first: string;
  readonly last: string;
}

export function monthOf(month: string): Month {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first, last };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Days of the month the decision was in force for the case. */
function daysInForce(c: CaseOrderMonthRow, m: Month): number {
  if (!c.has_decision) return 0;
  const from = [m.first, c.valid_from].sort().at(-1) as string;
  const ends = [m.last, c.valid_to, c.service_ended_on].filter((x): x is string => typeof x === 'string');
  const to = ends.sort()[0] as string;
  return to < from ? 0 : daysBetween(from, to);
}

export interface CaseMonth extends UserMonth {
  readonly caseNumber: string;
  readonly providerUnitId: string;
  readonly ownerUnitId: string | null;
  readonly serviceCode: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function caseMonth(c: CaseOrderMonthRow, m: Month): CaseMonth {
  const days = daysInForce(c, m);
  const place = findService(c.service_code)?.institutional ?? false;
  const hoursPerWeek = c.order_hours_per_week ?? c.plan_hours_per_week ?? c.decision_hours_per_week ?? 0;
  return {
    caseId: c.case_id,
    caseNumber: c.case_number,
    providerUnitId: c.provider_unit_id,
    ownerUnitId: c.owner_unit_id,
    serviceCode: c.service_code,
    decidedHours: place ? 0 : round2((hoursPerWeek * days) / 7),
    performedHours: round2(c.performed_minutes / 60),
    nightHours: round2(c.night_minutes / 60),
    decidedVisits: round2(((c.visits_per_week ?? 0) * days) / 7),
    performedVisits: c.performed_visits,
    placeDays: place ? days : 0,
    adlSum: c.adl_sum,
  };
}

/**
 * Every case's month with each provider it was ordered from (visits and ADL scores summed in SQL), made
 * in slices (issue 18: the event loop); with a scope, only the cases it reaches.
 */
export async function monthOfDelivery(tx: Tx, m: Month, scope: CaseScope | null = null, options: CaseOrderMonthOptions = {}): Promise<CaseMonth[]> {
  return flatMapInSlices(await caseOrderMonths(tx, m.first, scope, options), (slice) => slice.map((c) => caseMonth(c, m)));
}

/** A case's month under one order, with the order's place among the case's orders (a page's cursor). */
export interface PagedCaseMonth extends CaseMonth {
  readonly order: number;
  readonly personId: string;
}

/** One page of the month of delivery within the scope, by case number and order (caseOrderMonthsPage). */
export async function monthOfDeliveryPage(
  tx: Tx,
  m: Month,
  scope: CaseScope,
  page: { readonly providerUnitId: string | null; readonly after: CaseOrderCursor | null; readonly limit: number },
): Promise<PagedCaseMonth[]> {
  return (await caseOrderMonthsPage(tx, m.first, scope, page)).map((c) => ({ ...caseMonth(c, m), order: c.order_n, personId: c.person_id }));
}

/** The key of an agreement's provider and service, which is what a case's month is settled under. */
const agreementKey = (providerUnitId: string, serviceCode: string) => `${providerUnitId} ${serviceCode}`;

/** A component that could not be computed, with the case numbers of the users it waits for. */
export interface UnresolvedSettlementComponent extends UnresolvedComponent {
  readonly caseNumbers: readonly string[];
}

export interface ProviderSettlement extends Settlement {
  readonly unresolved: readonly UnresolvedSettlementComponent[];
  readonly providerUnitId: string;
  readonly providerName: string;
  readonly serviceCode: string;
  readonly agreementId: string;
  /** Each user's month under the agreement, when asked for. */
  readonly cases?: readonly { caseNumber: string; decidedHours: number; performedHours: number; performedVisits: number; placeDays: number }[];
}

function settlementsOf(agreements: readonly AgreementRow[], months: readonly CaseMonth[], withCases = false): ProviderSettlement[] {
  const byAgreement = new Map<string, CaseMonth[]>();
  for (const c of months) pushTo(byAgreement, agreementKey(c.providerUnitId, c.serviceCode), c);
  return agreements.map((a) => {
    const mine = byAgreement.get(agreementKey(a.provider_unit_id, a.service_code)) ?? [];
    const settled = settle(a.price_model, mine);
    // The case numbers only where a component waits for its users (rare): not a map of every case.
    const caseNumber = settled.unresolved.length ? new Map(mine.map((c) => [c.caseId, c.caseNumber])) : new Map<string, string>();
    return {
      providerUnitId: a.provider_unit_id,
      providerName: a.provider_name,
      serviceCode: a.service_code,
      agreementId: a.id,
      ...settled,
      unresolved: settled.unresolved.map((u) => ({ ...u, caseNumbers: u.caseIds.map((id) => caseNumber.get(id) ?? id) })),
      ...(withCases && { cases: mine.map((c) => ({ caseNumber: c.caseNumber, decidedHours: c.decidedHours, performedHours: c.performedHours, performedVisits: c.performedVisits, placeDays: c.placeDays })) }),
    };
  });
}

/** The part of an agreement's prices that follows a case's decided time (fixed frames and ADL shares left out: they do not follow a case), or null when none does. */
function perCaseModel(model: PriceModel): PriceModel | null {
  const elements = model.elements.filter((e) => e.kind !== 'frame' && e.kind !== 'adl_share');
  return elements.length ? { basis: 'decided', elements } : null;
}

/** The value of decided time per purchasing unit: each case at the prices of the first agreement for its provider and service; in slices (an Oslo month has about 45,000). */
async function grantedByUnit(agreements: readonly AgreementRow[], months: readonly CaseMonth[]): Promise<Map<string, number>> {
  const models = new Map<string, PriceModel | null>();
  for (const a of agreements) {
    const key = agreementKey(a.provider_unit_id, a.service_code);
    if (!models.has(key)) models.set(key, perCaseModel(a.price_model));
  }
  const out = new Map<string, number>();
  for await (const slice of inSlices(months)) {
    for (const c of slice) {
      const key = agreementKey(c.providerUnitId, c.serviceCode);
      if (!models.has(key) || !c.ownerUnitId) continue;
      const model = models.get(key);
      out.set(c.ownerUnitId, round2((out.get(c.ownerUnitId) ?? 0) + (model ? valueOnDecided(model, [c]) : 0)));
    }
  }
  return out;
}

/** What each provider is paid for a month under its agreements. */
export async function paidByProvider(tx: Tx, month: string): Promise<Map<string, number>> {
  const m = monthOf(month);
  const out = new Map<string, number>();
  for (const s of settlementsOf(await agreementsInForce(tx, m.first), await monthOfDelivery(tx, m))) {
    out.set(s.providerUnitId, round2((out.get(s.providerUnitId) ?? 0) + s.total));
  }
  return out;
}

/** The month's settlement; with `cases`, each agreement's users with their month (about 24,000 in an Oslo-size month, so only when asked for). */
export async function settlementReport(ctx: AppContext, principal: Principal, meta: RequestMeta, month: string, options: { cases: boolean } = { cases: false }) {
  requireRole(principal, ['leader', 'team_leader'], 'The settlement report');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const m = monthOf(month);
    const agreements = await agreementsInForce(tx, m.first);
    const months = await monthOfDelivery(tx, m);
    const settlements = settlementsOf(agreements, months, options.cases);
    const expenses = await monthFigures(tx, 'provider_expense', m.first);
    const frames = await wholeUnitMonthFrames(tx, month, todayIn(ctx));
    const granted = await grantedByUnit(agreements, months);
    await audit(tx, principal, meta, 'read', 'settlement', []);
    const providers = [...new Set(settlements.map((s) => s.providerUnitId))].map((id) => {
      const own = settlements.filter((s) => s.providerUnitId === id);
      const paid = round2(own.reduce((a, s) => a + s.total, 0));
      const unresolved = round2(own.reduce((a, s) => a + s.unresolved.reduce((b, u) => b + u.amount, 0), 0));
      const spent = expenses.get(id) ?? null;
      return { providerUnitId: id, providerName: own[0]?.providerName ?? '', paid, unresolved, spent, efficiencyDeviation: efficiencyDeviation(paid, spent) };
    });
    const unitName = new Map((await listUnits(tx)).map((u) => [u.id, u.name]));
    const purchasers = [...new Set([...frames.keys(), ...granted.keys()])].map((unitId) => {
      const frame = frames.get(unitId) ?? null;
      const value = granted.get(unitId) ?? 0;
      return { unitId, unitName: unitName.get(unitId) ?? '', frame, granted: value, activityDeviation: activityDeviation(frame, value) };
    });
    return { month, from: m.first, to: m.last, settlements, providers, purchasers };
  });
}
