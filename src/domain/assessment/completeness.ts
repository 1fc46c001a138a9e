/**
 * A person's IPLOS completeness as caseworkers know it from today's record systems: complete, to be
 * validated, or missing. Complete: the latest completed assessment scores every variable and is
 * less than a year old, with no newer draft. To be validated: there is a completed assessment, but
 * it is older, lacks scores, or a newer draft waits. Missing: no completed assessment.
 *
 * "Latest" is by the day the person was assessed (`byRecency`), as every reader in SQL takes it
 * (`latestFirst` in store/assessments.ts): an assessment recorded late, for a day before the newest
 * one (from paper, or after a system change), does not replace the newer one.
 */
import { IPLOS_CODES } from './iplos.ts';

export type IplosStatus = 'complete' | 'to_be_validated' | 'missing';

export interface AssessmentSummary {
  readonly id: string;
  readonly status: 'draft' | 'completed';
  readonly assessedOn: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly createdAt: string;
}

export const VALID_FOR_MONTHS = 12;

type Dated = Pick<AssessmentSummary, 'id' | 'assessedOn' | 'createdAt'>;

/**
 * The order of a person's assessments, oldest first: by the day assessed, then by when recorded,
 * then by id (so two recorded at once, as an import does, still have one order). The same order as
 * `latestFirst` in SQL, reversed (ISO dates and times, and lower-case UUIDs, compare as text the
 * way PostgreSQL compares dates, times and UUIDs; the time is recorded to the millisecond, as
 * JavaScript keeps it, by migration 0047).
 */
export function byRecency(a: Dated, b: Dated): number {
  return compare(a.assessedOn, b.assessedOn) || compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether an assessment is dated after today: refused when recorded, since an assessment records a
 * visit that has taken place, and one dated ahead would be the latest (byRecency) for a year to come.
 */
export function assessedAfter(assessedOn: string, today: string): boolean {
  return assessedOn > today;
}

/** The latest of these assessments (byRecency), or undefined when there are none. */
export function latestOf<T extends Dated>(assessments: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const a of assessments) if (!latest || byRecency(a, latest) > 0) latest = a;
  return latest;
}

export function iplosStatus(assessments: readonly AssessmentSummary[], today: string): { status: IplosStatus; unscored: string[]; reason: string } {
  const latest = latestOf(assessments.filter((a) => a.status === 'completed'));
  if (!latest) return { status: 'missing', unscored: [...IPLOS_CODES], reason: 'No completed assessment.' };
  const unscored = IPLOS_CODES.filter((c) => latest.scores[c] === undefined);
  const expires = new Date(`${latest.assessedOn}T00:00:00Z`);
  expires.setUTCMonth(expires.getUTCMonth() + VALID_FOR_MONTHS);
  const newerDraft = assessments.some((a) => a.status === 'draft' && byRecency(a, latest) > 0);
  if (unscored.length) return { status: 'to_be_validated', unscored, reason: `${unscored.length} IPLOS variables are not scored.` };
  if (expires.toISOString().slice(0, 10) <= today) return { status: 'to_be_validated', unscored, reason: `The latest assessment (${latest.assessedOn}) is more than ${VALID_FOR_MONTHS} months old.` };
  if (newerDraft) return { status: 'to_be_validated', unscored, reason: 'A newer assessment draft waits to be completed.' };
  return { status: 'complete', unscored, reason: `Assessed ${latest.assessedOn}.` };
}
