/**
 * Emergency access (akuttilgang, "break the glass"; pasientjournalforskriften § 13 second paragraph,
 * Normen 6.0 ch. 5.4): a staff member without a need for a case opens it for a stated reason, for a
 * few hours. The access is in the person's access log, and a leader reviews it afterwards. The
 * leader's review also shows unusual reading: many persons read one by one within an hour.
 */
import { z } from 'zod';
import {
  findEmergencyAccess,
  insertEmergencyAccess,
  insertEmergencyReview,
  listEmergencyAccesses,
  unusualReading,
  type EmergencyAccessRow,
} from '../store/emergencyAccess.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { now } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { gateOf, levelOf } from './gate.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';
import { findCase } from '../store/cases.ts';

/** Hours an emergency access lasts. */
export const EMERGENCY_ACCESS_HOURS = 4;
/** Distinct persons read one by one within an hour above which the reading is shown for review. */
export const UNUSUAL_READING_PER_HOUR = 30;
/** Who reviews emergency accesses and unusual reading. */
const REVIEWERS = ['leader'];

export const emergencyAccessInput = z.object({
  reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(1000).describe('Why the person needs help now and the case cannot wait for those who handle it'),
});

export const emergencyReviewInput = z.object({
  verdict: z.enum(['justified', 'not_justified']),
  note: z.string().trim().min(1).max(2000).describe('What the review found, and any follow-up'),
});

/** Opens a case to a staff member without a need, for a stated reason and a few hours. */
export async function openEmergencyAccess(ctx: AppContext, principal: Principal, meta: CommandMeta, caseId: string, input: z.infer<typeof emergencyAccessInput>): Promise<CommandResult> {
  assertMayReadPersonalData(principal);
  return runCommand(ctx, principal, meta, async (tx) => {
    const row = await findCase(tx, caseId);
    if (!row) throw notFound('The case');
    const { gate } = await gateOf(tx, ctx, principal, meta);
    if (levelOf(gate, caseId, row.state) === 'full') throw new AppError('conflict', 'You already have a need for this case: emergency access is not needed.');
    const grantedAt = now(ctx);
    const expiresAt = new Date(grantedAt.getTime() + EMERGENCY_ACCESS_HOURS * 3_600_000);
    const id = await insertEmergencyAccess(tx, { staffId: principal.staffId, caseId, personId: row.person_id, reason: input.reason, grantedAt, expiresAt });
    await audit(tx, principal, meta, 'emergency', `emergency access to case ${row.case_number}: ${input.reason}`, [row.person_id]);
    return { statusCode: 201, body: { id, caseId, grantedAt: grantedAt.toISOString(), expiresAt: expiresAt.toISOString() } };
  });
}

function accessView(r: EmergencyAccessRow) {
  return {
    id: r.id,
    staff: { id: r.staff_id, name: r.staff_name },
    caseId: r.case_id,
    caseNumber: r.case_number,
    personId: r.person_id,
    reason: r.reason,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    review: r.reviewed_at ? { by: r.reviewed_by_name ?? '', at: r.reviewed_at.toISOString(), verdict: r.verdict as 'justified' | 'not_justified', note: r.note ?? '' } : null,
  };
}

/** The leader's review: emergency accesses (unreviewed first) and unusual reading over the last days. */
export async function accessReview(ctx: AppContext, principal: Principal, meta: RequestMeta, days: number) {
  requireRole(principal, REVIEWERS, 'The review of emergency access and unusual reading');
  return inTenant(ctx.db.app, principal, async (tx) => {
    const since = new Date(now(ctx).getTime() - days * 86_400_000);
    const accesses = (await listEmergencyAccesses(tx, since, 500)).map(accessView);
    const reading = (await unusualReading(tx, since, UNUSUAL_READING_PER_HOUR, 200)).map((r) => ({
      staff: { id: r.staff_id, name: r.staff_name },
      hour: r.hour.toISOString(),
      persons: r.persons,
    }));
    await audit(tx, principal, meta, 'read', 'access review', [...new Set(accesses.map((a) => a.personId))]);
    return { since: since.toISOString(), threshold: UNUSUAL_READING_PER_HOUR, emergencyAccesses: accesses, unusualReading: reading };
  });
}

/** A leader's verdict on an emergency access: recorded once, never by the one who used it. */
export async function reviewEmergencyAccess(ctx: AppContext, principal: Principal, meta: CommandMeta, id: string, input: z.infer<typeof emergencyReviewInput>): Promise<CommandResult> {
  requireRole(principal, REVIEWERS, 'Reviewing an emergency access');
  return runCommand(ctx, principal, meta, async (tx) => {
    const access = await findEmergencyAccess(tx, id);
    if (!access) throw notFound('The emergency access');
    if (access.staff_id === principal.staffId) throw new AppError('forbidden', 'Nobody reviews their own emergency access: another leader does.', { rule: 'own_review' });
    if (access.reviewed) throw new AppError('conflict', 'This emergency access has been reviewed already.');
    await insertEmergencyReview(tx, { accessId: id, reviewedBy: principal.staffId, verdict: input.verdict, note: input.note, at: now(ctx) });
    return { statusCode: 201, body: { id, verdict: input.verdict } };
  });
}
