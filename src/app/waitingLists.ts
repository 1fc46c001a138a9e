/**
 * Scarce places under the municipality's policy (seed 002 L781–782): a priority list that proposes
 * the highest-priority person when a place is vacated (Trondheim), or refusal with an interim service
 * and watch (Bergen). A decision that places a person on the list says so (hol § 3-2 a), and the list
 * records the assessed need, not only what was applied for.
 */
import type { ActionBody, CaseAction } from '../domain/case/index.ts';
import type { PolicyVersion } from '../domain/organisation/policy.ts';
import { byPriority, priorityOf, type Priority } from '../domain/prioritisation/priority.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { openEntries, replaceEntries, type WaitingEntryRow } from '../store/waitingLists.ts';
import { waitingListOf } from '../domain/prioritisation/waitingList.ts';
import { z } from 'zod';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { loadAuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { gateOf, levelOfRow, type Gate } from './gate.ts';
import { now, today as todayIn } from './clock.ts';
import { runCommand, type CommandResult } from './command.ts';
import type { AppContext, CommandMeta, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';
import { requireRole } from './roles.ts';

/** Refuses a list placement the policy does not use, or one that does not fit the outcome. */
export function assertScarcePlaceRules(policy: PolicyVersion | null, action: ActionBody): void {
  if (action.type !== 'decision_made') return;
  const { waitingList, watchList, outcome } = action.payload;
  const mode = policy?.rules.scarcePlaces ?? 'priority_list';
  if (waitingList && mode === 'refuse_and_watch') {
    throw new AppError('forbidden', 'This municipality keeps no waiting list: when no place is free it refuses, gives an interim service and keeps watch (watchList).', { rule: 'scarce_places' });
  }
  if (waitingList && outcome === 'refused') throw invalidField('action.payload.waitingList', 'a place on the waiting list goes with a granted decision');
  if (watchList && outcome !== 'refused') throw invalidField('action.payload.watchList', 'a watch goes with a refusal for want of a free place');
}

/** Keeps the case's list entries as its log says (waitingListOf): written by the pipeline and by `reproject`. */
export async function projectWaitingList(tx: Tx, caseId: string, personId: string, history: readonly CaseAction[]): Promise<boolean> {
  return replaceEntries(tx, caseId, personId, waitingListOf(history));
}

export interface ListEntryView {
  id: string;
  caseId: string;
  caseNumber: string;
  personName: string;
  kind: 'waiting' | 'watching';
  placeType: string;
  assessedNeed: string;
  recommendedLevel: string;
  listedOn: string;
  interimService: string | null;
  reviewBy: string | null;
  priority: Priority | null;
}

function view(e: WaitingEntryRow, today: string): ListEntryView {
  const waitingDays = Math.round((Date.parse(today) - Date.parse(e.listed_on)) / 86_400_000);
  return {
    id: e.id,
    caseId: e.case_id,
    caseNumber: e.case_number,
    personName: e.person_name,
    kind: e.kind,
    placeType: e.place_type,
    assessedNeed: e.assessed_need,
    recommendedLevel: e.recommended_level,
    listedOn: e.listed_on,
    interimService: e.interim_service,
    reviewBy: e.review_by,
    priority: e.priority_input ? priorityOf({ ...e.priority_input, waitingDays }) : null,
  };
}

/** The open entries in priority order (waiting) and by review date (watching). */
async function orderedEntries(tx: Tx, today: string, placeType?: string, gate?: Gate) {
  const open = await openEntries(tx, placeType);
  const seen = open.filter((e) => !gate || levelOfRow(gate, e) === 'full');
  const entries = seen.map((e) => view(e, today));
  const waiting = entries.filter((e): e is ListEntryView & { priority: Priority } => e.kind === 'waiting' && e.priority !== null).sort(byPriority);
  const watching = entries.filter((e) => e.kind === 'watching').sort((a, b) => (a.reviewBy ?? '').localeCompare(b.reviewBy ?? ''));
  return { waiting, watching, personIds: [...new Set(seen.map((e) => e.person_id))] };
}

/** The open waiting list in priority order, and the watch list by review date. */
export async function waitingLists(ctx: AppContext, principal: Principal, meta: RequestMeta, placeType?: string) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { waiting, watching, personIds } = await orderedEntries(tx, todayIn(ctx), placeType, gate);
    await audit(tx, principal, meta, 'read', 'waiting lists', personIds);
    return { waiting, watching, proposal: waiting[0] ?? null };
  });
}

export const placeOfferInput = z.object({
  caseId: z.uuid().describe('The case of the person offered the place'),
  placeType: z.enum(['long_term_stay', 'short_term_stay', 'care_flat']),
  answerBy: z.iso.date().describe('When the person should answer'),
  reason: z.string().trim().min(1).max(2000).describe('Why this person is offered the place'),
  passedOver: z
    .array(z.object({ caseId: z.uuid(), reason: z.string().trim().min(1).max(2000) }))
    .max(200)
    .default([])
    .describe('Everyone ahead of the person in the priority order, and why each was not offered the place'),
});
export type PlaceOfferInput = z.infer<typeof placeOfferInput>;

/**
 * Offers a vacated place (hol § 3-2 a; seed 002 L781): the list proposes in priority order, and an
 * offer to anyone but the first names why each one ahead was passed over. The offer, with the
 * person's place in the order and their priority, is recorded on their case through the pipeline.
 */
export async function offerPlace(ctx: AppContext, principal: Principal, meta: CommandMeta, input: PlaceOfferInput): Promise<CommandResult> {
  requireRole(principal, ['caseworker', 'team_leader'], 'Offering a vacated place');
  return runCommand(ctx, principal, meta, async (tx) => {
    const today = todayIn(ctx);
    const { waiting } = await orderedEntries(tx, today, input.placeType);
    const at = waiting.findIndex((e) => e.caseId === input.caseId);
    if (at < 0) throw invalidField('caseId', `the case is not on the open waiting list for ${input.placeType}`);
    const entry = waiting[at] as ListEntryView & { priority: Priority };
    const ahead = waiting.slice(0, at);
    const reasons = new Map(input.passedOver.map((p) => [p.caseId, p.reason]));
    const missing = ahead.filter((e) => !reasons.has(e.caseId));
    if (missing.length) throw invalidField('passedOver', `say why ${missing.map((e) => e.caseNumber).join(', ')} ahead in the priority order ${missing.length === 1 ? 'is' : 'are'} not offered the place`);
    const extra = input.passedOver.filter((p) => !ahead.some((e) => e.caseId === p.caseId));
    if (extra.length) throw invalidField('passedOver', 'name only those ahead of the person in the priority order');
    const authority = await loadAuthorityContext(tx, principal);
    const { state } = await appendToCase(tx, writerAt(authority, meta.requestId, now(ctx), meta.purpose), {
      caseId: input.caseId,
      body: {
        type: 'place_offered',
        payload: {
          placeType: input.placeType,
          offeredOn: today,
          answerBy: input.answerBy,
          rank: at + 1,
          priorityGroup: entry.priority.group,
          priorityKey: entry.priority.key,
          reason: input.reason,
          passedOver: ahead.map((e) => ({ caseNumber: e.caseNumber, reason: reasons.get(e.caseId) as string })),
        },
      },
    });
    await audit(tx, principal, meta, 'write', 'place offer', [state.personId]);
    return { statusCode: 201, body: { caseId: input.caseId, rank: at + 1, version: state.version, answerBy: input.answerBy } };
  });
}
