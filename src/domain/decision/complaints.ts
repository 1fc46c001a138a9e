/**
 * Whether a complaint is in time: four weeks from the notification of the decision (pbrl § 7-5),
 * counted in Norwegian working days. We take the decision date as the notification date (letters
 * go out the day the decision is made); a late complaint is considered only with a recorded reason
 * (fvl § 31).
 */
import { deadline } from '../law/deadlines.ts';
import { COMPLAINT_RULES, DEADLINES } from '../law/rules.ts';

export interface Timeliness {
  readonly due: string;
  readonly late: boolean;
  readonly citation: string;
  readonly lateRule: string;
}

export function complaintTimeliness(decidedOn: string, receivedOn: string): Timeliness {
  const d = deadline(DEADLINES.complaint, decidedOn);
  return { due: d.due, late: receivedOn > d.due, citation: d.citation, lateRule: COMPLAINT_RULES.lateComplaint.citation };
}
