/**
 * Whether a complaint is in time: four weeks from the notice of the decision (pbrl § 7-5 first
 * paragraph: from when the complainant learnt, or should have learnt, of it; three weeks for a decision
 * under forvaltningsloven alone, fvl § 29), counted in calendar days,
 * a last day on a weekend or public holiday moved to the next working day (law/deadlines.ts). The
 * notice is the decision's letter: the deadline runs from the day its first letter was issued, and has
 * not begun while no letter is issued. A late complaint is considered only with a recorded reason
 * (fvl § 31).
 */
import { deadline } from '../law/deadlines.ts';
import { COMPLAINT_RULES, DEADLINES } from '../law/rules.ts';
import { decidedUnderForvaltningsloven } from '../services/catalogue.ts';

/**
 * The complaint deadline a decision on the service has: four weeks for a health and care service
 * (pbrl § 7-5), three weeks for a decision under forvaltningsloven alone, such as a care flat (fvl § 29).
 */
export function complaintDeadlineRule(serviceCode: string): typeof DEADLINES.complaint | typeof DEADLINES.complaintOther {
  return decidedUnderForvaltningsloven(serviceCode) ? DEADLINES.complaintOther : DEADLINES.complaint;
}

export interface Timeliness {
  /** The last day to complain; null while the decision has not been notified (the deadline has not begun). */
  readonly due: string | null;
  readonly late: boolean;
  readonly citation: string;
  readonly lateRule: string;
}

/**
 * The complaint deadline of a decision on the service notified on `notifiedOn` (null: not yet), for
 * a complaint received on `receivedOn`, or posted on `postedOn` when it came by post: a complaint
 * handed to the postal service by the deadline is in time (fvl § 30 first paragraph (a)).
 */
export function complaintTimeliness(decision: { readonly serviceCode: string; readonly notifiedOn: string | null }, receivedOn: string, postedOn?: string): Timeliness {
  const lateRule = COMPLAINT_RULES.lateComplaint.citation;
  const rule = complaintDeadlineRule(decision.serviceCode);
  if (decision.notifiedOn === null) return { due: null, late: false, citation: rule.citation, lateRule };
  const d = deadline(rule, decision.notifiedOn);
  const lodged = postedOn !== undefined && postedOn < receivedOn ? postedOn : receivedOn;
  return { due: d.due, late: lodged > d.due, citation: d.citation, lateRule };
}
