/**
 * What the KPR/IPLOS extract and its validation report are computed from: the municipality's persons
 * with their IPLOS assessments and their cases (the case state projected in case_file), for a period.
 * The national register is KPR (kommunalt pasient- og brukerregister); IPLOS is the assessment
 * standard whose scores it holds (domain reference §4).
 */
import { byCodeUnits } from '../collections.ts';
import type { AssessmentSummary } from '../assessment/completeness.ts';
import type { CaseState, CurrentDecision } from '../case/state.ts';
import type { CaseStatus } from '../case/vocabulary.ts';

/** A yearly statement (årsrapportering, the whole calendar year) or a continuous extract from a date. */
export interface KprPeriod {
  readonly kind: 'yearly' | 'continuous';
  readonly from: string;
  readonly to: string;
}

/** The fields of a case's decision that KPR reads (its dates, outcome and hours). */
export type KprDecision = Pick<CurrentDecision, 'decidedOn' | 'outcome' | 'hoursPerWeek' | 'onWaitingList' | 'validFrom' | 'validTo'> & {
  readonly frame: { readonly maxHoursPerWeek: number } | null;
};

/**
 * The fields of a case's state that KPR reads. The store reads these fields out of the state in SQL
 * (store/kpr.ts) rather than moving and parsing every whole state (issue 18); `kprCaseState` says
 * what they are, and the store's test checks the SQL gives the same.
 */
export interface KprCaseState {
  readonly status: CaseStatus;
  readonly serviceCode: string;
  readonly serviceEndedOn: string | null;
  readonly decision: KprDecision | null;
}

/** The KPR fields of a case's state. */
export function kprCaseState(s: CaseState): KprCaseState {
  const d = s.decision;
  return {
    status: s.status,
    serviceCode: s.serviceCode,
    serviceEndedOn: s.serviceEndedOn,
    decision: d && {
      decidedOn: d.decidedOn,
      outcome: d.outcome,
      hoursPerWeek: d.hoursPerWeek,
      onWaitingList: d.onWaitingList,
      validFrom: d.validFrom,
      validTo: d.validTo,
      frame: d.frame && { maxHoursPerWeek: d.frame.maxHoursPerWeek },
    },
  };
}

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
  /** By case number (byCaseNumber). */
  readonly cases: readonly KprCase[];
}

/** A person's cases in the order KPR lists them: by case number (plain ASCII: byCodeUnits gives every collation's order). */
export function byCaseNumber(a: KprCase, b: KprCase): number {
  return byCodeUnits(a.caseNumber, b.caseNumber);
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
