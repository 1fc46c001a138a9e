/**
 * Every open piece of work on a case is a work item in someone's queue, and a case can hold several
 * at once: a request to take in, an assessment to finish, a granted service to order, a delivery to
 * start, a change report, a complaint about the decision and one about the delivery, a consultation,
 * a follow-up a rule opened, a re-evaluation or an end of a decision coming due, a waiting- or
 * watch-list review. The items follow from the case's state alone (a pure function), so no item can
 * exist without a queue and every view (the queue, the team, the leader) counts the same items.
 *
 * Two kinds of item:
 * - aged items wait from `since` and are overdue after the policy's escalation limit in days;
 * - dated items are in the queue from `opensOn` and overdue after `dueOn`.
 */
import { addDays, osloDate } from '../law/deadlines.ts';
import type { WorkItemKind } from '../organisation/policy.ts';
import { awaitingOrder } from '../provider/orders.ts';
import type { ActionType } from './actions.ts';
import { daysBetween } from './processingTimes.ts';
import type { CaseState } from './state.ts';
import { grantInForce } from './transitions.ts';

/** Who answers the item: the case's owner (the allocation office or team), the provider, or the provider while the office follows it. */
export type ItemHolder = 'office' | 'provider' | 'provider_and_office';

export interface WorkItem {
  /** Unique among the case's open items; `follow_up_answered` names it. */
  readonly key: string;
  readonly kind: WorkItemKind;
  /** When the work began waiting (ISO timestamp). */
  readonly since: string;
  /** A dated item is in the queue from this day (Norwegian date); null for aged items. */
  readonly opensOn: string | null;
  /** A dated item is overdue after this day; null for aged items. */
  readonly dueOn: string | null;
  readonly holder: ItemHolder;
  /** The provider that holds it, when a provider does. */
  readonly providerUnitId: string | null;
  /** The actions that answer the item. */
  readonly answeredBy: readonly ActionType[];
}

/** Days before a re-evaluation date or the end of a decision that the item enters the queue. */
export const DUE_LEAD_DAYS = 30;
/** Days before a list review that it enters the queue. */
export const LIST_REVIEW_LEAD_DAYS = 14;

const REVISION_ANSWERS: readonly ActionType[] = ['reevaluation_started', 'follow_up_answered', 'consultation_requested'];

export function openWorkItems(state: CaseState): WorkItem[] {
  return [
    ...representativeItems(state),
    ...processItems(state),
    ...complaintItems(state),
    ...changeItems(state),
    ...consultationItems(state),
    ...datedItems(state),
    ...messageItems(state),
    ...registerEventItems(state),
    ...dischargeItems(state),
  ];
}

/** The authority of someone who applied for the person through the digital channel waits for the office's check (fvl § 12). */
function representativeItems(state: CaseState): WorkItem[] {
  const check = state.representativeCheck;
  if (check?.outcome !== 'pending' || CLOSED_STATUSES.includes(state.status)) return [];
  return [item('representative_check', 'representative_check', check.since, ['representative_checked'])];
}

const CLOSED_STATUSES: readonly string[] = ['ended', 'withdrawn', 'answered_low_threshold'];

function item(key: string, kind: WorkItemKind, since: string, answeredBy: readonly ActionType[], more: Partial<WorkItem> = {}): WorkItem {
  return { key, kind, since, opensOn: null, dueOn: null, holder: 'office', providerUnitId: null, answeredBy, ...more };
}

/** The item of where the case stands in the process: take in, assess, order, start. */
function processItems(state: CaseState): WorkItem[] {
  const since = state.stateEnteredAt;
  const order = awaitingOrder(state.orders);
  if (order) {
    return [item(`order:${order.providerUnitId}`, 'order', order.sentAt, ['order_accepted', 'order_rejected'], { holder: 'provider', providerUnitId: order.providerUnitId })];
  }
  if (state.complaint) return [];
  switch (state.status) {
    case 'received':
      // A request waits from the day it was received (a paper application from last week is a week old), not from its registration.
      return [item('request', 'request', receivedSince(state), ['assessment_started', 'request_withdrawn', 'provisional_reply_sent'])];
    case 'under_assessment':
    case 'under_reevaluation':
      return [item('assessment', 'assessment', since, ['decision_made', 'request_answered_low_threshold'])];
    case 'decided':
      return awaitsOrder(state) ? [item('order', 'order', since, ['service_arranged', 'provider_chosen'])] : [];
    case 'service_arranged':
      return [item('delivery_start', 'delivery_start', since, ['service_started'], { holder: 'provider', providerUnitId: state.providerUnitId })];
    default:
      return [];
  }
}

/** A granted decision waits for its order, unless the person waits for a place on the list. */
export function awaitsOrder(state: CaseState): boolean {
  const d = state.decision;
  return d !== null && d.outcome !== 'refused' && !d.onWaitingList;
}

/** A complaint about the decision is the office's own review; one about the delivery goes to the provider and the office follows it (seed 002). Both may be open at once. */
function complaintItems(state: CaseState): WorkItem[] {
  const out: WorkItem[] = [];
  if (state.complaint?.stage === 'own_review') out.push(item('complaint', 'complaint', state.stateEnteredAt, ['complaint_reversed_on_review', 'complaint_forwarded']));
  const d = state.openDeliveryComplaint;
  if (d) {
    out.push(item(`delivery_complaint:${d.seq}`, 'delivery_complaint', d.since, ['delivery_complaint_answered'], { holder: 'provider_and_office', providerUnitId: state.providerUnitId }));
  }
  return out;
}

/** A provider's change report, and the follow-ups rules opened: answered by a re-evaluation, a new decision or a reasoned "no change". */
function changeItems(state: CaseState): WorkItem[] {
  const out: WorkItem[] = [];
  if (state.openProposal) out.push(item(`change_report:${state.openProposal.seq}`, 'change_report', state.openProposal.since, REVISION_ANSWERS));
  for (const f of state.followUps) {
    const kind = f.kind === 'sustained_change' ? 'revision' : 'score_review';
    out.push(item(`follow_up:${f.seq}`, kind, f.since, REVISION_ANSWERS, { opensOn: osloDate(f.since), dueOn: f.dueOn }));
  }
  if (state.planDepartedSince && grantInForce(state)) {
    // The policy says after how many days the departure suggests a new decision (queues.ts places it in time).
    out.push(item('frame_review', 'frame_review', state.planDepartedSince, ['reevaluation_started', 'follow_up_answered']));
  }
  return out;
}

/**
 * A message to a national service that failed (a letter neither delivered digitally nor printed, an
 * archive or a GP that refused it) waits for the office: send it another way and answer the item. A
 * decision takes effect only when it is made known to the person (fvl § 27), so it is due the next day.
 */
function messageItems(state: CaseState): WorkItem[] {
  return state.failedMessages.map((m) =>
    item(`message:${m.messageId}`, 'message_failed', m.since, ['follow_up_answered', 'message_receipt'], { opensOn: osloDate(m.since), dueOn: addDays(osloDate(m.since), 1) }),
  );
}

/**
 * The hospital has notified that the patient is ready for discharge: the office answers the same day
 * whether it can receive the patient (domain/law/dischargeReady.ts), or the municipality pays from the next day.
 */
function dischargeItems(state: CaseState): WorkItem[] {
  const n = state.dischargeNotice;
  if (!n || CLOSED_STATUSES.includes(state.status)) return [];
  return [item('discharge_answer', 'discharge_answer', n.since, ['follow_up_answered'], { opensOn: osloDate(n.since), dueOn: n.answerBy })];
}

/**
 * A death or a move the population register reported waits for the office: end the service, or look
 * at it again where the person now lives (a move out of the municipality ends the municipality's duty,
 * hol § 3-1). Due within a week, so services are not delivered to, or billed for, someone gone.
 */
function registerEventItems(state: CaseState): WorkItem[] {
  return state.registerEvents.map((e) =>
    item(`register_event:${e.seq}`, 'revision', e.since, ['follow_up_answered', 'service_ended', 'case_closed', 'request_withdrawn'], { opensOn: osloDate(e.since), dueOn: addDays(osloDate(e.since), 7) }),
  );
}

/** A consultation waits for the one asked, then for the one who asked to record the outcome. */
function consultationItems(state: CaseState): WorkItem[] {
  return state.consultations.map((c) => {
    const toProvider = (c.stage === 'requested') === (c.to === 'provider');
    const provider = c.providerUnitId ?? state.providerUnitId;
    const more: Partial<WorkItem> = toProvider ? { holder: 'provider', providerUnitId: provider } : {};
    const answer: readonly ActionType[] = c.stage === 'requested' ? ['consultation_answered'] : ['consultation_concluded'];
    return item(`consultation:${c.seq}`, 'consultation', c.since, answer, { ...more, opensOn: osloDate(c.since), dueOn: c.stage === 'requested' ? c.answerBy : addDays(osloDate(c.since), 14) });
  });
}

/**
 * Dates the decision and the lists carry: a re-evaluation date and the end of a time-limited decision
 * come due (a decision that has run out or is past its re-evaluation is "mangler oppdatert vedtak"),
 * and a person on the waiting or watch list is looked at again by the review date.
 */
function datedItems(state: CaseState): WorkItem[] {
  const o = state.placeOffer;
  const offer = o ? [item(`place_offer:${o.seq}`, 'place_offer', o.since, ['place_offer_answered', 'service_arranged'], { opensOn: osloDate(o.since), dueOn: o.answerBy })] : [];
  const listOpen = state.status !== 'ended' && state.status !== 'withdrawn' && state.status !== 'answered_low_threshold';
  const list = state.listReviewBy && listOpen ? [dated('list_review', state.listReviewBy, LIST_REVIEW_LEAD_DAYS, ['follow_up_answered', 'service_arranged', 'decision_made'])] : [];
  return [...decisionDates(state), ...list, ...offer];
}

const RENEWING: readonly ActionType[] = ['reevaluation_started', 'decision_made', 'service_ended'];
const RUNNING: readonly CaseState['status'][] = ['decided', 'service_arranged', 'active'];

/** The re-evaluation date and the end of a running decision (not while a complaint reconsiders it). */
function decisionDates(state: CaseState): WorkItem[] {
  const d = state.decision;
  if (d === null || !grantInForce(state) || state.complaint || !RUNNING.includes(state.status)) return [];
  const out: WorkItem[] = [];
  if (d.reevaluateBy && (d.validTo === null || d.reevaluateBy < d.validTo)) out.push(dated('reevaluation_due', d.reevaluateBy, DUE_LEAD_DAYS, RENEWING));
  if (d.validTo && !state.scheduledEndOn) out.push(dated('decision_expiry', d.validTo, DUE_LEAD_DAYS, RENEWING));
  return out;
}

function dated(kind: 'reevaluation_due' | 'decision_expiry' | 'list_review', dueOn: string, leadDays: number, answeredBy: readonly ActionType[]): WorkItem {
  const opensOn = addDays(dueOn, -leadDays);
  return item(kind, kind, `${opensOn}T00:00:00.000Z`, answeredBy, { opensOn, dueOn });
}

/**
 * Calendar days in Norway from the day of `since` to today, never below zero (an item opening later
 * today is not a negative day old). Counted by Norwegian dates, as deadlines are: a request received
 * a week ago is 7 days old all of today, also in the hour after midnight in Oslo while UTC is still on
 * the day before (a date is held as its midnight UTC, whose Oslo date is the same day).
 */
export function ageInDays(since: string, now: Date): number {
  return Math.max(0, daysBetween(osloDate(since), osloDate(now)));
}

/** The start of the day the request was received, or its registration if that came first (a registration cannot predate itself). */
function receivedSince(state: CaseState): string {
  const received = `${state.receivedOn}T00:00:00.000Z`;
  return received < state.stateEnteredAt ? received : state.stateEnteredAt;
}

/** Whether an item is in the queue on `today`: aged items always, dated items from their opening day. */
export function isOpenOn(item: Pick<WorkItem, 'opensOn'>, today: string): boolean {
  return item.opensOn === null || item.opensOn <= today;
}

/** Whether an item is overdue: a dated one after its due day, an aged one after the policy's limit. */
export function isOverdue(item: Pick<WorkItem, 'dueOn' | 'since'>, limitDays: number | null, now: Date, today: string): boolean {
  if (item.dueOn !== null) return today > item.dueOn;
  return limitDays !== null && ageInDays(item.since, now) > limitDays;
}
