/**
 * Geographic areas (geografiske områder): the part of a district a team covers where teams are
 * organised by geography (seed 003: Oslo's districts with several home-based teams, each for a part of
 * the district). An area is drawn by postcodes, by ranges of street addresses (gateadresser: a street,
 * house numbers from–to, odd, even or both sides) and by grunnkrets codes (Statistics Norway's basic
 * statistical units, eight digits: the kommunenummer and the krets), in any mix.
 * A person's address finds their area, and so their district and team: the most precise description
 * wins (a street address range, then the grunnkrets, then the postcode), so an area can take one side
 * of a street out of a postcode another area holds.
 * A postcode is given alone ("0150") or as an inclusive range ("0150-0199").
 */
import { z } from 'zod';
import { inForceOn, type Period } from './dated.ts';

export const postalCodeEntry = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, 'a postcode (four digits) or a range of postcodes ("0150-0199")')
  .refine((e) => !e.includes('-') || e.slice(0, 4) <= e.slice(5), 'a range goes from the lower postcode to the higher');

export const STREET_SIDES = ['both', 'odd', 'even'] as const;
export type StreetSide = (typeof STREET_SIDES)[number];

export const addressRangeSchema = z
  .object({
    street: z.string().trim().min(1).max(120).describe('The street name as in the address register (gatenavn)'),
    from: z.int().min(0).max(99999).describe('The first house number'),
    to: z.int().min(0).max(99999).describe('The last house number'),
    side: z.enum(STREET_SIDES).default('both').describe('Odd numbers, even numbers or both sides of the street'),
    postalCode: z.string().regex(/^\d{4}$/, 'four digits').optional().describe('Where the street name is used in more than one postcode'),
  })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'the last house number is at least the first' });
export type AddressRange = z.infer<typeof addressRangeSchema>;

export const grunnkretsCode = z.string().regex(/^\d{8}$/, 'a grunnkrets code: eight digits (kommunenummer and krets)');

export interface GeographicArea extends Period {
  readonly id: string;
  readonly name: string;
  readonly districtId: string;
  readonly teamUnitId: string | null;
  readonly postalCodes: readonly string[];
  readonly addressRanges: readonly AddressRange[];
  readonly grunnkrets: readonly string[];
}

/** Where a person lives, as far as it is known: the postcode, the address line and the grunnkrets. */
export interface Whereabouts {
  readonly postalCode: string | null;
  readonly addressLine: string | null;
  readonly grunnkrets: string | null;
}

/** A street address line read as street and house number ("Storgata 12 B" → storgata, 12), or null. */
export function streetAddress(line: string | null): { street: string; number: number } | null {
  const found = /^\s*(.*?\S)\s+(\d{1,5})\s*[A-Za-z]?\s*(?:,.*)?$/.exec(line ?? '');
  if (!found) return null;
  return { street: normaliseStreet(found[1] as string), number: Number(found[2]) };
}

const normaliseStreet = (street: string) => street.toLocaleLowerCase('nb-NO').replace(/\s+/g, ' ').trim();

/** Whether a range covers the house number on the street (and in the postcode, where the range names one). */
export function rangeCovers(range: AddressRange, at: { street: string; number: number }, postalCode: string | null): boolean {
  if (normaliseStreet(range.street) !== at.street || at.number < range.from || at.number > range.to) return false;
  if (range.postalCode && range.postalCode !== postalCode) return false;
  return range.side === 'both' || (range.side === 'odd') === (at.number % 2 === 1);
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

/** The area in force on the date that covers where the person lives, by the most precise description that covers it; or null. */
export function areaFor(where: Whereabouts, areas: readonly GeographicArea[], onDate: string): GeographicArea | null {
  const inForce = areas.filter((a) => inForceOn(a, onDate));
  const at = streetAddress(where.addressLine);
  const byAddress = at ? inForce.find((a) => a.addressRanges.some((r) => rangeCovers(r, at, where.postalCode))) : undefined;
  const byKrets = where.grunnkrets ? inForce.find((a) => a.grunnkrets.includes(where.grunnkrets as string)) : undefined;
  const { postalCode } = where;
  const byPostcode = postalCode ? inForce.find((a) => a.postalCodes.some((e) => entryCovers(e, postalCode))) : undefined;
  return byAddress ?? byKrets ?? byPostcode ?? null;
}

function periodsOverlap(a: Period, b: Period): boolean {
  return (b.validTo === null || a.validFrom < b.validTo) && (a.validTo === null || b.validFrom < a.validTo);
}

/** Whether two ranges can name the same building: the same street (in the same postcode where both name one) and sides that meet. */
function sameStretch(a: AddressRange, b: AddressRange): boolean {
  if (normaliseStreet(a.street) !== normaliseStreet(b.street)) return false;
  if (a.postalCode && b.postalCode && a.postalCode !== b.postalCode) return false;
  return a.side === 'both' || b.side === 'both' || a.side === b.side;
}

function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  if (!sameStretch(a, b) || from > to) return false;
  // The common stretch holds a number of the shared side unless it is one number of the other side.
  const side = a.side === 'both' ? b.side : a.side;
  return side === 'both' || to > from || (from % 2 === 1) === (side === 'odd');
}

/** Where a new area claims what another area holds in an overlapping period: the field (as in the request) and that area's name. */
export interface AreaClash {
  readonly field: string;
  readonly entry: string;
  readonly areaName: string;
}

/**
 * What a new area claims that another area covers in an overlapping period (a postcode, a street
 * address or a grunnkrets in two areas at once would make routing depend on the order they were made).
 * A street range inside another area's postcode is no clash: the more precise description wins.
 */
export function overlappingAreas(area: Pick<GeographicArea, 'postalCodes' | 'addressRanges' | 'grunnkrets' | 'validFrom' | 'validTo'>, others: readonly GeographicArea[]): AreaClash[] {
  return others
    .filter((o) => periodsOverlap(area, o))
    .flatMap((o) => [
      ...area.postalCodes.flatMap((e, i) => (o.postalCodes.some((x) => entriesOverlap(e, x)) ? [{ field: `postalCodes.${i}`, entry: e, areaName: o.name }] : [])),
      ...area.addressRanges.flatMap((r, i) => (o.addressRanges.some((x) => rangesOverlap(r, x)) ? [{ field: `addressRanges.${i}`, entry: `${r.street} ${r.from}–${r.to}`, areaName: o.name }] : [])),
      ...area.grunnkrets.flatMap((k, i) => (o.grunnkrets.includes(k) ? [{ field: `grunnkrets.${i}`, entry: k, areaName: o.name }] : [])),
    ]);
}
