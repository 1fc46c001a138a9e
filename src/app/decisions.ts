/** Use cases about decisions: their reasons, the legal register, and complaint statistics. */
import { requestOutcomesByService } from '../domain/case/outcomes.ts';
import type { CaseStatus, DecisionOutcome } from '../domain/case/vocabulary.ts';
import { currentDecisionContent, type ActionPayload, type CaseAction } from '../domain/case/index.ts';
import { assembleReasons, type Reasons, type ReasonsInput } from '../domain/decision/reasons.ts';
import { legalRegister } from '../domain/law/rules.ts';
import { processingTimes, provisionalReplyDues, type ProcessingTimes, type RequestCount } from '../domain/case/processingTimes.ts';
import { addDays } from '../domain/law/deadlines.ts';
import { today as todayIn } from './clock.ts';
import { assessmentsOf } from '../store/assessments.ts';
import { listActions, type CaseRow } from '../store/cases.ts';
import { findPerson } from '../store/persons.ts';
import { complaintRows, lastReceivedOn, requestCounts, requestOutcomeCounts, type ComplaintRow, type RequestCountDbRow } from '../store/reports.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedCase, gateOf } from './gate.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

/** The legal register as served: every rule with its citation and requirement. */
export function lawRegister() {
  return legalRegister().map((r) => ({ id: r.id, citation: r.citation, requirement: { ...r.requirement }, ...(r.verify ? { verify: r.verify } : {}) }));
}

type Logged = Awaited<ReturnType<typeof listActions>>[number];

/** The payload of the last action of a type at or before a position in the history. */
function lastPayload<T extends CaseAction['type']>(history: readonly Logged[], type: T, upTo: number): ActionPayload<T> | null {
  const hits = history.filter((a) => a.type === type && a.seq <= upTo);
  return (hits.at(-1)?.payload as ActionPayload<T> | undefined) ?? null;
}

/** The reasons of the case's current decision, in the person's written language unless another is asked for. */
export async function decisionReasons(ctx: AppContext, principal: Principal, meta: RequestMeta, caseId: string, lang?: 'nb' | 'nn'): Promise<Reasons & { lang: 'nb' | 'nn' }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { row } = await gatedCase(tx, (await gateOf(tx, ctx, principal, meta)).gate, caseId, 'full', 'the reasons of the decision');
    const language = lang ?? (await findPerson(tx, row.person_id))?.language ?? 'nb';
    await audit(tx, principal, meta, 'read', 'decision reasons', [row.person_id]);
    const { reasons } = await reasonsOf(tx, row, language);
    return { ...reasons, lang: language };
  });
}

/** The current decision's content and its assembled reasons. */
export async function reasonsOf(tx: Tx, row: CaseRow, lang: 'nb' | 'nn'): Promise<{ decision: ActionPayload<'decision_made'>; reasons: Reasons }> {
  const current = row.state.decision;
  if (!current) throw new AppError('conflict', 'The case has no decision yet.');
  const history = await listActions(tx, row.id);
  // A reversal on complaint changes the outcome, and states the new decision in full when it grants what was refused (decisionContent.ts).
  const found = currentDecisionContent(history, current.seq);
  if (!found) throw new AppError('conflict', 'The case has no decision yet.');
  const decision = { ...found, outcome: current.outcome };
  const evaluation = current.criteria ? lastPayload(history, 'criteria_evaluated', current.criteria.evaluationSeq) : null;
  const assessment = await assessmentFor(tx, row.person_id, evaluation?.assessmentId ?? null);
  return { decision, reasons: assembleReasons({ decision, evaluation, assessment, lang }) };
}

async function assessmentFor(tx: Tx, personId: string, assessmentId: string | null): Promise<ReasonsInput['assessment']> {
  const completed = (await assessmentsOf(tx, personId)).filter((a) => a.status === 'completed');
  const chosen = assessmentId ? completed.find((a) => a.id === assessmentId) : completed.at(-1);
  if (!chosen) return null;
  const participants = (chosen.content.participants as { profession: string }[] | undefined) ?? [];
  return { assessedOn: chosen.assessed_on, whatMatters: chosen.what_matters, scores: chosen.scores, participants };
}

function countBy(rows: readonly ComplaintRow[], key: (r: ComplaintRow) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

/** How many complaints were against decisions whose evaluation found each criterion not met. */
function countUnmet(rows: readonly ComplaintRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of rows.flatMap((r) => r.unmet_criteria ?? [])) out[id] = (out[id] ?? 0) + 1;
  return out;
}

/** Complaints by service, criteria version and unmet criterion, outcome, unit and what they concern, with how many were accepted late. */
export async function complaintStatistics(ctx: AppContext, principal: Principal) {
  requireRole(principal, ['leader', 'team_leader'], 'Complaint statistics');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rows = await complaintRows(tx);
    return {
      total: rows.length,
      acceptedLate: rows.filter((r) => r.late).length,
      byService: countBy(rows, (r) => r.service_code),
      byOutcome: countBy(rows, (r) => r.outcome),
      byUnit: countBy(rows, (r) => r.unit ?? 'none'),
      byConcern: countBy(rows, (r) => r.concerns ?? 'decision'),
      byCriteriaVersion: countBy(rows, (r) => r.criteria_version ?? 'none'),
      byUnmetCriterion: countUnmet(rows),
    };
  });
}

/** Days from request to first decision per service over the last `days` days of requests, against the fvl § 11 a month; counted in SQL (issue 18). */
export async function processingTimeReport(ctx: AppContext, principal: Principal, days: number): Promise<ProcessingTimes & { since: string; today: string }> {
  requireRole(principal, ['leader', 'team_leader'], 'Processing times');
  const today = todayIn(ctx);
  const since = addDays(today, -days);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const last = (await lastReceivedOn(tx, since)) ?? today;
    const dues = provisionalReplyDues(since, last > today ? last : today);
    const counts = (await requestCounts(tx, since, dues, today)).map(requestCount);
    return { ...processingTimes(counts), since, today };
  });
}

function requestCount(r: RequestCountDbRow): RequestCount {
  return r.days === null
    ? { serviceCode: r.service_code, decided: false, pastMonth: r.past_month === true, count: r.count }
    : { serviceCode: r.service_code, decided: true, days: r.days, withinMonth: r.within_month === true, count: r.count };
}

/** How the requests of the last `days` days were answered, per service: decisions by outcome, low-threshold answers, referrals, withdrawals. */
export async function requestOutcomeReport(ctx: AppContext, principal: Principal, days: number) {
  requireRole(principal, ['leader', 'team_leader'], 'Request outcomes');
  const today = todayIn(ctx);
  const since = addDays(today, -days);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rows = (await requestOutcomeCounts(tx, since)).map((r) => ({
      serviceCode: r.service_code,
      status: r.status as CaseStatus,
      firstOutcome: r.first_outcome as DecisionOutcome | null,
      referred: r.referred,
      count: r.count,
    }));
    return { since, today, ...requestOutcomesByService(rows) };
  });
}
