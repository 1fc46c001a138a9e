/**
 * The one table of allowed transitions: which action may be taken in which state, by which roles.
 * The server checks every command against it, the web app reads it (GET /api/v1/transitions) to
 * offer only what is allowed, and the tests walk it.
 *
 * The roles here are the case engine's defaults. The organisational-models issue layers each
 * municipality's policy (who may assess, decide, approve under its model) on top of this table.
 */
import { DECISION_RULES, REQUEST_RULES } from '../law/rules.ts';
import type { StaffRole } from '../organisation/vocabulary.ts';
import type { ActionType } from './actions.ts';
import { stateKey, type CaseState } from './state.ts';
import { CASE_STATE_KEYS, type CaseStateKey } from './vocabulary.ts';
import { openWorkItems } from './workItems.ts';

export interface Guard {
  readonly holds: (state: CaseState) => boolean;
  /** Why the action is not allowed when the guard fails, in words a caseworker understands. */
  readonly explanation: string;
}

export interface Transition {
  /** States the action may be taken in; empty for the action that opens a case. */
  readonly from: readonly CaseStateKey[];
  readonly roles: readonly StaffRole[];
  readonly guard?: Guard;
  /** What the action means, for the transition document served to clients. */
  readonly description: string;
  /** The legal rule behind the states it may be taken in, said when it is refused for the state. */
  readonly rule?: { readonly citation: string; readonly text: string };
}

const OPEN_KEYS = CASE_STATE_KEYS.filter((k) => k !== 'ended' && k !== 'withdrawn' && k !== 'answered_low_threshold');
/** States with a decision in force or being reconsidered, where follow-ups and consultations happen. */
const FOLLOWING_KEYS: readonly CaseStateKey[] = ['decided', 'service_arranged', 'active', 'under_reevaluation', 'complaint_own_review', 'complaint_with_statsforvalteren'];
const CASE_HANDLERS: readonly StaffRole[] = ['caseworker', 'team_member', 'team_leader', 'board_member'];
const DECIDERS: readonly StaffRole[] = ['caseworker', 'team_leader', 'board_member'];
const ALLOCATORS: readonly StaffRole[] = ['caseworker', 'team_leader'];
const ANYONE_ON_THE_CASE: readonly StaffRole[] = [...CASE_HANDLERS, 'provider_staff', 'leader'];

const PROVIDERS: readonly StaffRole[] = ['provider_staff', 'team_member', 'team_leader'];
/** A grant is in force: decided fully or partly, not ended, withdrawn or refused. */
export function grantInForce(s: CaseState): boolean {
  return s.decision !== null && s.decision.outcome !== 'refused' && s.status !== 'ended' && s.status !== 'withdrawn' && s.status !== 'answered_low_threshold';
}

/**
 * An order waits for the provider's answer. A new order or an order change is accepted only while a
 * granted decision is in force (no accepted order without a grant, ever); the end of an order is
 * always acknowledged.
 */
const hasAwaitingOrder: Guard = {
  holds: (s) => s.orders.some((o) => o.status === 'awaiting' && (o.kind === 'end' || grantInForce(s))),
  explanation: 'There is no order waiting for an answer that can be accepted: without a granted decision in force only the end of an order is acknowledged.',
};

const hasGrant: Guard = {
  holds: (s) => s.decision !== null && s.decision.outcome !== 'refused',
  explanation: 'Only a decision that grants the service, fully or partly, can be arranged with a provider.',
};
const isRefused: Guard = {
  holds: (s) => s.decision?.outcome === 'refused',
  explanation: 'Only a refused case is closed this way; a granted service is ended with service_ended.',
};
const hasDecision: Guard = {
  holds: (s) => s.decision !== null,
  explanation: 'A complaint must be against a decision, and this case has none.',
};

const isUnapproved: Guard = {
  holds: (s) => s.decision !== null && !s.decision.approvedByStaffId,
  explanation: 'The decision is approved already.',
};

const hasFrame: Guard = {
  holds: (s) => s.decision?.form === 'frame' && s.decision.frame !== null,
  explanation: 'Only a decision given as a frame with goals can be adjusted without a new decision; propose a change instead.',
};

export const TRANSITIONS: { readonly [T in ActionType]: Transition } = {
  request_received: { from: [], roles: CASE_HANDLERS, description: 'Register a request; opens the case (the intake; a policy may give it to the delivering units).' },
  case_routed: {
    from: OPEN_KEYS,
    roles: [...CASE_HANDLERS, 'provider_staff', 'leader', 'system'],
    description: 'Route the case to a unit: on registration, when a leader re-routes it, or when the unit holding it is merged into another (recorded by the system).',
  },
  provisional_reply_sent: {
    from: ['received', 'under_assessment'],
    roles: [...CASE_HANDLERS, 'provider_staff'],
    description: 'Send a provisional reply: why the request cannot be answered within a month, and when it will be (fvl § 11 a).',
  },
  assessment_started: { from: ['received'], roles: [...CASE_HANDLERS, 'provider_staff'], description: 'Start the needs assessment.' },
  owner_assigned: { from: OPEN_KEYS, roles: [...ALLOCATORS, 'leader'], description: 'Give the case an owner, or release it.' },
  note_added: { from: CASE_STATE_KEYS, roles: ANYONE_ON_THE_CASE, description: 'Add a journal note.' },
  letter_issued: { from: CASE_STATE_KEYS, roles: CASE_HANDLERS, description: 'A letter was issued and stored with the case (POST /cases/{id}/letters); a decision letter by someone who may decide.' },
  message_receipt: { from: CASE_STATE_KEYS, roles: ['system'], description: 'What became of a message to a national service (digital post, archive, Norsk Helsenett), recorded by the outbox.' },
  register_event: {
    from: OPEN_KEYS,
    roles: ['system'],
    description: 'A death or a move the population register (Folkeregisteret) reported for the person, recorded by the job runner from the event feed; the office answers it.',
  },
  hospital_notice_received: {
    from: OPEN_KEYS,
    roles: ['system'],
    description: 'A PLO message from the hospital over Norsk Helsenett (a patient ready for discharge, or health information with a request), recorded by the system.',
  },
  entry_corrected: { from: CASE_STATE_KEYS, roles: ANYONE_ON_THE_CASE, description: 'Correct an earlier entry with a new one.' },
  criteria_evaluated: {
    from: ['under_assessment', 'under_reevaluation'],
    roles: CASE_HANDLERS,
    description: 'Evaluate the case against the criteria set in force (POST /cases/{id}/evaluation).',
  },
  decision_made: { from: ['under_assessment', 'under_reevaluation'], roles: DECIDERS, description: 'Make a decision: granted, partly granted or refused.' },
  decision_approved: {
    from: ['decided'],
    roles: ['team_leader', 'leader'],
    guard: isUnapproved,
    description: 'Approve the decision (a second, senior person), where the policy has approvers.',
  },
  service_arranged: {
    from: ['decided'],
    roles: ALLOCATORS,
    guard: hasGrant,
    description: 'Arrange the granted service with a provider unit.',
    rule: { citation: DECISION_RULES.individualDecision.citation, text: 'a service meant to last more than two weeks is arranged only on an individual decision' },
  },
  provider_chosen: {
    from: ['decided', 'service_arranged', 'active', 'under_reevaluation'],
    roles: ALLOCATORS,
    guard: hasGrant,
    description: "Record the person's informed choice of provider under user choice (brukervalg), before the first order.",
  },
  order_accepted: {
    from: ['service_arranged', 'active', 'under_reevaluation', 'decided', 'ended'],
    roles: PROVIDERS,
    guard: hasAwaitingOrder,
    description: 'The provider accepts an order, an order change or the end of an order.',
  },
  order_rejected: {
    from: ['service_arranged', 'active', 'under_reevaluation'],
    roles: PROVIDERS,
    guard: { holds: (s) => s.orders.some((o) => o.status === 'awaiting' && o.kind !== 'end'), explanation: 'There is no order to reject; the end of an order is only acknowledged.' },
    description: 'The provider rejects an order, with a reason; the allocation office orders again.',
  },
  responsibles_assigned: {
    from: ['service_arranged', 'active', 'under_reevaluation'],
    roles: [...ALLOCATORS, 'team_leader'],
    description: 'Name the service-responsible person (tjenesteansvarlig) and the primary contact.',
  },
  plan_adjusted: {
    from: ['service_arranged', 'active', 'under_reevaluation'],
    roles: ['caseworker', 'team_member', 'team_leader'],
    guard: hasFrame,
    description: 'Adjust the action plan within the frame of the decision, without a new decision.',
  },
  change_proposed: {
    from: ['service_arranged', 'active', 'under_reevaluation'],
    roles: ['caseworker', 'team_member', 'team_leader', 'provider_staff'],
    description: 'Propose a change of the decision (endringsmelding).',
  },
  service_started: { from: ['service_arranged'], roles: [...ALLOCATORS, 'team_member', 'provider_staff'], description: 'Record that delivery has started.' },
  reevaluation_started: { from: ['active'], roles: [...ALLOCATORS, 'team_member'], description: 'Start a re-evaluation of an active service.' },
  service_ended: { from: ['service_arranged', 'active', 'under_reevaluation'], roles: ALLOCATORS, description: 'End the service.' },
  case_closed: { from: ['decided'], roles: ALLOCATORS, guard: isRefused, description: 'Close a refused case.' },
  request_withdrawn: {
    from: ['received', 'under_assessment', 'decided'],
    roles: [...ALLOCATORS, 'team_member'],
    guard: { holds: (s) => s.status !== 'decided' || s.decision?.onWaitingList === true, explanation: 'A decided request is withdrawn only while the person waits on the list for a place.' },
    description: 'The applicant withdraws the request (also while waiting on the list for a place, or on their death).',
  },
  complaint_received: {
    from: ['decided', 'service_arranged', 'active', 'under_reevaluation', 'ended', 'complaint_own_review', 'complaint_with_statsforvalteren'],
    roles: ALLOCATORS,
    guard: hasDecision,
    description: 'Register a complaint against the decision (pbrl § 7-2), or about the delivery; both can be open at once.',
  },
  delivery_complaint_answered: {
    from: ['service_arranged', 'active', 'under_reevaluation', 'ended', 'decided', 'complaint_own_review', 'complaint_with_statsforvalteren'],
    roles: [...ALLOCATORS, 'provider_staff'],
    guard: { holds: (s) => s.openDeliveryComplaint !== null, explanation: 'There is no open complaint about the delivery.' },
    description: 'The provider answers a complaint about the delivery.',
  },
  complaint_reversed_on_review: { from: ['complaint_own_review'], roles: DECIDERS, description: 'Own review changes the decision (fvl § 33).' },
  complaint_forwarded: { from: ['complaint_own_review'], roles: ALLOCATORS, description: 'Own review upholds; forward to the complaint body: Statsforvalteren, or the municipal complaints board for a decision under forvaltningsloven alone (fvl § 33; pbrl § 7-2; fvl § 28 second paragraph).' },
  complaint_resolved: { from: ['complaint_with_statsforvalteren'], roles: ALLOCATORS, description: "Register the complaint body's outcome (Statsforvalteren or the municipal complaints board)." },
  follow_up_opened: {
    from: FOLLOWING_KEYS,
    roles: ['system', ...ALLOCATORS],
    description: 'A rule found something the allocation office must look at (a sustained change in delivery, hours raised without a change in scores); opened by the job runner.',
  },
  follow_up_answered: {
    from: OPEN_KEYS,
    roles: [...ALLOCATORS, 'board_member'],
    guard: {
      holds: (s) => openWorkItems(s).some((i) => i.answeredBy.includes('follow_up_answered')),
      explanation: 'There is no open item on the case that a reasoned answer closes (a change report, a follow-up, a frame review or a list review).',
    },
    description: 'Answer an open item without a new decision: a reasoned "no change", or a list review with its next date.',
  },
  consultation_requested: {
    from: FOLLOWING_KEYS,
    roles: [...ALLOCATORS, 'team_member', 'provider_staff'],
    description: 'Ask for a consultation between the allocation office and a provider (drøfting), with a date for the answer.',
  },
  consultation_answered: {
    from: FOLLOWING_KEYS,
    roles: [...ALLOCATORS, 'team_member', 'provider_staff'],
    guard: { holds: (s) => s.consultations.some((c) => c.stage === 'requested'), explanation: 'There is no consultation waiting for an answer.' },
    description: 'Answer a consultation.',
  },
  consultation_concluded: {
    from: OPEN_KEYS,
    roles: [...ALLOCATORS, 'team_member', 'provider_staff'],
    guard: { holds: (s) => s.consultations.length > 0, explanation: 'There is no open consultation.' },
    description: 'Record the agreed outcome of a consultation.',
  },
  place_offered: {
    from: ['decided'],
    roles: ALLOCATORS,
    guard: {
      holds: (s) => s.decision?.onWaitingList === true && s.placeOffer === null && grantInForce(s),
      explanation: 'Only a person waiting for a place on the list, with no offer open, can be offered a vacated place.',
    },
    description: 'Offer a vacated place to the person on the waiting list, saying why them and why not those ahead (POST /waiting-lists/offers).',
  },
  place_offer_answered: {
    from: ['decided'],
    roles: ALLOCATORS,
    guard: { holds: (s) => s.placeOffer !== null, explanation: 'No place has been offered that waits for an answer.' },
    description: "Record the person's answer to the offered place; an acceptance is followed by the order.",
  },
  request_answered_low_threshold: {
    from: ['received', 'under_assessment'],
    roles: [...ALLOCATORS, 'team_member'],
    guard: {
      holds: (s) => s.lastEvaluation?.lowThreshold === true,
      explanation: 'Only a request the criteria evaluation points to a lower level or a low-threshold offer for can be answered without a decision; evaluate it first, or decide.',
    },
    description: 'Close the request as answered by a low-threshold offer the person accepted, without a decision (seed 004, Sammen om mestring pathway 1).',
  },
  representative_checked: {
    from: OPEN_KEYS,
    roles: CASE_HANDLERS,
    guard: { holds: (s) => s.representativeCheck?.outcome === 'pending', explanation: 'No representative’s authority waits to be checked on this case.' },
    rule: { citation: REQUEST_RULES.representativeAuthority.citation, text: REQUEST_RULES.representativeAuthority.requirement.en },
    description: 'Record the check of the authority of someone who applied for the person through the digital channel: verified, or not (then contact the person).',
  },
};

export type TransitionCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'state' | 'role' | 'guard'; readonly message: string };

/**
 * Whether `roles` may take action `type` on a case in `state`, and why not if they may not. With
 * `roles` null only the state and the guard are checked: a policy decides who (see
 * organisation/authority.ts).
 */
export function checkTransition(state: CaseState, type: ActionType, roles: readonly string[] | null): TransitionCheck {
  const t = TRANSITIONS[type];
  const key = stateKey(state);
  if (!t.from.includes(key)) {
    const because = t.rule ? ` By ${t.rule.citation}, ${t.rule.text}.` : '';
    return { ok: false, reason: 'state', message: `The action ${type} is not allowed while the case is ${key}.${because}` };
  }
  if (roles !== null && !t.roles.some((r) => roles.includes(r))) {
    return {
      ok: false,
      reason: 'role',
      message: `The action ${type} needs one of the roles ${t.roles.join(', ')}; you have ${roles.join(', ') || 'none'}.`,
    };
  }
  if (t.guard && !t.guard.holds(state)) {
    return { ok: false, reason: 'guard', message: t.guard.explanation };
  }
  return { ok: true };
}

/** The actions `roles` may take on a case in `state`, in table order. */
export function allowedActions(state: CaseState, roles: readonly string[]): ActionType[] {
  return (Object.keys(TRANSITIONS) as ActionType[]).filter((type) => checkTransition(state, type, roles).ok);
}
