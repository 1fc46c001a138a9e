/**
 * Geographic areas (geografiske områder): a district's postcodes, and the team that covers them where
 * teams are organised by geography (seed 003: Oslo's districts with several home-based teams, each for
 * a part of the district). A person's postcode finds their area, and so their district and team.
 * A postcode is given alone ("0150") or as an inclusive range ("0150-0199").
 */
import { z } from 'zod';
import { inForceOn, type Period } from './dated.ts';

export const postalCodeEntry = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, 'a postcode (four digits) or a range of postcodes ("0150-0199")')
  .refine((e) => !e.includes('-') || e.slice(0, 4) <= e.slice(5), 'a range goes from the lower postcode to the higher');

export interface GeographicArea extends Period {
  readonly id: string;
  readonly name: string;
  readonly districtId: string;
  readonly teamUnitId: string | null;
  readonly postalCodes: readonly string[];
}

/** Whether one entry ("0150" or "0150-0199") covers the postcode. */
export function entryCovers(entry: string, postalCode: string): boolean {
  if (!entry.includes('-')) return entry === postalCode;
  return entry.slice(0, 4) <= postalCode && postalCode <= entry.slice(5);
}

function entriesOverlap(a: string, b: string): boolean {
  const [aFrom, aTo] = a.includes('-') ? [a.slice(0, 4), a.slice(5)] : [a, a];
  const [bFrom, bTo] = b.includes('-') ? [b.slice(0, 4), b.slice(5)] : [b, b];
  return aFrom <= bTo && bFrom <= aTo;
}

/** The area in force on the date that covers the postcode, or null. */
export function areaFor(postalCode: string | null, areas: readonly GeographicArea[], onDate: string): GeographicArea | null {
  if (!postalCode) return null;
  return areas.find((a) => inForceOn(a, onDate) && a.postalCodes.some((e) => entryCovers(e, postalCode))) ?? null;
}

function periodsOverlap(a: Period, b: Period): boolean {
  return (b.validTo === null || a.validFrom < b.validTo) && (a.validTo === null || b.validFrom < a.validTo);
}

/**
 * The postcodes of a new area that another area covers in an overlapping period: a postcode in two
 * areas at once would make routing depend on the order they were made.
 */
export function overlappingPostcodes(area: Pick<GeographicArea, 'postalCodes' | 'validFrom' | 'validTo'>, others: readonly GeographicArea[]): { entry: string; areaName: string }[] {
  return others
    .filter((o) => periodsOverlap(area, o))
    .flatMap((o) => area.postalCodes.filter((e) => o.postalCodes.some((x) => entriesOverlap(e, x))).map((entry) => ({ entry, areaName: o.name })));
}
