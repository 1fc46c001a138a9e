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
import { assertMayReadPersonalData, audit } from './audit.ts';
import { today as todayIn } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import type { Principal } from './principal.ts';

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

/** The open waiting list in priority order, and the watch list by review date. */
export async function waitingLists(ctx: AppContext, principal: Principal, meta: RequestMeta, placeType?: string) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const today = todayIn(ctx);
    const entries = (await openEntries(tx, placeType)).map((e) => view(e, today));
    await audit(tx, principal, meta, 'read', 'waiting lists', []);
    const waiting = entries.filter((e): e is ListEntryView & { priority: Priority } => e.kind === 'waiting' && e.priority !== null).sort(byPriority);
    const watching = entries.filter((e) => e.kind === 'watching').sort((a, b) => (a.reviewBy ?? '').localeCompare(b.reviewBy ?? ''));
    return { waiting, watching, proposal: waiting[0] ?? null };
  });
}
