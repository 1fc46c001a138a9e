/**
 * Scarce places under the municipality's policy (seed 002 L781–782): a priority list that proposes
 * the highest-priority person when a place is vacated (Trondheim), or refusal with an interim service
 * and watch (Bergen). A decision that places a person on the list says so (hol § 3-2 a), and the list
 * records the assessed need, not only what was applied for.
 */
import type { ActionBody, CaseAction, CaseState } from '../domain/case/index.ts';
import type { PolicyVersion } from '../domain/organisation/policy.ts';
import { byPriority, priorityOf, type Priority } from '../domain/prioritisation/priority.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { insertEntry, openEntries, settleEntries, type WaitingEntryRow } from '../store/waitingLists.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { norwegianDate, today as todayIn } from './clock.ts';
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

/** Keeps the lists in step with the case: a decision lists, an arranged place or an end settles. */
export async function projectWaitingList(tx: Tx, caseId: string, state: CaseState, action: CaseAction): Promise<void> {
  if (action.type === 'service_arranged') return settleEntries(tx, caseId, 'placed');
  if (action.type === 'service_ended' || action.type === 'case_closed' || action.type === 'request_withdrawn') return settleEntries(tx, caseId, 'closed');
  if (action.type !== 'decision_made') return;
  const { waitingList, watchList } = action.payload;
  const listedOn = norwegianDate(new Date(action.occurredAt));
  const base = { caseId, personId: state.personId, decisionSeq: action.seq, listedOn };
  if (waitingList) {
    const { placeType, assessedNeed, recommendedLevel, ...priorityInput } = waitingList;
    await insertEntry(tx, { ...base, kind: 'waiting', placeType, assessedNeed, recommendedLevel, priorityInput, interimService: null, reviewBy: null });
  } else if (watchList) {
    await insertEntry(tx, { ...base, kind: 'watching', placeType: watchList.placeType, assessedNeed: watchList.assessedNeed, recommendedLevel: watchList.recommendedLevel, priorityInput: null, interimService: watchList.interimService, reviewBy: watchList.reviewBy });
  }
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
