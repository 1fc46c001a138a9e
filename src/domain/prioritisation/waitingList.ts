/**
 * The waiting-list and watch-list entries of a case, as a pure fold over its log (hol § 3-2 a; seed
 * 002 L781–782): a decision that grants and places the person on the list, or refuses for want of
 * a free place and keeps watch, opens an entry with the assessed need; an accepted offer or an
 * arranged place settles the open entries as placed; an end, a closed case or a withdrawal settles them as closed. The
 * pipeline and `tildel reproject` both write what this returns.
 */
import type { CaseAction } from '../case/actions.ts';
import { osloDate } from '../law/deadlines.ts';

export interface ListEntry {
  readonly decisionSeq: number;
  readonly kind: 'waiting' | 'watching';
  readonly placeType: string;
  readonly assessedNeed: string;
  readonly recommendedLevel: string;
  readonly priorityInput: { readonly severity: number; readonly benefit: number; readonly resourceUse: number; readonly urgent: boolean } | null;
  readonly interimService: string | null;
  readonly reviewBy: string | null;
  readonly listedOn: string;
  readonly status: 'open' | 'placed' | 'closed';
}

const SETTLES: Partial<Record<CaseAction['type'], 'placed' | 'closed'>> = {
  service_arranged: 'placed',
  service_ended: 'closed',
  case_closed: 'closed',
  request_withdrawn: 'closed',
};

function opened(a: CaseAction): ListEntry | null {
  if (a.type !== 'decision_made') return null;
  const base = { decisionSeq: a.seq, listedOn: osloDate(a.occurredAt), status: 'open' as const };
  const { waitingList, watchList } = a.payload;
  if (waitingList) {
    const { placeType, assessedNeed, recommendedLevel, severity, benefit, resourceUse, urgent } = waitingList;
    return { ...base, kind: 'waiting', placeType, assessedNeed, recommendedLevel, priorityInput: { severity, benefit, resourceUse, urgent }, interimService: null, reviewBy: null };
  }
  if (watchList) {
    const { placeType, assessedNeed, recommendedLevel, interimService, reviewBy } = watchList;
    return { ...base, kind: 'watching', placeType, assessedNeed, recommendedLevel, priorityInput: null, interimService, reviewBy };
  }
  return null;
}

/** How an action settles the open entries: placed, closed (also a reversal to refusal, or a decision sent back), or not at all. */
function settlementOf(a: CaseAction): 'placed' | 'closed' | undefined {
  // An accepted offer is the person's place: they leave the list, and the place is ordered.
  if (a.type === 'place_offer_answered') return a.payload.accepted ? 'placed' : undefined;
  if (a.type === 'complaint_reversed_on_review') return a.payload.outcome === 'refused' ? 'closed' : undefined;
  if (a.type === 'complaint_resolved') return a.payload.result === 'sent_back' || (a.payload.result === 'reversed' && a.payload.outcome === 'refused') ? 'closed' : undefined;
  return SETTLES[a.type];
}

export function waitingListOf(history: readonly CaseAction[]): ListEntry[] {
  return history.reduce<ListEntry[]>((entries, a) => {
    const settle = settlementOf(a);
    const next = settle ? entries.map((e) => (e.status === 'open' ? { ...e, status: settle } : e)) : entries;
    const entry = opened(a);
    return entry ? [...next, entry] : next;
  }, []);
}

/** Whether an action can change the case's entries. */
export function touchesWaitingList(type: CaseAction['type']): boolean {
  return type === 'decision_made' || type === 'complaint_reversed_on_review' || type === 'complaint_resolved' || SETTLES[type] !== undefined;
}
