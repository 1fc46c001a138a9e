/**
 * The lifecycle of a criteria set version (seed 004 G-02): draft → approved by a named leader, with a
 * date it comes into force → in force → superseded when a later approved version comes into force.
 * Old versions stay readable, and a decision keeps the version it was evaluated against.
 */
export type CriteriaSetStatus = 'draft' | 'approved' | 'in_force' | 'superseded';

export interface VersionFacts {
  readonly id: string;
  readonly serviceCode: string;
  readonly version: number;
  readonly inForceFrom: string | null;
}

/** The version of the service's set in force on the date, if any. */
export function versionInForce<T extends VersionFacts>(versions: readonly T[], serviceCode: string, onDate: string): T | null {
  const candidates = versions.filter((v) => v.serviceCode === serviceCode && v.inForceFrom !== null && v.inForceFrom <= onDate);
  candidates.sort((a, b) => (b.inForceFrom ?? '').localeCompare(a.inForceFrom ?? '') || b.version - a.version);
  return candidates[0] ?? null;
}

export function statusOf(v: VersionFacts, all: readonly VersionFacts[], today: string): CriteriaSetStatus {
  if (v.inForceFrom === null) return 'draft';
  if (v.inForceFrom > today) return 'approved';
  return versionInForce(all, v.serviceCode, today)?.id === v.id ? 'in_force' : 'superseded';
}

/** Whether a decision's outcome departs from the criteria's verdict, so that a written reason is needed. */
export function departsFrom(verdict: string, outcome: 'granted' | 'partly_granted' | 'refused'): boolean {
  if (verdict === 'eligible') return outcome === 'refused';
  if (verdict === 'more_information_needed') return true;
  return outcome !== 'refused';
}
