/**
 * The current state of a case, derived from its actions by a pure fold. The store keeps the same
 * values in the case_file projection, written in the transaction that appends the action.
 */
import { addMonths, osloDate } from '../law/deadlines.ts';
import type { ActionPayload, CaseAction } from './actions.ts';
import type { DecisionForm } from '../organisation/policy.ts';
import { answerOrder, ordersAfterArranging, ordersAfterEnding, type OrderState } from '../provider/orders.ts';
import { requestOutcomeOf } from '../decision/requestAnswer.ts';
import type { CaseStateKey, CaseStatus, ComplaintStage, DecisionOutcome, FollowUpKind } from './vocabulary.ts';

/** Something on the case that waits for an answer, and since when (an action's seq and time). */
export interface Pending {
  readonly seq: number;
  readonly since: string;
}

/** A follow-up a rule opened (follow_up_opened), open until answered. */
export interface OpenFollowUp extends Pending {
  readonly kind: FollowUpKind;
  readonly key: string;
  readonly dueOn: string;
}

/** A consultation between the allocation office and a provider (drøfting), open until concluded. */
export interface OpenConsultation extends Pending {
  readonly to: 'provider' | 'allocation_office';
  readonly providerUnitId: string | null;
  readonly answerBy: string;
  /** requested: waits for the answer; answered: waits for the one who asked to record the outcome. */
  readonly stage: 'requested' | 'answered';
  /** The question, and the answer once given: what the provider needs to see without the case's history. */
  readonly question: string;
  readonly answer: string | null;
}

export interface OpenComplaint {
  readonly stage: ComplaintStage;
  /** The status the case returns to if the complaint leaves the decision as it is. */
  readonly resumeStatus: CaseStatus;
}

export interface CurrentDecision {
  readonly seq: number;
  /** The date the decision was made (the complaint deadline runs from its notification: notifiedOn). */
  readonly decidedOn: string;
  /**
   * The day the decision's letter was first issued: the notice of the decision, from which the
   * complaint deadline runs (pbrl § 7-5, fvl § 29); null until a letter is issued. A decision changed
   * on a complaint is a new decision, notified anew.
   */
  readonly notifiedOn: string | null;
  /**
   * The complaint body (Statsforvalteren, or the municipal complaints board) has decided a complaint
   * against this decision (upheld it, or reversed to it): a decision in a complaint case cannot be
   * complained about again (fvl § 28 third paragraph).
   */
  readonly finalOnComplaint: boolean;
  readonly outcome: DecisionOutcome;
  readonly serviceCode: string;
  readonly form: DecisionForm | null;
  readonly hoursPerWeek: number | null;
  /** A frame decision's ceiling and goals (tillitsmodell); null for other forms. */
  readonly frame: { readonly maxHoursPerWeek: number; readonly goals: readonly string[] } | null;
  /** Granted, waiting for a free place (hol § 3-2 a): the case waits on the list, not in a work queue. */
  readonly onWaitingList: boolean;
  /**
   * The decision granted a place to wait for on the list (hol § 3-2 a). Once the person has it,
   * `validFrom` is the day they got it: charged and reported from then, not while they waited.
   */
  readonly fromWaitingList: boolean;
  /** Who approved the decision, where it was approved. */
  readonly approvedByStaffId: string | null;
  /** The criteria evaluation the decision rests on (its set version stays with the decision). */
  readonly criteria: (CriteriaRef & { readonly departureReason: string | null }) | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** Runs until further notice (inntil videre) rather than to an end date. */
  readonly untilFurtherNotice: boolean;
  readonly reevaluateBy: string | null;
  /** How the request itself was answered when the decision differs from it (see decision/requestAnswer.ts). */
  readonly requestOutcome: DecisionOutcome;
}

export interface CriteriaRef {
  readonly evaluationSeq: number;
  readonly criteriaSetId: string;
  readonly version: number;
  readonly verdict: string;
  /** The evaluation points to a lower level or a low-threshold offer (LEON; Sammen om mestring pathway 1). */
  readonly lowThreshold: boolean;
}

export interface CaseState {
  readonly status: CaseStatus;
  readonly personId: string;
  readonly serviceCode: string;
  readonly receivedOn: string;
  readonly ownerStaffId: string | null;
  /** The unit whose queue holds the case (set by routing). */
  readonly ownerUnitId: string | null;
  /** The district of the person when the request was routed; selects the policy. */
  readonly districtId: string | null;
  readonly providerUnitId: string | null;
  /** Hours per week in the current action plan (tiltaksplan), adjusted within a frame. */
  readonly planHoursPerWeek: number | null;
  readonly serviceResponsibleStaffId: string | null;
  readonly primaryContactStaffId: string | null;
  /** Why the running re-evaluation began. */
  readonly reevaluationCause: ActionPayload<'reevaluation_started'>['cause'] | null;
  /** The day the service ended, when it has. */
  readonly serviceEndedOn: string | null;
  /** A future day the service is to end on; the end orders are sent at once, the case ends on the day. */
  readonly scheduledEndOn: string | null;
  /** The orders to providers (bestillinger) and their answers. */
  readonly orders: readonly OrderState[];
  /** The person's informed choice of provider under user choice (brukervalg). */
  readonly providerChoice: { readonly choice: 'provider' | 'no_preference'; readonly providerUnitId: string | null; readonly seq: number } | null;
  /** A complaint about the delivery, routed to the provider (and shown to the purchaser) and not yet answered. */
  readonly openDeliveryComplaint: Pending | null;
  /** A proposed change (endringsmelding) waiting for the allocation office. */
  readonly openProposal: Pending | null;
  /** Follow-ups opened by rules and not yet answered. */
  readonly followUps: readonly OpenFollowUp[];
  /** The keys of every follow-up ever opened, so a rule never opens the same finding twice. */
  readonly followUpKeys: readonly string[];
  /** Consultations between the allocation office and a provider not yet concluded. */
  readonly consultations: readonly OpenConsultation[];
  /** Since when the action plan has departed from the decided hours (adjustments within a frame), or null. */
  readonly planDepartedSince: string | null;
  /** When the need of a person on the waiting or watch list is looked at next, while the entry is open. */
  readonly listReviewBy: string | null;
  /** When an advance notice (forhåndsvarsel, fvl § 16) was issued under the current decision, or null. */
  readonly advanceNoticeAt: string | null;
  /** A place offered to the person on the waiting list, waiting for their answer. */
  readonly placeOffer: (Pending & { readonly placeType: string; readonly answerBy: string }) | null;
  /** The latest criteria evaluation, until a decision uses it. */
  readonly lastEvaluation: CriteriaRef | null;
  /**
   * The check of a representative's authority, for a request made for the person by someone else
   * through the digital channel (fvl § 12): pending until the office has checked it; null otherwise.
   */
  readonly representativeCheck: { readonly since: string; readonly outcome: 'pending' | 'verified' | 'not_verified' } | null;
  /** Messages to national services that failed and wait for a person (message_receipt 'failed'), until answered or delivered after all. */
  readonly failedMessages: readonly FailedMessage[];
  /** Deaths and moves the population register reported (register_event), until the office has answered them. */
  readonly registerEvents: readonly OpenRegisterEvent[];
  /**
   * The hospital's notice of a patient ready for discharge, until the office has answered whether it can
   * receive the patient (answered with follow_up_answered on the item discharge_answer). Absent, not null,
   * when there is none, so cases stored before the field existed derive the same state.
   */
  readonly dischargeNotice?: DischargeNotice;
  /** The decisions (by seq) that have had their letter issued; a second letter is an explicit reissue. */
  readonly decisionLettersIssued: readonly number[];
  /** When the case entered its current state key (for the age of its work item). */
  readonly stateEnteredAt: string;
  readonly decision: CurrentDecision | null;
  readonly complaint: OpenComplaint | null;
  /** The number of actions in the history; the version a command must name to append. */
  readonly version: number;
}

/** A message that could not be delivered: the work item the caseworker sees (key message:<id>). */
/** A notice of a patient ready for discharge waiting for the office's same-day answer (key discharge_answer). */
export interface DischargeNotice {
  readonly seq: number;
  readonly since: string;
  readonly answerBy: string;
  readonly dischargeReadyOn: string | null;
}

export interface FailedMessage {
  readonly messageId: string;
  readonly channel: string;
  readonly kind: string;
  readonly since: string;
  readonly detail: string | null;
}

/** A death or move from the population register that waits for the office (register_event). */
export interface OpenRegisterEvent {
  readonly seq: number;
  readonly since: string;
  readonly event: 'death' | 'moved' | 'moved_out';
  readonly occurredOn: string | null;
}

export class InvalidHistoryError extends Error {}

/** The state of a case opened by `opening`, before anything else has happened. */
function initialState(fields: Pick<CaseState, 'status' | 'personId' | 'serviceCode' | 'receivedOn' | 'version' | 'stateEnteredAt'> & Partial<Pick<CaseState, 'representativeCheck'>>): CaseState {
  return {
    ownerStaffId: null,
    ownerUnitId: null,
    districtId: null,
    providerUnitId: null,
    planHoursPerWeek: null,
    serviceResponsibleStaffId: null,
    primaryContactStaffId: null,
    reevaluationCause: null,
    serviceEndedOn: null,
    scheduledEndOn: null,
    orders: [],
    providerChoice: null,
    openDeliveryComplaint: null,
    openProposal: null,
    followUps: [],
    followUpKeys: [],
    failedMessages: [],
    registerEvents: [],
    consultations: [],
    planDepartedSince: null,
    listReviewBy: null,
    advanceNoticeAt: null,
    placeOffer: null,
    lastEvaluation: null,
    representativeCheck: null,
    decisionLettersIssued: [],
    decision: null,
    complaint: null,
    ...fields,
  };
}

/** The key of the transition table for this state. */
export function stateKey(state: CaseState): CaseStateKey {
  return state.complaint ? `complaint_${state.complaint.stage}` : state.status;
}

/** Derives the current state from the full, ordered history. */
export function deriveCaseState(actions: readonly CaseAction[]): CaseState {
  const [first, ...rest] = actions;
  if (!first || first.type !== 'request_received') {
    throw new InvalidHistoryError('A case history must begin with request_received');
  }
  return rest.reduce(applyAction, openCase(first));
}

export function openCase(action: CaseAction & { type: 'request_received' }): CaseState {
  // Someone who applied for the person through the digital channel has shown no written authority yet.
  const digitalRepresentative = action.payload.representative !== undefined && action.authority.roles.includes('digital_intake');
  return initialState({
    status: 'received',
    personId: action.payload.personId,
    serviceCode: action.payload.serviceCode,
    receivedOn: action.payload.receivedOn,
    stateEnteredAt: action.occurredAt,
    version: action.seq,
    representativeCheck: digitalRepresentative ? { since: action.occurredAt, outcome: 'pending' } : null,
  });
}

type Reducer<T extends CaseAction['type']> = (state: CaseState, action: Extract<CaseAction, { type: T }>) => CaseState;

/** How each action type changes the state; `version` is set for every action in applyAction. */
const REDUCERS: { readonly [T in CaseAction['type']]: Reducer<T> } = {
  request_received: () => {
    throw new InvalidHistoryError('request_received can only open a case');
  },
  case_routed: (s, a) => ({ ...s, ownerUnitId: a.payload.unitId, districtId: a.payload.districtId }),
  provisional_reply_sent: (s) => s,
  assessment_started: (s) => ({ ...s, status: 'under_assessment' }),
  owner_assigned: (s, a) => ({ ...s, ownerStaffId: a.payload.ownerStaffId }),
  note_added: (s) => s,
  message_receipt: (s, a) => messageReceipt(s, a.payload, a.occurredAt),
  register_event: (s, a) => ({ ...s, registerEvents: [...s.registerEvents, { seq: a.seq, since: a.occurredAt, event: a.payload.event, occurredOn: a.payload.occurredOn ?? null }] }),
  hospital_notice_received: (s, a) =>
    a.payload.notice === 'discharge_ready'
      ? { ...s, dischargeNotice: { seq: a.seq, since: a.occurredAt, answerBy: a.payload.answerBy ?? osloDate(a.occurredAt), dischargeReadyOn: a.payload.dischargeReadyOn ?? null } }
      : s,
  letter_issued: (s, a) => {
    if (a.payload.kind === 'advance_notice') return { ...s, advanceNoticeAt: a.occurredAt };
    return a.payload.kind === 'decision' && a.payload.decisionSeq !== undefined && !s.decisionLettersIssued.includes(a.payload.decisionSeq)
      ? { ...s, decisionLettersIssued: [...s.decisionLettersIssued, a.payload.decisionSeq], decision: notified(s.decision, a.payload.decisionSeq, a.occurredAt) }
      : s;
  },
  entry_corrected: (s) => s,
  criteria_evaluated: (s, a) => ({
    ...s,
    lastEvaluation: {
      evaluationSeq: a.seq,
      criteriaSetId: a.payload.criteriaSetId,
      version: a.payload.version,
      verdict: a.payload.verdict,
      lowThreshold: a.payload.verdict === 'try_lower_level' || a.payload.pathwayOutcome === 'low_threshold',
    },
  }),
  // A refusal (also at re-evaluation) ends every order a provider is working on (no order without a grant).
  // A new decision replaces an end scheduled under the one before it, and answers the open follow-ups and change report.
  decision_made: (s, a) => ({
    ...s,
    status: 'decided',
    decision: decisionFrom(a.seq, a.occurredAt, a.payload, s),
    planHoursPerWeek: a.payload.outcome === 'refused' ? null : (a.payload.hoursPerWeek ?? null),
    openProposal: null,
    followUps: [],
    planDepartedSince: null,
    advanceNoticeAt: null,
    listReviewBy: listReviewOf(a.payload, a.occurredAt),
    placeOffer: null,
    scheduledEndOn: null,
    orders: endsOrders(s, a.payload) ? ordersAfterEnding(s.orders, a.seq, a.occurredAt) : s.orders,
  }),
  service_arranged: (s, a) => ({
    ...s,
    // A place arranged from the waiting list (directly, or after an accepted offer): the person no
    // longer waits for one (hol § 3-2 a), and has it from the arrangement's first day.
    decision: s.status === 'decided' ? placed(s.decision, a.payload.startOn) : s.decision,
    status: 'service_arranged',
    providerUnitId: a.payload.providerUnitId,
    orders: ordersAfterArranging(s.orders, a.payload, a.seq, a.occurredAt, s.decision?.hoursPerWeek ?? null),
    listReviewBy: null,
    placeOffer: null,
  }),
  provider_chosen: (s, a) => ({ ...s, providerChoice: { choice: a.payload.choice, providerUnitId: a.payload.providerUnitId ?? null, seq: a.seq } }),
  order_accepted: (s, a) => ({ ...s, orders: answerOrder(s.orders, a.payload.providerUnitId, 'accepted') }),
  // A rejected order goes back to the allocation office, which must order again.
  order_rejected: (s, a) => ({
    ...s,
    orders: answerOrder(s.orders, a.payload.providerUnitId, 'rejected'),
    ...(s.status === 'service_arranged' ? { status: 'decided' as const, providerUnitId: null } : {}),
  }),
  decision_approved: (s, a) => ({ ...s, decision: s.decision ? { ...s.decision, approvedByStaffId: a.actorStaffId } : null }),
  responsibles_assigned: (s, a) => ({
    ...s,
    serviceResponsibleStaffId: a.payload.serviceResponsibleStaffId,
    primaryContactStaffId: a.payload.primaryContactStaffId,
  }),
  // The clock of a departure from the decided hours starts at the first adjustment away from them.
  plan_adjusted: (s, a) => ({
    ...s,
    planHoursPerWeek: a.payload.hoursPerWeek,
    planDepartedSince: a.payload.hoursPerWeek === s.decision?.hoursPerWeek ? null : (s.planDepartedSince ?? a.occurredAt),
  }),
  change_proposed: (s, a) => ({ ...s, openProposal: { seq: a.seq, since: a.occurredAt } }),
  service_started: (s) => ({ ...s, status: 'active' }),
  // Starting a re-evaluation answers the change report and the follow-ups that asked for one.
  reevaluation_started: (s, a) => ({ ...s, status: 'under_reevaluation', openProposal: null, followUps: [], reevaluationCause: a.payload.cause }),
  service_ended: endService,
  case_closed: (s, a) => ({ ...closed(s), status: 'ended', scheduledEndOn: null, orders: ordersAfterEnding(s.orders, a.seq, a.occurredAt) }),
  // A withdrawal (possible again after a decision is sent back) ends whatever a provider still holds.
  request_withdrawn: (s, a) => ({ ...closed(s), status: 'withdrawn', scheduledEndOn: null, orders: ordersAfterEnding(s.orders, a.seq, a.occurredAt) }),
  request_answered_low_threshold: (s) => ({ ...closed(s), status: 'answered_low_threshold' }),
  representative_checked: (s, a) => ({ ...s, representativeCheck: s.representativeCheck && { since: s.representativeCheck.since, outcome: a.payload.outcome } }),
  // A complaint about the delivery goes to the provider; one about the decision opens the complaint branch.
  complaint_received: (s, a) =>
    a.payload.concerns === 'delivery'
      ? { ...s, openDeliveryComplaint: { seq: a.seq, since: a.occurredAt } }
      : { ...s, complaint: { stage: 'own_review', resumeStatus: s.status } },
  delivery_complaint_answered: (s) => ({ ...s, openDeliveryComplaint: null }),
  complaint_reversed_on_review: (s, a) => withNewOutcome(s, a, a.payload.outcome, a.payload.newDecision, false),
  complaint_forwarded: (s) => ({ ...s, complaint: { stage: 'with_statsforvalteren', resumeStatus: resumeStatusOf(s) } }),
  complaint_resolved: (s, a) => resolveComplaint(s, a),
  follow_up_opened: (s, a) => ({
    ...s,
    followUps: [...s.followUps, { seq: a.seq, since: a.occurredAt, kind: a.payload.kind, key: a.payload.key, dueOn: a.payload.dueOn }],
    followUpKeys: [...s.followUpKeys, a.payload.key],
  }),
  follow_up_answered: (s, a) => answerItem(s, a.payload, a.occurredAt),
  consultation_requested: (s, a) => ({
    ...s,
    consultations: [
      ...s.consultations,
      {
        seq: a.seq,
        since: a.occurredAt,
        to: a.payload.to,
        providerUnitId: a.payload.providerUnitId ?? null,
        answerBy: a.payload.answerBy,
        stage: 'requested',
        question: a.payload.question,
        answer: null,
      },
    ],
  }),
  consultation_answered: (s, a) => ({
    ...s,
    consultations: s.consultations.map((c) => (c.seq === a.payload.consultationSeq ? { ...c, stage: 'answered', since: a.occurredAt, answer: a.payload.answer } : c)),
  }),
  consultation_concluded: (s, a) => ({ ...s, consultations: s.consultations.filter((c) => c.seq !== a.payload.consultationSeq) }),
  place_offered: (s, a) => ({ ...s, placeOffer: { seq: a.seq, since: a.occurredAt, placeType: a.payload.placeType, answerBy: a.payload.answerBy } }),
  // A declined place leaves the person on the list; an accepted one takes them off it, and the order follows.
  place_offer_answered: (s, a) => ({ ...s, placeOffer: null, decision: a.payload.accepted ? placed(s.decision, osloDate(a.occurredAt)) : s.decision }),
};

/** What a closed case leaves open: nothing (follow-ups, consultations and list reviews end with it). */
function closed(s: CaseState): CaseState {
  return { ...s, followUps: [], consultations: [], listReviewBy: null, openProposal: null, planDepartedSince: null, placeOffer: null, registerEvents: [] };
}

/** A place on the waiting list is reviewed by its date, or three months on; a watch by its review date. */
function listReviewOf(p: ActionPayload<'decision_made'>, occurredAt: string): string | null {
  if (p.waitingList) return p.waitingList.reviewBy ?? addMonths(osloDate(occurredAt), 3);
  return p.watchList?.reviewBy ?? null;
}

/** The office has answered the hospital about a patient ready for discharge: the notice is no longer open. */
function withoutDischargeNotice(s: CaseState, itemKey: string): CaseState {
  if (!s.dischargeNotice) throw new InvalidHistoryError(`No open item ${itemKey} to answer`);
  const { dischargeNotice: _answered, ...rest } = s;
  return rest;
}

/**
 * A reasoned answer without a new decision (see workItems.ts for the keys): it closes a follow-up or a
 * change report, restarts the clock of a departure from the decided hours, or sets the next list review.
 */
function answerItem(s: CaseState, p: ActionPayload<'follow_up_answered'>, at: string): CaseState {
  const [kind, seq] = p.itemKey.split(':');
  switch (kind) {
    case 'follow_up':
      return { ...s, followUps: s.followUps.filter((f) => String(f.seq) !== seq) };
    case 'change_report':
      return String(s.openProposal?.seq) === seq ? { ...s, openProposal: null } : s;
    case 'frame_review':
      return { ...s, planDepartedSince: s.planDepartedSince ? at : null };
    case 'list_review':
      return { ...s, listReviewBy: p.nextReviewBy ?? s.listReviewBy };
    case 'discharge_answer':
      return withoutDischargeNotice(s, p.itemKey);
    case 'register_event':
      return { ...s, registerEvents: withoutOpen(s.registerEvents, (e) => String(e.seq) === seq, p.itemKey) };
    case 'message':
      return { ...s, failedMessages: withoutOpen(s.failedMessages, (m) => m.messageId === seq, p.itemKey) };
    default:
      throw new InvalidHistoryError(`No open item ${p.itemKey} to answer`);
  }
}

/** The open entries without the one an answer names; an answer to an item that is not open is refused. */
function withoutOpen<T>(list: readonly T[], named: (x: T) => boolean, itemKey: string): T[] {
  if (!list.some(named)) throw new InvalidHistoryError(`No open item ${itemKey} to answer`);
  return list.filter((x) => !named(x));
}

/** A failed message waits for a person; any later word on the same message (sent to print, delivered after all) settles it. */
function messageReceipt(s: CaseState, p: ActionPayload<'message_receipt'>, at: string): CaseState {
  const others = s.failedMessages.filter((m) => m.messageId !== p.messageId);
  if (p.outcome !== 'failed') return others.length === s.failedMessages.length ? s : { ...s, failedMessages: others };
  return { ...s, failedMessages: [...others, { messageId: p.messageId, channel: p.channel, kind: p.kind, since: at, detail: p.detail ?? null }] };
}

/** A refusal ends the orders, and so does a grant of another service than the one ordered (e.g. a care flat instead of home nursing). */
function endsOrders(s: CaseState, d: ActionPayload<'decision_made'>): boolean {
  return d.outcome === 'refused' || (s.decision !== null && s.decision.serviceCode !== d.serviceCode);
}

/** Applies one action to the state before it. Pure: the same inputs always give the same state. */
export function applyAction(state: CaseState, action: CaseAction): CaseState {
  if (action.seq !== state.version + 1) {
    throw new InvalidHistoryError(`Action ${action.seq} does not follow version ${state.version}`);
  }
  const reducer = REDUCERS[action.type] as Reducer<CaseAction['type']> | undefined;
  if (!reducer) throw new InvalidHistoryError(`Unknown action type ${action.type}`);
  const next = reducer(state, action);
  const entered = stateKey(next) === stateKey(state) ? state.stateEnteredAt : action.occurredAt;
  return { ...next, version: action.seq, stateEnteredAt: entered };
}

function resolveComplaint(state: CaseState, action: Extract<CaseAction, { type: 'complaint_resolved' }>): CaseState {
  const payload = action.payload;
  switch (payload.result) {
    case 'upheld':
      return { ...state, status: resumeStatusOf(state), complaint: null, decision: state.decision && { ...state.decision, finalOnComplaint: true } };
    case 'sent_back':
      // The decision is quashed and decided anew: an end scheduled under it goes with it, as with a reversal (withNewOutcome).
      return { ...state, status: 'under_assessment', complaint: null, listReviewBy: null, scheduledEndOn: null };
    case 'reversed':
      if (!payload.outcome) throw new InvalidHistoryError('A reversed complaint must carry the new outcome');
      return withNewOutcome(state, action, payload.outcome, payload.newDecision, true);
  }
}

/**
 * The decision of a person who got the place they waited for: off the list (no second offer; the
 * place is ordered), in force for them (charged and reported) from the day they got it: the day the
 * offer was accepted, or the arranged place's first day when later. Other decisions are left as is.
 */
function placed(decision: CurrentDecision | null, on: string): CurrentDecision | null {
  return decision?.fromWaitingList ? { ...decision, onWaitingList: false, validFrom: on > decision.validFrom ? on : decision.validFrom } : decision;
}

/** The decision with the day its first letter was issued, when the letter is for it. */
function notified(decision: CurrentDecision | null, letterFor: number, occurredAt: string): CurrentDecision | null {
  if (!decision || decision.seq !== letterFor || decision.notifiedOn !== null) return decision;
  return { ...decision, notifiedOn: osloDate(occurredAt) };
}

/**
 * A complaint that changes the decision leaves a new decision: the one stated in full with the
 * reversal, or the previous one with the new outcome. It is notified anew (its own letter starts its
 * complaint deadline); one Statsforvalteren made (`final`) cannot be complained about again. A
 * reversal to a refusal ends the orders.
 */
function withNewOutcome(state: CaseState, action: CaseAction, outcome: DecisionOutcome, stated: ActionPayload<'decision_made'> | undefined, final: boolean): CaseState {
  const previous = state.decision;
  if (!previous) throw new InvalidHistoryError('A complaint can only change an existing decision');
  const orders = outcome === 'refused' ? ordersAfterEnding(state.orders, action.seq, action.occurredAt) : state.orders;
  const anew = { notifiedOn: null, finalOnComplaint: final };
  const decision = stated ? { ...decisionFrom(action.seq, action.occurredAt, stated, state), outcome, criteria: previous.criteria, ...anew } : { ...previous, seq: action.seq, outcome, ...anew };
  const plan = outcome === 'refused' ? { planHoursPerWeek: null } : stated ? { planHoursPerWeek: stated.hoursPerWeek ?? null } : {};
  const list = outcome === 'refused' ? { listReviewBy: null } : {};
  return { ...state, status: 'decided', complaint: null, decision, orders, scheduledEndOn: null, ...plan, ...list };
}

/**
 * Ending the service sends the end to every provider at once. An end dated today or earlier ends the
 * case now; an end dated later keeps the service running to that day (the job runner records the end
 * on the day, through the same pipeline).
 */
function endService(state: CaseState, action: Extract<CaseAction, { type: 'service_ended' }>): CaseState {
  const orders = ordersAfterEnding(state.orders, action.seq, action.occurredAt);
  if (action.payload.endedOn > osloDate(action.occurredAt)) return { ...state, scheduledEndOn: action.payload.endedOn, orders };
  return { ...closed(state), status: 'ended', serviceEndedOn: action.payload.endedOn, scheduledEndOn: null, orders };
}

function resumeStatusOf(state: CaseState): CaseStatus {
  return state.complaint?.resumeStatus ?? state.status;
}

function decisionFrom(seq: number, occurredAt: string, p: ActionPayload<'decision_made'>, before: CaseState): CurrentDecision {
  return {
    seq,
    decidedOn: osloDate(occurredAt),
    notifiedOn: null,
    finalOnComplaint: false,
    outcome: p.outcome,
    serviceCode: p.serviceCode,
    form: p.form ?? null,
    onWaitingList: p.waitingList !== undefined,
    fromWaitingList: p.waitingList !== undefined,
    approvedByStaffId: null,
    criteria: before.lastEvaluation ? { ...before.lastEvaluation, departureReason: p.departureReason ?? null } : null,
    hoursPerWeek: p.hoursPerWeek ?? null,
    frame: p.frame ?? null,
    validFrom: p.validFrom,
    validTo: p.validTo ?? null,
    untilFurtherNotice: p.untilFurtherNotice ?? false,
    reevaluateBy: p.reevaluateBy ?? null,
    requestOutcome: requestOutcomeOf(before.serviceCode, p),
  };
}
