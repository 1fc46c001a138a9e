/**
 * A person's IPLOS completeness as caseworkers know it from today's record systems: complete, to be
 * validated, or missing. Complete: the latest completed assessment scores every variable and is
 * less than a year old, with no newer draft. To be validated: there is a completed assessment, but
 * it is older, lacks scores, or a newer draft waits. Missing: no completed assessment.
 */
import { IPLOS_CODES } from './iplos.ts';

export type IplosStatus = 'complete' | 'to_be_validated' | 'missing';

export interface AssessmentSummary {
  readonly status: 'draft' | 'completed';
  readonly assessedOn: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly createdAt: string;
}

export const VALID_FOR_MONTHS = 12;

export function iplosStatus(assessments: readonly AssessmentSummary[], today: string): { status: IplosStatus; unscored: string[]; reason: string } {
  const sorted = [...assessments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const completed = sorted.filter((a) => a.status === 'completed');
  const latest = completed.at(-1);
  if (!latest) return { status: 'missing', unscored: [...IPLOS_CODES], reason: 'No completed assessment.' };
  const unscored = IPLOS_CODES.filter((c) => latest.scores[c] === undefined);
  const expires = new Date(`${latest.assessedOn}T00:00:00Z`);
  expires.setUTCMonth(expires.getUTCMonth() + VALID_FOR_MONTHS);
  const newerDraft = sorted.some((a) => a.status === 'draft' && a.createdAt > latest.createdAt);
  if (unscored.length) return { status: 'to_be_validated', unscored, reason: `${unscored.length} IPLOS variables are not scored.` };
  if (expires.toISOString().slice(0, 10) <= today) return { status: 'to_be_validated', unscored, reason: `The latest assessment (${latest.assessedOn}) is more than ${VALID_FOR_MONTHS} months old.` };
  if (newerDraft) return { status: 'to_be_validated', unscored, reason: 'A newer assessment draft waits to be completed.' };
  return { status: 'complete', unscored, reason: `Assessed ${latest.assessedOn}.` };
}
