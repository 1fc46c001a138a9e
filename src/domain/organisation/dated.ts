/**
 * Dated organisation data: a unit, a membership, an area or a routing rule holds from `validFrom`
 * (inclusive) until `validTo` (exclusive), or without end when `validTo` is null. A change from a date
 * ends the old period on that date and starts a new one, so what held before is kept.
 */
export interface Period {
  readonly validFrom: string;
  readonly validTo: string | null;
}

export function inForceOn(p: Period, onDate: string): boolean {
  return p.validFrom <= onDate && (p.validTo === null || onDate < p.validTo);
}

/** Whether the period is in force on the date or starts later (it can still be ended from the date). */
export function inForceOnOrAfter(p: Period, onDate: string): boolean {
  return p.validTo === null || onDate < p.validTo;
}
