/**
 * Change reports (endringsmeldinger) from providers, and the unit's revision rule (seed 002 L848–851):
 * the gate a revised decision must pass (a sustained ±25 % change over the window and a new IPLOS
 * registration showing it), the reports that would raise the reporting provider's own revenue, and
 * the decisions whose hours rose while the scores did not (over-service, the hard-to-see error).
 */
import type { ActionBody, ActionPayload, CaseState } from '../domain/case/index.ts';
import { addDays } from '../domain/law/deadlines.ts';
import type { PolicyVersion } from '../domain/organisation/policy.ts';
import { raisedWithoutScores } from '../domain/provider/followUps.ts';
import { comparableAdlSums, revisionGate, REVISION_CITATION, type RevisionGate, type RevisionRule } from '../domain/provider/changeRules.ts';
import { completedScores, completedScoresOf } from '../store/assessments.ts';
import { agreementsInForce, decisionHourRises, visitsIn, type AgreementRow, type VisitRow } from '../store/provider.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { listUnits } from '../store/org.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedCase, gateOf, levelOf, levelsOfCases } from './gate.ts';
import { casePolicy } from './authority.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

/** Monday of the week `date` falls in. */
function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** The last `windowWeeks` full weeks before `today`'s week: from their first Monday to their last Sunday. */
export function deliveryWindow(windowWeeks: number, today: string): { from: string; to: string } {
  const lastMonday = mondayOf(today);
  return { from: addDays(lastMonday, -7 * windowWeeks), to: addDays(lastMonday, -1) };
}

/**
 * The last full weeks before `today` (Monday to Sunday), oldest first, with performed hours and how
 * many visits were recorded, from a case's visits (those outside the weeks are not counted).
 */
export function weeksOf(visits: readonly Pick<VisitRow, 'visit_date' | 'status' | 'minutes'>[], windowWeeks: number, today: string) {
  const { from } = deliveryWindow(windowWeeks, today);
  return Array.from({ length: windowWeeks }, (_, i) => {
    const start = addDays(from, 7 * i);
    const end = addDays(start, 6);
    const inWeek = visits.filter((v) => v.visit_date >= start && v.visit_date <= end);
    const minutes = inWeek.filter((v) => v.status === 'performed').reduce((a, v) => a + v.minutes, 0);
    return { weekStart: start, performedHours: Math.round((minutes / 60) * 100) / 100, recordedVisits: inWeek.length };
  });
}

async function deliveryWeeks(tx: Tx, caseId: string, windowWeeks: number, today: string) {
  return weeksOf(await visitsIn(tx, { ...deliveryWindow(windowWeeks, today), caseId }), windowWeeks, today);
}

/** The weekly hours a case's delivery is compared with: the plan's, else the decision's, else none. */
export function decidedHoursPerWeekOf(state: Pick<CaseState, 'planHoursPerWeek' | 'decision'>): number {
  return state.planHoursPerWeek ?? state.decision?.hoursPerWeek ?? 0;
}

/** The decided weekly hours and the last full weeks of delivery: all a sustained change is found in (no registrations read). */
export async function deliveryInput(tx: Tx, caseId: string, state: CaseState, rule: RevisionRule, today: string) {
  return { decidedHoursPerWeek: decidedHoursPerWeekOf(state), weeks: await deliveryWeeks(tx, caseId, rule.windowWeeks, today) };
}

export async function gateInput(tx: Tx, caseId: string, state: CaseState, rule: RevisionRule, today: string, direction?: 'increase' | 'decrease') {
  const d = state.decision;
  const { decidedHoursPerWeek: decided, weeks } = await deliveryInput(tx, caseId, state, rule, today);
  // Registrations made after the decision: assessed on a later day, or on its day and recorded after it.
  const decidedAt = d ? await occurredAt(tx, caseId, d.seq) : null;
  const decidedOn = d?.decidedOn ?? today;
  const isAfter = (a: { assessed_on: string; created_at: Date }) => a.assessed_on > decidedOn || (a.assessed_on === decidedOn && decidedAt !== null && a.created_at > decidedAt);
  const assessments = await completedScores(tx, state.personId);
  const before = assessments.filter((a) => !isAfter(a)).at(-1);
  const after = assessments.filter(isAfter).at(-1);
  const performed = weeks.reduce((a, w) => a + w.performedHours, 0) / Math.max(1, weeks.length);
  return {
    direction: direction ?? (performed >= decided ? 'increase' : 'decrease'),
    decidedHoursPerWeek: decided,
    weeks,
    ...comparableAdlSums(before?.scores, after?.scores),
  } as const;
}

async function occurredAt(tx: Tx, caseId: string, seq: number): Promise<Date | null> {
  const { rows } = await tx.query<{ occurred_at: Date }>('SELECT occurred_at FROM case_action WHERE municipality_id = current_municipality() AND case_id = $1 AND seq = $2', [caseId, seq]);
  return rows[0]?.occurred_at ?? null;
}

function ruleOf(policy: PolicyVersion | null): RevisionRule | null {
  return policy?.rules.changeRevision ?? null;
}

/** The gate for revising the case's decision now, under the unit's rule (null: the unit has none). */
export async function revisionGateOf(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string): Promise<{ rule: RevisionRule | null; gate: RevisionGate | null }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const { row } = await gatedCase(tx, gate, caseId, 'order');
    const today = todayIn(ctx);
    const rule = ruleOf(casePolicy(authority, row.state, today));
    await audit(tx, principal, meta, 'read', 'revision gate', [row.person_id]);
    if (!rule || !row.state.decision) return { rule, gate: null };
    const proposal = await latestProposal(tx, caseId);
    return { rule, gate: revisionGate(rule, await gateInput(tx, caseId, row.state, rule, today, proposal?.direction)) };
  });
}

async function latestProposal(tx: Tx, caseId: string): Promise<{ direction?: 'increase' | 'decrease' } | null> {
  const { rows } = await tx.query<{ payload: { direction?: 'increase' | 'decrease' } }>(
    `SELECT payload FROM case_action WHERE municipality_id = current_municipality() AND case_id = $1 AND type = 'change_proposed' ORDER BY seq DESC LIMIT 1`,
    [caseId],
  );
  return rows[0]?.payload ?? null;
}

/**
 * A revised decision must pass the unit's rule, or say why it departs from it (departureReason), like
 * any departure from the municipality's own criteria. The rule holds on every path into a revised
 * decision: after a change in need both checks apply (a sustained change in delivery, and IPLOS
 * first); a scheduled or other re-evaluation that changes the hours must still show the change in a
 * new IPLOS registration first.
 */
export async function checkRevisionRule(tx: Tx, policy: PolicyVersion, state: CaseState, body: ActionBody, onDate: string, caseId: string): Promise<void> {
  const rule = ruleOf(policy);
  const change = rule ? revisedHours(state, body) : null;
  if (!rule || !change) return;
  const { before, after } = change;
  const full = revisionGate(rule, await gateInput(tx, caseId, state, rule, onDate, after > before ? 'increase' : 'decrease'));
  const checks = state.reevaluationCause === 'changed_need' ? full.checks : full.checks.filter((c) => c.id === 'iplos_change');
  const gate = { ...full, checks, mayRevise: checks.every((c) => c.met) };
  if (gate.mayRevise) return;
  const failed = gate.checks.filter((c) => !c.met).map((c) => c.detail).join('; ');
  throw new AppError('validation', `The revision does not pass the unit's rule: ${failed}.`, {
    fields: [{ field: 'action.payload.departureReason', message: `${failed}; write why the decision is revised anyway (${REVISION_CITATION})` }],
  });
}

/** The hours before and after a decision that revises the one in force on the same service, or null when it revises nothing or says why it departs. */
function revisedHours(state: CaseState, body: ActionBody): { before: number; after: number } | null {
  if (body.type !== 'decision_made' || state.status !== 'under_reevaluation' || body.payload.departureReason) return null;
  if (state.decision && body.payload.serviceCode !== state.decision.serviceCode) return null;
  const before = currentHours(state);
  const after = decidedHours(body.payload);
  return before === null || after === null || before === after ? null : { before, after };
}

/** Hours a week in force: the action plan's within a frame, else the decision's. */
function currentHours(state: CaseState): number | null {
  return state.planHoursPerWeek ?? state.decision?.hoursPerWeek ?? null;
}

function decidedHours(p: ActionPayload<'decision_made'>): number | null {
  return p.frame?.maxHoursPerWeek ?? p.hoursPerWeek ?? null;
}

interface ProposalRow {
  case_id: string;
  case_number: string;
  seq: number;
  payload: { proposedHoursPerWeek?: number; description: string; direction?: 'increase' | 'decrease' };
  unit_ids: string[];
  occurred_at: Date;
  state: CaseState;
}

/** Every change report of the municipality (the newest thousand), as the report shows them. */
async function allChangeReports(tx: Tx, today: string) {
  const { rows } = await tx.query<ProposalRow>(
    `SELECT a.case_id, c.case_number, a.seq, a.payload, ARRAY(SELECT jsonb_array_elements_text(a.authority->'unitIds')) AS unit_ids, a.occurred_at, c.state
       FROM case_action a JOIN case_file c ON c.municipality_id = a.municipality_id AND c.id = a.case_id
      WHERE a.municipality_id = current_municipality() AND a.type = 'change_proposed' ORDER BY a.occurred_at DESC LIMIT 1000`,
  );
  const agreements = await agreementsInForce(tx, today);
  return rows.map((r) => ({ ...reportView(r, agreements), personId: r.state.personId, state: r.state }));
}

/** Change reports on the cases the gate lets the staff member see in full, each flagged when it would raise the reporting provider's own revenue. */
export async function changeReports(ctx: AppContext, principal: Principal, meta: RequestMeta) {
  requireRole(principal, ['caseworker', 'team_leader', 'leader'], 'Change reports');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const visible = (await allChangeReports(tx, todayIn(ctx))).filter((r) => levelOf(gate, r.caseId, r.state) === 'full');
    await audit(tx, principal, meta, 'read', 'change reports', [...new Set(visible.map((r) => r.personId))]);
    return visible.map(({ personId: _p, state: _s, ...r }) => r);
  });
}

function paysByActivity(agreements: readonly AgreementRow[], providerUnitId: string | undefined, serviceCode: string): boolean {
  return agreements.some((a) => a.provider_unit_id === providerUnitId && a.service_code === serviceCode && a.price_model.elements.some((e) => e.kind !== 'frame'));
}

function isIncrease(r: ProposalRow, decided: number | null): boolean {
  const proposed = r.payload.proposedHoursPerWeek;
  return r.payload.direction === 'increase' || (proposed !== undefined && decided !== null && proposed > decided);
}

function reportView(r: ProposalRow, agreements: readonly AgreementRow[]) {
  const decided = currentHours(r.state);
  const increase = isIncrease(r, decided);
  const provider = (r.state.orders ?? []).find((o) => r.unit_ids.includes(o.providerUnitId));
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    seq: r.seq,
    reportedAt: r.occurred_at.toISOString(),
    reportingUnitId: provider?.providerUnitId ?? r.unit_ids[0] ?? null,
    description: r.payload.description,
    direction: increase ? ('increase' as const) : ('decrease' as const),
    decidedHoursPerWeek: decided,
    proposedHoursPerWeek: r.payload.proposedHoursPerWeek ?? null,
    open: r.state.openProposal?.seq === r.seq,
    raisesOwnRevenue: provider !== undefined && increase && paysByActivity(agreements, provider.providerUnitId, r.state.serviceCode),
  };
}

/** Decisions whose hours rose from the one before while the ADL sum did not (no new registration, or the same or lower sum). */
export async function hoursRoseWithoutScoreChange(ctx: AppContext, principal: Principal, meta: RequestMeta) {
  requireRole(principal, ['caseworker', 'team_leader', 'leader'], 'The over-service report');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rises = await decisionHourRises(tx);
    const scoresOf = await completedScoresOf(tx, [...new Set(rises.map((r) => r.person_id))]);
    const out = [];
    for (const r of rises) {
      const scores = scoresOf.get(r.person_id) ?? [];
      const at = (date: string) => scores.filter((s) => s.assessed_on <= date).at(-1)?.scores;
      const [hoursBefore, hoursAfter] = [Number(r.hours_before), Number(r.hours)];
      const { adlBefore: before, adlAfter: after } = comparableAdlSums(at(r.before_on), at(r.decided_on));
      if (!raisedWithoutScores({ hoursBefore, hoursAfter, adlBefore: before, adlAfter: after })) continue;
      out.push({ personId: r.person_id, caseId: r.case_id, caseNumber: r.case_number, hoursBefore, hoursAfter, decidedOn: r.decided_on, adlBefore: before, adlAfter: after });
    }
    const levels = await levelsOfCases(tx, (await gateOf(tx, ctx, principal, meta)).gate, out.map((o) => o.caseId));
    const visible = out.filter((o) => levels.get(o.caseId)?.level === 'full');
    await audit(tx, principal, meta, 'read', 'hours without score change', [...new Set(visible.map((o) => o.personId))]);
    return visible.map(({ personId: _p, ...o }) => o);
  });
}

export interface ProviderChangeBalance {
  providerUnitId: string;
  providerName: string;
  increases: number;
  decreases: number;
  /** Increases per decrease (null when the provider reported no decrease). */
  ratio: number | null;
  /** Reports that would raise the provider's own revenue. */
  raisingOwnRevenue: number;
}

/**
 * Per provider, how many of its change reports ask for more and how many for less (seed 002: a
 * provider paid by activity has reason to report increases; the purchaser follows the balance).
 */
export async function changeReportsByProvider(ctx: AppContext, principal: Principal, _meta: RequestMeta): Promise<ProviderChangeBalance[]> {
  requireRole(principal, ['caseworker', 'team_leader', 'leader'], 'Change reports');
  // Counts per provider show no one: they are the municipality's, whatever the gate shows of the cases.
  const { reports, names } = await inTenant(ctx.db.app, principal, async (tx) => ({
    reports: await allChangeReports(tx, todayIn(ctx)),
    names: new Map((await listUnits(tx)).map((u) => [u.id, u.name])),
  }));
  const by = new Map<string, ProviderChangeBalance>();
  for (const r of reports) {
    if (!r.reportingUnitId) continue;
    const b = by.get(r.reportingUnitId) ?? { providerUnitId: r.reportingUnitId, providerName: names.get(r.reportingUnitId) ?? '', increases: 0, decreases: 0, ratio: null, raisingOwnRevenue: 0 };
    if (r.direction === 'increase') b.increases += 1;
    else b.decreases += 1;
    if (r.raisesOwnRevenue) b.raisingOwnRevenue += 1;
    by.set(r.reportingUnitId, b);
  }
  return [...by.values()].map((b) => ({ ...b, ratio: b.decreases ? Math.round((b.increases / b.decreases) * 100) / 100 : null })).sort((a, b) => a.providerName.localeCompare(b.providerName));
}
