/**
 * Needs assessments (kartlegging): IPLOS scores, "what matters to you?" in the person's words, goals
 * with follow-up dates, resources, relatives and their burden, diagnoses, who took part. Each
 * assessment is kept as it was; a re-assessment links to the one before.
 */
import { z } from 'zod';
import { assessedAfter, iplosStatus } from '../domain/assessment/completeness.ts';
import { goalFollowUp } from '../domain/law/caseDeadlines.ts';
import { applyDeadlineChange } from '../store/deadlines.ts';
import { IPLOS_CODES, IPLOS_CURRENT } from '../domain/assessment/iplos.ts';
import { assessmentsOf, findAssessment, insertAssessment, type AssessmentRow } from '../store/assessments.ts';
import type { CaseRow } from '../store/cases.ts';
import { findStaff } from '../store/org.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { gatedCase, gatedPerson, gateOf } from './gate.ts';
import { assertPermission, type AuthorityContext } from './authority.ts';
import { now, today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';

const date = z.iso.date();
const score = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(9)]);
const DIAGNOSIS_FORMAT = { 'ICD-10': /^[A-Z]\d{2}(\.\d{1,2})?$/, 'ICPC-2': /^[A-Z]\d{2}$/ } as const;

export const assessmentInput = z
  .object({
    caseId: z.uuid().optional(),
    previousId: z.uuid().optional().describe('The assessment this one follows (a re-assessment, or a draft it completes)'),
    complete: z.boolean().describe('false: a draft'),
    assessedOn: date.describe('The day the person was assessed; not after today (refused with the rule in_the_future). The latest assessment is the one assessed last, then recorded last'),
    scores: z.partialRecord(z.enum(IPLOS_CODES as [string, ...string[]]), score).default({}).describe('IPLOS 1–5, 9 = not relevant'),
    whatMatters: z.string().trim().min(1).max(4000).optional().describe('"Hva er viktig for deg?" in the person\'s own words'),
    whatMattersMissingReason: z.string().trim().min(1).max(1000).optional(),
    goals: z.array(z.object({ text: z.string().trim().min(1).max(1000), followUpOn: date })).default([]),
    resources: z.string().trim().max(4000).optional(),
    relatives: z.array(z.object({ relation: z.string().trim().min(1).max(100), burden: z.enum(['low', 'medium', 'high']), note: z.string().max(1000).optional() })).default([]),
    diagnoses: z.array(z.object({ system: z.enum(['ICD-10', 'ICPC-2']), code: z.string().trim().toUpperCase() })).default([]),
    participants: z.array(z.object({ staffId: z.uuid().optional(), name: z.string().trim().min(1).max(200), profession: z.string().trim().min(1).max(100) })).default([]),
    answers: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.union([z.number(), z.boolean(), z.string().max(500)])).default({}).describe('Answers to criteria questions'),
  })
  .superRefine((a, ctx) => {
    if (a.complete && !a.whatMatters && !a.whatMattersMissingReason) {
      ctx.addIssue({ code: 'custom', path: ['whatMatters'], message: 'an assessment cannot be completed without what matters to the person, unless whatMattersMissingReason says why' });
    }
    a.diagnoses.forEach((d, i) => {
      if (!DIAGNOSIS_FORMAT[d.system].test(d.code)) ctx.addIssue({ code: 'custom', path: ['diagnoses', i, 'code'], message: `not a valid ${d.system} code` });
    });
  });
export type AssessmentInput = z.infer<typeof assessmentInput>;

export function assessmentView(a: AssessmentRow) {
  const content = a.content as Pick<AssessmentInput, 'goals' | 'resources' | 'relatives' | 'diagnoses' | 'participants' | 'answers'>;
  const professions = new Set(content.participants.map((p) => p.profession.toLowerCase()));
  return {
    id: a.id,
    personId: a.person_id,
    caseId: a.case_id,
    previousId: a.previous_id,
    status: a.status,
    assessedOn: a.assessed_on,
    assessor: { id: a.assessor_staff_id, name: a.assessor_name },
    iplosVersion: a.iplos_version,
    scores: a.scores,
    whatMatters: a.what_matters,
    whatMattersMissingReason: a.what_matters_missing_reason,
    ...content,
    resources: content.resources ?? null,
    /** Two or more professions at the same visit: a joint interdisciplinary assessment. */
    jointVisit: professions.size >= 2,
    createdAt: a.created_at.toISOString(),
  };
}

/** The links an assessment names (its case, already read through the gate; the previous assessment; the participants), and its date. */
async function checkLinks(tx: Tx, authority: AuthorityContext, c: CaseRow | null, personId: string, input: AssessmentInput, onDate: string): Promise<void> {
  if (c) {
    if (c.person_id !== personId) throw invalidField('caseId', "not one of this person's cases");
    assertPermission(authority, c.state, 'assess', onDate);
  }
  if (input.previousId && (await findAssessment(tx, input.previousId))?.person_id !== personId) {
    throw invalidField('previousId', "not one of this person's assessments");
  }
  for (const [i, p] of input.participants.entries()) {
    if (p.staffId && !(await findStaff(tx, p.staffId))) throw invalidField(`participants.${i}.staffId`, 'no staff member with this id');
  }
  if (assessedAfter(input.assessedOn, onDate)) {
    throw new AppError('validation', `The field assessedOn is invalid: ${input.assessedOn} is after today (${onDate}); an assessment is recorded once it has taken place.`, {
      fields: [{ field: 'assessedOn', message: `after today (${onDate})` }],
      rule: 'in_the_future',
    });
  }
}

export async function registerAssessment(ctx: AppContext, principal: Principal, meta: CommandMeta, personId: string, input: AssessmentInput): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    await gatedPerson(tx, gate, personId, 'order', 'assessing this person');
    const linked = input.caseId ? (await gatedCase(tx, gate, input.caseId, 'order')).row : null;
    await checkLinks(tx, authority, linked, personId, input, todayIn(ctx));
    const { caseId, previousId, complete, assessedOn, scores, whatMatters, whatMattersMissingReason, ...content } = input;
    const id = await insertAssessment(tx, {
      personId,
      caseId: caseId ?? null,
      previousId: previousId ?? null,
      status: complete ? 'completed' : 'draft',
      assessedOn,
      assessorStaffId: principal.staffId,
      iplosVersion: IPLOS_CURRENT.version,
      scores: scores as Record<string, number>,
      whatMatters: whatMatters ?? null,
      whatMattersMissingReason: whatMattersMissingReason ?? null,
      content,
    });
    if (caseId && complete) await applyDeadlineChange(tx, caseId, goalFollowUp(content.goals), now(ctx).toISOString());
    await audit(tx, principal, meta, 'write', 'assessment', [personId]);
    return { statusCode: 201, body: assessmentView((await findAssessment(tx, id)) as AssessmentRow) };
  });
}

/** A person's assessments, oldest first, and their IPLOS completeness status. */
export async function personAssessments(ctx: AppContext, principal: Principal, meta: RequestMeta, personId: string) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    await gatedPerson(tx, (await gateOf(tx, ctx, principal, meta)).gate, personId, 'order', 'the person’s assessments');
    const rows = await assessmentsOf(tx, personId);
    await audit(tx, principal, meta, 'read', 'assessments', [personId]);
    const summaries = rows.map((r) => ({ id: r.id, status: r.status, assessedOn: r.assessed_on, scores: r.scores, createdAt: r.created_at.toISOString() }));
    return { iplos: iplosStatus(summaries, todayIn(ctx)), assessments: rows.map(assessmentView) };
  });
}
