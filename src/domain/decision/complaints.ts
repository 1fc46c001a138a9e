/**
 * Whether a complaint is in time: four weeks from the notice of the decision (pbrl § 7-5 first
 * paragraph: from when the complainant learnt, or should have learnt, of it), counted in calendar days,
 * a last day on a weekend or public holiday moved to the next working day (law/deadlines.ts). The
 * notice is the decision's letter: the deadline runs from the day its first letter was issued, and has
 * not begun while no letter is issued. A late complaint is considered only with a recorded reason
 * (fvl § 31).
 */
import { deadline } from '../law/deadlines.ts';
import { COMPLAINT_RULES, DEADLINES } from '../law/rules.ts';

export interface Timeliness {
  /** The last day to complain; null while the decision has not been notified (the deadline has not begun). */
  readonly due: string | null;
  readonly late: boolean;
  readonly citation: string;
  readonly lateRule: string;
}

/** The complaint deadline of a decision notified on `notifiedOn` (null: not yet), for a complaint received on `receivedOn`. */
export function complaintTimeliness(notifiedOn: string | null, receivedOn: string): Timeliness {
  const lateRule = COMPLAINT_RULES.lateComplaint.citation;
  if (notifiedOn === null) return { due: null, late: false, citation: DEADLINES.complaint.citation, lateRule };
  const d = deadline(DEADLINES.complaint, notifiedOn);
  return { due: d.due, late: receivedOn > d.due, citation: d.citation, lateRule };
}
