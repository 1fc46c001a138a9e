/**
 * Content checks on actions, by the rules in law/rules.ts and the criteria: run wherever the history
 * grows (API and demo alike), so no writer can record a decision or complaint the law does not allow.
 */
import type { ActionPayload, CaseAction } from '../case/actions.ts';
import { COMPLAINT_RULES } from '../law/rules.ts';
import type { CaseState } from '../case/state.ts';
import { departsFrom } from '../criteria/lifecycle.ts';
import { complaintTimeliness } from './complaints.ts';
import { validateDecision, type DecisionProblem } from './validate.ts';

export function actionProblems(state: CaseState, action: CaseAction): DecisionProblem[] {
  if (action.type === 'decision_made') return [...validateDecision(action.payload), ...departureProblems(state, action)];
  if (action.type === 'complaint_received') return complaintProblems(state, action);
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
  return [...representativeProblems(action.payload), ...timelinessProblems(state, action)];
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
