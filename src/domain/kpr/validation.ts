/**
 * The validation report before a KPR/IPLOS extract: what a caseworker must put right so that every
 * person with a service is reported, and reported correctly. Each finding names the person (and the
 * case where it is about one) and says what to do. The IPLOS status is the one the person view shows
 * (assessment/completeness.ts), taken on the period's reference date.
 */
import { iplosStatus } from '../assessment/completeness.ts';
import { UNDER_SERVICE_STATUSES } from '../case/vocabulary.ts';
import { checkNationalId, type NationalIdPolicy } from '../person/nationalId.ts';
import { hasServiceIn, referenceDate, type KprCase, type KprPerson, type KprPeriod } from './input.ts';

export const FINDING_KINDS = ['invalid_national_id', 'iplos_missing', 'iplos_to_be_validated', 'service_without_decision', 'decision_expired'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface KprFinding {
  readonly kind: FindingKind;
  readonly personId: string;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  /** What is wrong and what to do, in English (the web app words the kind in the reader's language). */
  readonly detail: string;
}

/** Statuses in which a provider delivers the service (or has been ordered to). */
const DELIVERING = new Set(UNDER_SERVICE_STATUSES);

/** A delivering case whose decision does not grant the service, or whose decision has run out. */
function caseFinding(p: KprPerson, c: KprCase, onDate: string): KprFinding | null {
  const s = c.state;
  if (!DELIVERING.has(s.status)) return null;
  const base = { personId: p.personId, caseId: c.caseId, caseNumber: c.caseNumber };
  const d = s.decision;
  if (!d || d.outcome === 'refused') {
    return { ...base, kind: 'service_without_decision', detail: 'The service is ordered or delivered, but the case has no decision granting it: make the decision, or end the service.' };
  }
  if (d.validTo !== null && d.validTo < onDate && s.serviceEndedOn === null) {
    return { ...base, kind: 'decision_expired', detail: `The decision ran to ${d.validTo}, but the service has not ended: re-evaluate and decide, or end the service.` };
  }
  return null;
}

function personFindings(p: KprPerson, period: KprPeriod, onDate: string, policy: NationalIdPolicy): KprFinding[] {
  const out: KprFinding[] = [];
  const base = { personId: p.personId, caseId: null, caseNumber: null };
  const withService = hasServiceIn(p, period);
  if (withService) {
    const id = checkNationalId(p.nationalId, policy);
    if (!id.valid) out.push({ ...base, kind: 'invalid_national_id', detail: `The identity number ${id.reason}: correct it from the population register; until then the person is left out of the extract.` });
    const assessments = p.assessments.filter((a) => a.assessedOn <= onDate);
    const iplos = iplosStatus(assessments, onDate);
    if (iplos.status === 'missing') out.push({ ...base, kind: 'iplos_missing', detail: 'No completed IPLOS assessment: assess and score the person.' });
    if (iplos.status === 'to_be_validated') out.push({ ...base, kind: 'iplos_to_be_validated', detail: `${iplos.reason} Assess again or complete the scores.` });
  }
  for (const c of p.cases) {
    const f = caseFinding(p, c, onDate);
    if (f) out.push(f);
  }
  return out;
}

/** The findings about these persons in the period (each person's findings depend on that person alone). */
export function findingsOf(persons: readonly KprPerson[], period: KprPeriod, today: string, policy: NationalIdPolicy): KprFinding[] {
  const onDate = referenceDate(period, today);
  return persons.flatMap((p) => personFindings(p, period, onDate, policy));
}

/** The count of each kind of finding. */
export function countFindings(findings: readonly KprFinding[]): Record<FindingKind, number> {
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind] += 1;
  return counts;
}

/** Every finding for the municipality's persons in the period, with the count of each kind. */
export function kprFindings(persons: readonly KprPerson[], period: KprPeriod, today: string, policy: NationalIdPolicy): { findings: KprFinding[]; counts: Record<FindingKind, number> } {
  const findings = findingsOf(persons, period, today, policy);
  return { findings, counts: countFindings(findings) };
}
