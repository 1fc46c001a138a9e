/**
 * Content checks on actions, by the rules in law/rules.ts and the criteria: run wherever the history
 * grows (API and demo alike), so no writer can record a decision or complaint the law does not allow.
 */
import type { ActionPayload, CaseAction } from '../case/actions.ts';
import { COMPLAINT_RULES, DECISION_RULES } from '../law/rules.ts';
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
      return [...validateDecision(action.payload, { ...facts, requestedService: state.serviceCode }), ...departureProblems(state, action)];
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
      return [];
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
  return [...representativeProblems(action.payload), ...timelinessProblems(state, action), ...deliveryProblems(state, action.payload)];
}

/** A complaint about the delivery goes to the provider (seed 002), so there must be one delivering the service. */
function deliveryProblems(state: CaseState, p: ActionPayload<'complaint_received'>): DecisionProblem[] {
  if (p.concerns !== 'delivery' || state.providerUnitId !== null) return [];
  return [{ field: 'concerns', message: 'no provider delivers the service on this case; a complaint about the decision is registered with concerns "decision"', citation: 'seed 002 (complaints about the delivery go to the providing unit)' }];
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

function timelinessProblems(state: CaseState, action: CaseAction & { type: 'complaint_received' }): DecisionProblem[] {
  const decidedOn = state.decision?.decidedOn;
  // A complaint about the delivery is not a complaint against the decision, and has no deadline.
  if (!decidedOn || action.payload.lateAcceptedReason || action.payload.concerns === 'delivery') return [];
  const t = complaintTimeliness(decidedOn, action.payload.receivedOn);
  if (!t.late) return [];
  return [
    {
      field: 'lateAcceptedReason',
      message: `the complaint came on ${action.payload.receivedOn}, after the deadline ${t.due} (${t.citation}); record why it is considered anyway`,
      citation: t.lateRule,
    },
  ];
}
