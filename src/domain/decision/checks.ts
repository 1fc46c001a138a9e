/**
 * Content checks on actions, by the rules in law/rules.ts and the criteria: run wherever the history
 * grows (API and demo alike), so no writer can record a decision or complaint the law does not allow.
 */
import type { ActionPayload, CaseAction } from '../case/actions.ts';
import { COMPLAINT_RULES, DECISION_RULES, FOLLOW_UP_RULES, REQUEST_RULES } from '../law/rules.ts';
import { osloDate } from '../law/deadlines.ts';
import { openWorkItems } from '../case/workItems.ts';
import { grantInForce } from '../case/transitions.ts';
import type { CaseState } from '../case/state.ts';
import type { DecisionOutcome } from '../case/vocabulary.ts';
import { departsFrom } from '../criteria/lifecycle.ts';
import { complaintTimeliness } from './complaints.ts';
import { validateDecision, type DecisionFacts, type DecisionProblem } from './validate.ts';

/** The facts the content rules need beyond the state and the action (gathered once by the pipeline). */
export type RuleFacts = Omit<DecisionFacts, 'requestedService'>;

/**
 * Every content rule on an action, as a pure function of the state before it, the action and the
 * facts: the one place a writer's action is judged, whoever the writer is.
 */
export function actionProblems(state: CaseState, action: CaseAction, facts: RuleFacts): DecisionProblem[] {
  switch (action.type) {
    case 'decision_made':
      return [
        ...representativeCheckProblems(state),
        ...validateDecision(action.payload, { ...facts, requestedService: state.serviceCode }),
        ...departureProblems(state, action),
        ...referralProblems(action.payload),
        ...advanceNoticeProblems(state, action.payload),
        ...reductionReasonProblems(state, action.payload),
      ];
    case 'complaint_received':
      return complaintProblems(state, action);
    case 'plan_adjusted':
      return frameProblems(state, action.payload.hoursPerWeek);
    case 'letter_issued':
      return letterProblems(state, action.payload);
    case 'service_ended':
      return endProblems(state, action.payload.endedOn);
    case 'complaint_reversed_on_review':
      return reversalProblems(state, action.payload.outcome, action.payload.newDecision, facts);
    case 'complaint_resolved':
      return action.payload.result === 'reversed' && action.payload.outcome ? reversalProblems(state, action.payload.outcome, action.payload.newDecision, facts) : [];
    default:
      return workProblems(state, action);
  }
}

/** The content rules of the actions that answer or open work items (issue 14). */
function workProblems(state: CaseState, action: CaseAction): DecisionProblem[] {
  switch (action.type) {
    case 'follow_up_opened':
      return followUpProblems(state, action);
    case 'follow_up_answered':
      return answerProblems(state, action);
    case 'consultation_requested':
      // A consultation is between the allocation office and a provider: the one delivering, or one named.
      return !action.payload.providerUnitId && !state.providerUnitId
        ? [{ field: 'providerUnitId', message: 'no provider delivers the service on this case; name the provider the consultation is with', citation: 'seed 002 (consultation between purchaser and provider)' }]
        : [];
    case 'consultation_answered':
    case 'consultation_concluded':
      return consultationProblems(state, action.type, action.payload.consultationSeq);
    case 'place_offered':
      return offerProblems(state, action);
    default:
      return answerToOfferOrRequestProblems(state, action);
  }
}

/**
 * A reversal that grants what was refused is a new decision (fvl § 33 second paragraph): it states
 * the decision in full, held to every content rule; a reversal within a grant keeps the decision's
 * content with the new outcome.
 */
function reversalProblems(state: CaseState, outcome: DecisionOutcome, stated: ActionPayload<'decision_made'> | undefined, facts: RuleFacts): DecisionProblem[] {
  if (stated) {
    const mismatch = stated.outcome !== outcome ? [{ field: 'newDecision.outcome', message: `the new decision's outcome must be the reversal's (${outcome})`, citation: COMPLAINT_RULES.ownReview.citation }] : [];
    const content = validateDecision(stated, { ...facts, requestedService: state.serviceCode }).map((p) => ({ ...p, field: `newDecision.${p.field}` }));
    return [...mismatch, ...content];
  }
  if (outcome === 'refused' || state.decision?.outcome !== 'refused') return [];
  return [{ field: 'newDecision', message: 'a reversal that grants what was refused states the new decision in full (form, extent, period)', citation: COMPLAINT_RULES.ownReview.citation }];
}

/** A service ends on or after the day it was decided from (and after the request came). */
function endProblems(state: CaseState, endedOn: string): DecisionProblem[] {
  const from = state.decision?.validFrom ?? state.receivedOn;
  if (endedOn >= from && endedOn >= state.receivedOn) return [];
  return [{ field: 'endedOn', message: `the service cannot end before it began (${from})`, citation: DECISION_RULES.duration.citation }];
}

/**
 * The team adjusts the action plan within the frame only (tillitsmodell; seed 003, domain reference
 * §7); a change outside it needs a new decision. This holds with or without a policy in force.
 */
function frameProblems(state: CaseState, hours: number): DecisionProblem[] {
  const max = state.decision?.frame?.maxHoursPerWeek;
  if (max === undefined) return [{ field: 'hoursPerWeek', message: 'the decision has no frame to adjust within', citation: 'domain reference §7 (seed 003)' }];
  if (hours <= max) return [];
  return [{ field: 'hoursPerWeek', message: `${hours} hours a week is outside the frame of the decision (at most ${max}); a change outside the frame needs a new decision`, citation: 'domain reference §7 (seed 003)' }];
}

/** A decision letter notifies the decision in force, once; a second letter for it is an explicit reissue with a reason. */
function letterProblems(state: CaseState, p: ActionPayload<'letter_issued'>): DecisionProblem[] {
  if (p.kind !== 'decision') return [];
  const citation = DECISION_RULES.notification.citation;
  if (!state.decision) return [{ field: 'kind', message: 'the case has no decision to notify', citation }];
  if (p.decisionSeq !== state.decision.seq) return [{ field: 'decisionSeq', message: `the decision in force is entry ${state.decision.seq}`, citation }];
  if (state.decisionLettersIssued.includes(p.decisionSeq) && !p.reissueReason) {
    return [{ field: 'reissueReason', message: 'the letter for this decision has been issued already; a new one is a reissue with a reason', citation }];
  }
  return [];
}

/** A decision that departs from the latest criteria evaluation must say why (seed 004 G-09). */
function departureProblems(state: CaseState, action: CaseAction & { type: 'decision_made' }): DecisionProblem[] {
  const evaluation = state.lastEvaluation;
  if (!evaluation || action.payload.departureReason || !departsFrom(evaluation.verdict, action.payload.outcome)) return [];
  return [
    {
      field: 'departureReason',
      message: `the outcome ${action.payload.outcome} departs from the criteria evaluation (verdict ${evaluation.verdict}, criteria version ${evaluation.version}); write the reason`,
      citation: 'the municipality’s allocation criteria',
    },
  ];
}

function complaintProblems(state: CaseState, action: CaseAction & { type: 'complaint_received' }): DecisionProblem[] {
  return [...representativeProblems(action.payload), ...finalityProblems(state, action.payload), ...timelinessProblems(state, action), ...deliveryProblems(state, action.payload), ...concurrencyProblems(state, action.payload)];
}

/** A complaint about the decision and one about the delivery may run at once, but not two of the same track. */
function concurrencyProblems(state: CaseState, p: ActionPayload<'complaint_received'>): DecisionProblem[] {
  if (p.concerns === 'delivery' && state.openDeliveryComplaint) {
    return [{ field: 'concerns', message: `a complaint about the delivery (entry ${state.openDeliveryComplaint.seq}) is open already; add to it with a note`, citation: 'seed 002 (complaints about the delivery go to the providing unit)' }];
  }
  if (p.concerns === 'decision' && state.complaint) {
    return [{ field: 'concerns', message: `a complaint about the decision is being handled already (${state.complaint.stage}); add to it with a note`, citation: COMPLAINT_RULES.ownReview.citation }];
  }
  return [];
}

/** A complaint about the delivery goes to the provider (seed 002), so there must be one delivering the service. */
function deliveryProblems(state: CaseState, p: ActionPayload<'complaint_received'>): DecisionProblem[] {
  if (p.concerns !== 'delivery' || state.providerUnitId !== null) return [];
  return [{ field: 'concerns', message: 'no provider delivers the service on this case; a complaint about the decision is registered with concerns "decision"', citation: 'seed 002 (complaints about the delivery go to the providing unit)' }];
}

/** An answer to a place offer names the open offer; a request is answered without a decision only once a representative's authority is checked. */
function answerToOfferOrRequestProblems(state: CaseState, action: CaseAction): DecisionProblem[] {
  if (action.type === 'request_answered_low_threshold') return [...representativeCheckProblems(state), ...quashedProblems(state)];
  if (action.type !== 'place_offer_answered') return [];
  return state.placeOffer?.seq === action.payload.offerSeq ? [] : [{ field: 'offerSeq', message: `entry ${action.payload.offerSeq} is not the open offer`, citation: OFFER_CITATION }];
}

/**
 * A case Statsforvalteren sent back (the decision quashed, to be decided anew) is answered with a new
 * decision, not with a low-threshold offer: the person has had a decision, and keeps the right to one.
 */
function quashedProblems(state: CaseState): DecisionProblem[] {
  if (state.decision === null) return [];
  return [{ field: 'type', message: 'the case has had a decision, sent back to be decided anew: answer it with a new decision', citation: COMPLAINT_RULES.sentBack.citation }];
}

/** A request made by someone else through the digital channel is answered only after the office has checked their authority (fvl § 12). */
function representativeCheckProblems(state: CaseState): DecisionProblem[] {
  if (state.representativeCheck?.outcome !== 'pending') return [];
  return [
    {
      field: 'representativeCheck',
      message: 'the request was made for the person by someone else through the digital channel: check their authority first (representative_checked)',
      citation: REQUEST_RULES.representativeAuthority.citation,
    },
  ];
}

/** A representative's authority is on record: who they are, and a written authority unless they are a lawyer (fvl § 12). */
function representativeProblems(p: ActionPayload<'complaint_received'>): DecisionProblem[] {
  const citation = COMPLAINT_RULES.representative.citation;
  if (p.complainant !== 'representative') return [];
  if (!p.representative) return [{ field: 'representative', message: 'a complaint by a representative records who they are and their authority', citation }];
  if (p.representative.authority !== 'lawyer' && !p.representative.documentedOn) {
    return [{ field: 'representative.documentedOn', message: 'record the date of the written power of attorney or appointment', citation }];
  }
  return [];
}

/** A decision the complaint body (Statsforvalteren, or the municipal complaints board) has decided on a complaint cannot be complained about again (fvl § 28 third paragraph). */
function finalityProblems(state: CaseState, p: ActionPayload<'complaint_received'>): DecisionProblem[] {
  if (p.concerns === 'delivery' || !state.decision?.finalOnComplaint) return [];
  return [{ field: 'concerns', message: 'the complaint body has decided a complaint against this decision, and that decision cannot be complained about again; a new request gets a new decision', citation: COMPLAINT_RULES.finalOnComplaint.citation }];
}

function timelinessProblems(state: CaseState, action: CaseAction & { type: 'complaint_received' }): DecisionProblem[] {
  const { postedOn, receivedOn } = action.payload;
  if (postedOn !== undefined && postedOn > receivedOn) {
    return [{ field: 'postedOn', message: 'a complaint is posted on or before the day it is received', citation: COMPLAINT_RULES.postedInTime.citation }];
  }
  const decision = state.decision;
  // A complaint about the delivery is not a complaint against the decision, and has no deadline.
  if (!decision || action.payload.lateAcceptedReason || action.payload.concerns === 'delivery') return [];
  const t = complaintTimeliness(decision, receivedOn, postedOn);
  if (!t.late) return [];
  return [
    {
      field: 'lateAcceptedReason',
      message: `the complaint came on ${action.payload.receivedOn}, after the deadline ${t.due} (${t.citation}); record why it is considered anyway`,
      citation: t.lateRule,
    },
  ];
}

/** An onward referral goes with a refusal or a partial answer (a full grant meets the need). */
function referralProblems(p: ActionPayload<'decision_made'>): DecisionProblem[] {
  if (!p.onwardReferral || p.outcome !== 'granted' || p.requestAnswer) return [];
  return [{ field: 'onwardReferral', message: 'an onward referral goes with a refusal or a partial grant; this decision grants the request in full', citation: FOLLOW_UP_RULES.onwardReferral.citation }];
}

/** A refusal, or fewer hours of the same service than the decision in force. */
function reduces(p: ActionPayload<'decision_made'>, serviceInForce: string, before: number | null, after: number | null): boolean {
  if (p.outcome === 'refused') return true;
  return p.serviceCode === serviceInForce && before !== null && after !== null && after < before;
}

/** Hours a week a decision gives (a frame's ceiling for a frame), for comparing a revision with what is in force. */
function hoursOf(p: Pick<ActionPayload<'decision_made'>, 'hoursPerWeek' | 'frame'>): number | null {
  return p.frame?.maxHoursPerWeek ?? p.hoursPerWeek ?? null;
}

/**
 * A new decision that reduces or refuses a running grant is a change to the person's detriment: it
 * comes after an advance notice under the decision in force, or says why notice was not needed.
 */
function advanceNoticeProblems(state: CaseState, p: ActionPayload<'decision_made'>): DecisionProblem[] {
  const d = state.decision;
  if (!d || !grantInForce(state) || state.advanceNoticeAt !== null || p.advanceNoticeWaivedReason) return [];
  const before = d.frame?.maxHoursPerWeek ?? d.hoursPerWeek;
  const after = hoursOf(p);
  if (!reduces(p, d.serviceCode, before, after)) return [];
  return [
    {
      field: 'advanceNoticeWaivedReason',
      message: `the decision ${p.outcome === 'refused' ? 'ends' : `reduces (from ${before} to ${after} hours a week)`} a running grant: issue an advance notice first, or record why notice is clearly unnecessary`,
      citation: FOLLOW_UP_RULES.advanceNotice.citation,
    },
  ];
}

/**
 * A decision "granted" that gives fewer hours than the running grant is a change to the person's
 * detriment, not an application granted in full: it gives the main considerations (fvl §§ 24–25), as
 * a refusal or a partial grant does (validateDecision).
 */
function reductionReasonProblems(state: CaseState, p: ActionPayload<'decision_made'>): DecisionProblem[] {
  const d = state.decision;
  if (p.outcome !== 'granted' || p.considerations || !d || !grantInForce(state)) return [];
  const before = d.frame?.maxHoursPerWeek ?? d.hoursPerWeek;
  const after = hoursOf(p);
  if (!reduces(p, d.serviceCode, before, after)) return [];
  return [{ field: 'considerations', message: `the decision reduces a running grant (from ${before} to ${after} hours a week): give the main considerations of the discretion`, citation: DECISION_RULES.reasons.citation }];
}

function followUpProblems(state: CaseState, action: CaseAction & { type: 'follow_up_opened' }): DecisionProblem[] {
  const citation = FOLLOW_UP_RULES.revisionRule.citation;
  const p = action.payload;
  const problems: DecisionProblem[] = [];
  if (state.followUpKeys.includes(p.key)) problems.push({ field: 'key', message: `a follow-up on ${p.key} has been opened on this case already`, citation });
  if (p.dueOn < osloDate(action.occurredAt)) problems.push({ field: 'dueOn', message: 'a follow-up is due on or after the day it is opened', citation });
  if (p.kind === 'sustained_change' && !p.sustainedChange) problems.push({ field: 'sustainedChange', message: 'a sustained change names its weeks and figures', citation });
  if (p.kind === 'hours_without_score_change' && !p.scores) problems.push({ field: 'scores', message: 'a review of hours names the hours and the ADL sums', citation });
  return problems;
}

/** A reasoned answer names an open item that such an answer closes; a list review sets its next date after today. */
function answerProblems(state: CaseState, action: CaseAction & { type: 'follow_up_answered' }): DecisionProblem[] {
  const p = action.payload;
  const citation = FOLLOW_UP_RULES.revisionRule.citation;
  const answerable = openWorkItems(state).filter((i) => i.answeredBy.includes('follow_up_answered'));
  const item = answerable.find((i) => i.key === p.itemKey);
  if (!item) {
    const open = answerable.map((i) => i.key);
    return [{ field: 'itemKey', message: `no open item ${p.itemKey} can be answered this way${open.length ? `; open: ${open.join(', ')}` : ''}`, citation }];
  }
  if (item.kind === 'list_review' && (!p.nextReviewBy || p.nextReviewBy <= osloDate(action.occurredAt))) {
    return [{ field: 'nextReviewBy', message: 'a list review sets the next review date, after today', citation: 'hol § 3-2 a; seed 002 L781–782' }];
  }
  return [];
}

function consultationProblems(state: CaseState, type: 'consultation_answered' | 'consultation_concluded', seq: number): DecisionProblem[] {
  const c = state.consultations.find((x) => x.seq === seq);
  const citation = 'seed 002 (consultation between purchaser and provider)';
  if (!c) return [{ field: 'consultationSeq', message: `entry ${seq} is not an open consultation`, citation }];
  if (type === 'consultation_answered' && c.stage !== 'requested') return [{ field: 'consultationSeq', message: 'the consultation has been answered already', citation }];
  return [];
}

const OFFER_CITATION = 'helse- og omsorgstjenesteloven § 3-2 a; seed 002 L781 (priority list)';

/** An offer goes to a place of the kind the person waits for, names why, and says why each one ahead was passed over. */
function offerProblems(state: CaseState, action: CaseAction & { type: 'place_offered' }): DecisionProblem[] {
  const p = action.payload;
  const problems: DecisionProblem[] = [];
  if (p.answerBy < p.offeredOn) problems.push({ field: 'answerBy', message: 'the answer is due on or after the day of the offer', citation: OFFER_CITATION });
  if (p.passedOver.length !== p.rank - 1) {
    problems.push({ field: 'passedOver', message: `the person stood as number ${p.rank}: say why each of the ${p.rank - 1} ahead was passed over`, citation: OFFER_CITATION });
  }
  if (!state.decision?.onWaitingList) problems.push({ field: 'placeType', message: 'the person is not on the waiting list', citation: OFFER_CITATION });
  return problems;
}
