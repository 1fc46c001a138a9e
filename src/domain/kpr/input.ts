/**
 * What the KPR/IPLOS extract and its validation report are computed from: the municipality's persons
 * with their IPLOS assessments and their cases (the case state projected in case_file), for a period.
 * The national register is KPR (kommunalt pasient- og brukerregister); IPLOS is the assessment
 * standard whose scores it holds (domain reference §4).
 */
import type { AssessmentSummary } from '../assessment/completeness.ts';
import type { CaseState } from '../case/state.ts';

/** A yearly statement (årsrapportering, the whole calendar year) or a continuous extract from a date. */
export interface KprPeriod {
  readonly kind: 'yearly' | 'continuous';
  readonly from: string;
  readonly to: string;
}

export type KprCaseState = Pick<CaseState, 'status' | 'serviceCode' | 'decision' | 'serviceEndedOn' | 'orders'>;

export interface KprCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly state: KprCaseState;
}

export interface KprPerson {
  readonly personId: string;
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly diedOn: string | null;
  readonly assessments: readonly AssessmentSummary[];
  readonly cases: readonly KprCase[];
}

/** The yearly period of a year, or the continuous period from a date to today. */
export function kprPeriod(q: { year?: number | undefined; from?: string | undefined }, today: string): KprPeriod {
  if (q.from) return { kind: 'continuous', from: q.from, to: today };
  const year = q.year ?? Number(today.slice(0, 4));
  return { kind: 'yearly', from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The day the status is taken on: the period's end, or today while the period runs. */
export function referenceDate(period: KprPeriod, today: string): string {
  return period.to < today ? period.to : today;
}

/** The days a granted decision's service runs: from its start to its end, the service's end, or open. */
function serviceSpan(s: KprCaseState): { from: string; to: string | null } | null {
  const d = s.decision;
  if (!d || d.outcome === 'refused' || d.onWaitingList) return null;
  const ends = [d.validTo, s.serviceEndedOn].filter((x): x is string => x !== null);
  return { from: d.validFrom, to: ends.length ? (ends.sort()[0] as string) : null };
}

/** The span of the case's service within the period, or null when it has no granted service in it. */
export function serviceInPeriod(c: KprCase, period: KprPeriod): { from: string; to: string | null } | null {
  const span = serviceSpan(c.state);
  if (!span || span.from > period.to || (span.to !== null && span.to < period.from)) return null;
  return span;
}

/** Whether the person has a service to report in the period. */
export function hasServiceIn(p: KprPerson, period: KprPeriod): boolean {
  return p.cases.some((c) => serviceInPeriod(c, period) !== null);
}
