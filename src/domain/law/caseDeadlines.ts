/**
 * Which deadlines an action sets or satisfies on its case: a request sets the provisional-reply
 * deadline (fvl § 11 a), which a provisional reply or a decision satisfies; a decision with a
 * re-evaluation date sets the re-evaluation deadline, which a re-evaluation, an end, or a new decision
 * satisfies.
 */
import type { CaseAction } from '../case/actions.ts';
import { deadline, osloDate } from './deadlines.ts';
import { DEADLINES } from './rules.ts';
import { DISCHARGE_RULES, dischargeDates } from './dischargeReady.ts';

export type DeadlineKind = 'provisional_reply' | 'reevaluation' | 'goal_follow_up' | 'order_response' | 'service_end' | 'discharge_answer';

export interface DeadlineChange {
  readonly set: readonly { kind: DeadlineKind; dueOn: string; ruleId: string; citation: string }[];
  readonly satisfy: readonly DeadlineKind[];
}

const SERVICE_END = { ruleId: 'service_end', citation: 'the end date recorded when the service was ended (the decision’s end, forvaltningsloven § 35)' };
const REEVALUATION = { ruleId: 'reevaluation_due', citation: 'the decision’s re-evaluation date (forvaltningsloven § 35; domain reference §3)' };

const NONE: DeadlineChange = { set: [], satisfy: [] };

/** A new decision (also one made on complaint): its re-evaluation, if it grants; it replaces any scheduled end. */
function decisionDeadlines(outcome: string, reevaluateBy: string | undefined): DeadlineChange {
  const reevaluate = outcome !== 'refused' ? reevaluateBy : undefined;
  return {
    set: reevaluate ? [{ kind: 'reevaluation', dueOn: reevaluate, ...REEVALUATION }] : [],
    satisfy: reevaluate ? ['provisional_reply', 'service_end'] : ['provisional_reply', 'reevaluation', 'service_end'],
  };
}

/** A reversal on complaint is a new decision when it refuses or states the new decision in full. */
function reversalDeadlines(outcome: string | undefined, newDecision: { readonly reevaluateBy?: string | undefined } | undefined): DeadlineChange {
  if (!outcome || (!newDecision && outcome !== 'refused')) return NONE;
  return decisionDeadlines(outcome, newDecision?.reevaluateBy);
}

/** An end dated later keeps the service to that day; the job runner records the end when it comes. */
function endDeadlines(endedOn: string, occurredAt: string): DeadlineChange {
  return endedOn > osloDate(occurredAt)
    ? { set: [{ kind: 'service_end', dueOn: endedOn, ...SERVICE_END }], satisfy: ['reevaluation'] }
    : { set: [], satisfy: ['reevaluation', 'service_end'] };
}

/** A patient ready for discharge: the office answers the hospital the same day (dischargeReady.ts). */
function dischargeDeadline(p: { notice: string; answerBy?: string | undefined }, occurredAt: string): DeadlineChange {
  if (p.notice !== 'discharge_ready') return NONE;
  const dates = dischargeDates(occurredAt);
  return { set: [{ kind: 'discharge_answer', dueOn: p.answerBy ?? dates.answerBy, ruleId: DISCHARGE_RULES.answerSameDay.id, citation: dates.answerCitation }], satisfy: [] };
}

/** What each action satisfies and nothing more (the actions that set deadlines are handled in deadlineChanges). */
const SATISFIES: Partial<Record<CaseAction['type'], readonly DeadlineKind[]>> = {
  provisional_reply_sent: ['provisional_reply'],
  request_withdrawn: ['provisional_reply', 'reevaluation', 'service_end'],
  reevaluation_started: ['reevaluation'],
  case_closed: ['reevaluation', 'service_end'],
};

export function deadlineChanges(action: CaseAction): DeadlineChange {
  switch (action.type) {
    case 'request_received': {
      const d = deadline(DEADLINES.provisionalReply, action.payload.receivedOn);
      return { set: [{ kind: 'provisional_reply', dueOn: d.due, ruleId: d.rule, citation: d.citation }], satisfy: [] };
    }
    case 'decision_made':
      return decisionDeadlines(action.payload.outcome, action.payload.reevaluateBy);
    case 'complaint_reversed_on_review':
      return reversalDeadlines(action.payload.outcome, action.payload.newDecision);
    case 'complaint_resolved':
      return action.payload.result === 'reversed' ? reversalDeadlines(action.payload.outcome, action.payload.newDecision) : NONE;
    case 'service_ended':
      return endDeadlines(action.payload.endedOn, action.occurredAt);
    case 'hospital_notice_received':
      return dischargeDeadline(action.payload, action.occurredAt);
    case 'follow_up_answered':
      return { set: [], satisfy: action.payload.itemKey === 'discharge_answer' ? ['discharge_answer'] : [] };
    default:
      return { set: [], satisfy: SATISFIES[action.type] ?? [] };
  }
}

/**
 * An assessment on a case sets the goal follow-up deadline at its earliest follow-up date (seed 004
 * G-05: goals are followed up); a later assessment of the case replaces it.
 */
export function goalFollowUp(goals: readonly { followUpOn: string }[]): DeadlineChange {
  const first = goals.map((g) => g.followUpOn).sort()[0];
  if (!first) return { set: [], satisfy: ['goal_follow_up'] };
  return { set: [{ kind: 'goal_follow_up', dueOn: first, ruleId: 'goal_follow_up', citation: 'the goals of the assessment (seed 004 G-05; domain reference §7)' }], satisfy: [] };
}
