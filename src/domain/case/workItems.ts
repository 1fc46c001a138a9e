/**
 * Every open piece of work on a case is a work item in someone's queue: a request to take in, an
 * assessment to finish, a granted service to order, a delivery to start, a proposed change to
 * handle, a complaint to review. The item, its age and whether it is overdue follow from the case's
 * state and the policy's escalation limits, so no item can exist without a queue (no orphan work).
 */
import type { WorkItemKind } from '../organisation/policy.ts';
import { awaitingOrder } from '../provider/orders.ts';
import type { CaseState } from './state.ts';

export interface OpenWorkItem {
  readonly kind: WorkItemKind;
  /** The item sits with the providing unit (a complaint about the delivery). */
  readonly toProvider?: boolean;
  /** When the work began waiting (ISO timestamp). */
  readonly since: string;
}

export function openWorkItem(state: CaseState): OpenWorkItem | null {
  const since = state.stateEnteredAt;
  if (state.openDeliveryComplaintSeq !== null) return { kind: 'complaint', since, toProvider: true };
  if (state.complaint) return state.complaint.stage === 'own_review' ? { kind: 'complaint', since } : null;
  const order = awaitingOrder(state.orders);
  if (order) return { kind: 'order', since: order.sentAt, toProvider: true };
  return itemOfStatus(state, since);
}

function itemOfStatus(state: CaseState, since: string): OpenWorkItem | null {
  switch (state.status) {
    case 'received':
      return { kind: 'request', since };
    case 'under_assessment':
    case 'under_reevaluation':
      return { kind: 'assessment', since };
    case 'decided':
      return awaitsOrder(state) ? { kind: 'order', since } : null;
    case 'service_arranged':
      return { kind: 'delivery_start', since };
    case 'active':
      return state.openProposalSeq !== null ? { kind: 'change_report', since } : null;
    default:
      return null;
  }
}

/** A granted decision waits for its order, unless the person waits for a place on the list. */
function awaitsOrder(state: CaseState): boolean {
  const d = state.decision;
  return d !== null && d.outcome !== 'refused' && !d.onWaitingList;
}

/** Whole days between two instants, rounded down. */
export function ageInDays(since: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(since)) / 86_400_000);
}
