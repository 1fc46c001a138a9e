/**
 * Use cases for allocation criteria: draft a criteria set version, approve it (a named leader, with
 * the date it comes into force), read versions, evaluate a case against the version in force, and
 * report departures from the criteria.
 */
import { z } from 'zod';
import { UNDER_SERVICE_STATUSES } from '../domain/case/vocabulary.ts';
import type { CriteriaInput } from '../domain/criteria/compile.ts';
import { compileSet, criteriaRulesSchema, evaluateSet, InvalidCriteriaError, type CriteriaRules } from '../domain/criteria/criteriaSet.ts';
import { statusOf, versionInForce } from '../domain/criteria/lifecycle.ts';
import { approveCriteriaSet, assessmentsOf, decisionsWithDeparture, findCriteriaSet, insertCriteriaSet, listCriteriaSets, type AssessmentRow, type CriteriaSetRow } from '../store/assessments.ts';
import { findCase, listCases, lockCase, RULES_SCOPE, type CaseRow } from '../store/cases.ts';
import { findPerson } from '../store/persons.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedCase, loadGate } from './gate.ts';
import { allowedActionsFor, loadAuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { caseView } from './cases.ts';
import { now, today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta } from './context.ts';
import { AppError, notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

export const newCriteriaSetInput = z.object({ rules: criteriaRulesSchema, note: z.string().trim().max(2000).optional() });
export const approveInput = z.object({ inForceFrom: z.iso.date().describe('The date the version comes into force') });

const MAY_DRAFT = ['leader', 'team_leader'];
const MAY_APPROVE = ['leader'];

function toFacts(r: CriteriaSetRow) {
  return { id: r.id, serviceCode: r.service_code, version: r.version, inForceFrom: r.in_force_from };
}

function setView(r: CriteriaSetRow, all: readonly CriteriaSetRow[], today: string) {
  return {
    id: r.id,
    serviceCode: r.service_code,
    version: r.version,
    status: statusOf(toFacts(r), all.map(toFacts), today),
    rules: r.rules,
    note: r.note,
    approvedBy: r.approved_by ? { id: r.approved_by, name: r.approved_by_name ?? '' } : null,
    approvedAt: r.approved_at?.toISOString() ?? null,
    inForceFrom: r.in_force_from,
  };
}

/** A new draft version: every expression is checked, and refused with its field and position. */
export async function draftCriteriaSet(ctx: AppContext, principal: Principal, meta: CommandMeta, input: z.infer<typeof newCriteriaSetInput>): Promise<CommandResult> {
  requireRole(principal, MAY_DRAFT, 'Drafting criteria');
  try {
    compileSet(input.rules);
  } catch (error) {
    if (!(error instanceof InvalidCriteriaError)) throw error;
    throw new AppError('validation', `The criteria do not compile: ${error.message}`, {
      fields: error.problems.map((p) => ({ field: `rules.${p.field}`, message: `position ${p.position}: ${p.reason}` })),
    });
  }
  return runCommand(ctx, principal, meta, async (tx) => {
    const id = await insertCriteriaSet(tx, { serviceCode: input.rules.serviceCode, rules: input.rules, note: input.note ?? null, createdBy: principal.staffId });
    const all = await listCriteriaSets(tx, input.rules.serviceCode);
    return { statusCode: 201, body: setView((await findCriteriaSet(tx, id)) as CriteriaSetRow, all, todayIn(ctx)) };
  });
}

export async function approveCriteria(ctx: AppContext, principal: Principal, meta: CommandMeta, id: string, input: z.infer<typeof approveInput>): Promise<CommandResult> {
  requireRole(principal, MAY_APPROVE, 'Approving criteria');
  return runCommand(ctx, principal, meta, async (tx) => {
    const set = await findCriteriaSet(tx, id);
    if (!set) throw notFound('The criteria set');
    if (set.approved_by) throw new AppError('conflict', `Version ${set.version} was approved already by ${set.approved_by_name}; make a new version to change it.`);
    if (!(await approveCriteriaSet(tx, id, principal.staffId, input.inForceFrom))) {
      throw new AppError('conflict', `Version ${set.version} was approved already, at the same moment; make a new version to change it.`);
    }
    const all = await listCriteriaSets(tx, set.service_code);
    return { statusCode: 200, body: setView((await findCriteriaSet(tx, id)) as CriteriaSetRow, all, todayIn(ctx)) };
  });
}

export async function criteriaSets(ctx: AppContext, principal: Principal, serviceCode?: string) {
  return inTenant(ctx.db.app, principal, async (tx) => {
    const all = await listCriteriaSets(tx, serviceCode);
    const today = todayIn(ctx);
    return all.map((r) => setView(r, all, today));
  });
}

/** What the criteria can read about the person now: age, the latest completed assessment, current services. */
async function criteriaInput(tx: Tx, personId: string, birthDate: string, today: string, assessmentId?: string): Promise<{ input: CriteriaInput; assessmentId: string | null }> {
  const assessments = (await assessmentsOf(tx, personId)).filter((a) => a.status === 'completed');
  const chosen = assessmentId ? assessments.find((a) => a.id === assessmentId) : assessments.at(-1);
  if (assessmentId && !chosen) throw new AppError('validation', 'No completed assessment with this id for the person.', { fields: [{ field: 'assessmentId', message: 'not a completed assessment of this person' }] });
  const active = (await listCases(tx, { personId, limit: 500, offset: 0 }, RULES_SCOPE)).rows.filter((c) => (UNDER_SERVICE_STATUSES as readonly string[]).includes(c.status));
  return { assessmentId: chosen?.id ?? null, input: inputFrom(chosen, ageOn(birthDate, today), active.map((c) => c.service_code)) };
}

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function inputFrom(a: AssessmentRow | undefined, age: number, services: string[]): CriteriaInput {
  const content = (a?.content ?? {}) as { diagnoses?: { code: string }[]; answers?: Record<string, number | boolean | string> };
  return {
    age,
    iplos: a?.scores ?? {},
    diagnoses: (content.diagnoses ?? []).map((d) => d.code),
    services,
    answers: content.answers ?? {},
    whatMattersRecorded: Boolean(a?.what_matters),
  };
}

/**
 * Evaluates the case against the criteria set in force for its service and records the evaluation
 * in the case's history (criteria_evaluated). The evaluation suggests; the caseworker decides.
 */
export async function evaluateCase(ctx: AppContext, principal: Principal, meta: CommandMeta, caseId: string, body: { assessmentId?: string | undefined }): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const authorityContext = await loadAuthorityContext(tx, principal);
    const writer = writerAt(authorityContext, meta.requestId, now(ctx), meta.purpose);
    // The gate first: nothing about the case (not even that no criteria are in force) to one without a need for it.
    await gatedCase(tx, await loadGate(tx, authorityContext, meta.purpose, writer.at, writer.onDate), caseId, 'full');
    // The row lock only: the pipeline derives the state from the log once, when it appends.
    const state = await lockCase(tx, caseId);
    if (!state) throw notFound('The case');
    const today = writer.onDate;
    const sets = await listCriteriaSets(tx, state.serviceCode);
    const set = versionInForce(sets.map((r) => ({ ...toFacts(r), row: r })), state.serviceCode, today)?.row;
    if (!set) throw new AppError('conflict', `No criteria set is in force for ${state.serviceCode} on ${today}; a leader must approve one first.`);
    const person = await findPerson(tx, state.personId);
    if (!person) throw notFound('The person');
    const { input, assessmentId } = await criteriaInput(tx, state.personId, person.birth_date, today, body.assessmentId);
    const evaluation = evaluateSet(compileSet(set.rules as CriteriaRules), input);
    const payload = {
      criteriaSetId: set.id,
      serviceCode: set.service_code,
      version: set.version,
      assessmentId,
      verdict: evaluation.verdict,
      pathway: evaluation.pathway,
      pathwayOutcome: (set.rules as CriteriaRules).pathways.find((w) => w.id === evaluation.pathway)?.outcome ?? null,
      guidance: evaluation.guidance,
      results: evaluation.results.map((r) => ({ ...r, used: r.used as Record<string, unknown> })),
    };
    const { state: next } = await appendToCase(tx, writer, { caseId, body: { type: 'criteria_evaluated', payload } });
    await audit(tx, principal, meta, 'write', 'criteria evaluation', [state.personId]);
    const row = (await findCase(tx, caseId)) as CaseRow;
    return { statusCode: 200, body: { evaluation: payload, case: caseView(row, allowedActionsFor(authorityContext, next, today)) } };
  });
}

/** Decisions that departed from the criteria, with the written reasons (seed 004 G-09). */
export async function criteriaDepartures(ctx: AppContext, principal: Principal) {
  requireRole(principal, ['leader', 'team_leader'], 'The departures report');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rows = await decisionsWithDeparture(tx);
    return rows.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number, serviceCode: r.service_code, outcome: r.payload.outcome, reason: r.payload.departureReason, decidedBy: r.actor, at: r.occurred_at.toISOString() }));
  });
}
