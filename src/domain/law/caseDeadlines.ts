/**
 * Which deadlines an action sets or satisfies on its case: a request sets the provisional-reply
 * deadline (fvl § 11 a), which a provisional reply or a decision satisfies; a decision with a
 * re-evaluation date sets the re-evaluation deadline, which a re-evaluation, an end, or a new decision
 * satisfies.
 */
import type { CaseAction } from '../case/actions.ts';
import { deadline, osloDate } from './deadlines.ts';
import { DEADLINES } from './rules.ts';

export type DeadlineKind = 'provisional_reply' | 'reevaluation' | 'goal_follow_up' | 'order_response' | 'service_end';

export interface DeadlineChange {
  readonly set: readonly { kind: DeadlineKind; dueOn: string; ruleId: string; citation: string }[];
  readonly satisfy: readonly DeadlineKind[];
}

const SERVICE_END = { ruleId: 'service_end', citation: 'the end date recorded when the service was ended (the decision’s end, forvaltningsloven § 35)' };
const REEVALUATION = { ruleId: 'reevaluation_due', citation: 'the decision’s re-evaluation date (forvaltningsloven § 35; domain reference §3)' };

export function deadlineChanges(action: CaseAction): DeadlineChange {
  switch (action.type) {
    case 'request_received': {
      const d = deadline(DEADLINES.provisionalReply, action.payload.receivedOn);
      return { set: [{ kind: 'provisional_reply', dueOn: d.due, ruleId: d.rule, citation: d.citation }], satisfy: [] };
    }
    case 'provisional_reply_sent':
    case 'request_withdrawn':
      return { set: [], satisfy: ['provisional_reply'] };
    case 'decision_made': {
      const reevaluate = action.payload.outcome !== 'refused' ? action.payload.reevaluateBy : undefined;
      return { set: reevaluate ? [{ kind: 'reevaluation', dueOn: reevaluate, ...REEVALUATION }] : [], satisfy: reevaluate ? ['provisional_reply'] : ['provisional_reply', 'reevaluation'] };
    }
    case 'reevaluation_started':
    case 'case_closed':
      return { set: [], satisfy: ['reevaluation'] };
    case 'service_ended':
      // An end dated later keeps the service to that day; the job runner records the end when it comes.
      return action.payload.endedOn > osloDate(action.occurredAt)
        ? { set: [{ kind: 'service_end', dueOn: action.payload.endedOn, ...SERVICE_END }], satisfy: ['reevaluation'] }
        : { set: [], satisfy: ['reevaluation', 'service_end'] };
    default:
      return { set: [], satisfy: [] };
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
