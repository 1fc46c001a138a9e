/**
 * Inhabitants by age as the municipality enters them (issue 20 part 5): age bands as of 1 January of a
 * year, single years as SSB table 07459 publishes them or already grouped. KOSTRA divides by three
 * age groups (0–66, 67–79, 80 and over); the bands must split at 67 and 80 for those groups to be
 * formed, and a band that straddles a boundary leaves the groups it touches not computable.
 */

export const KOSTRA_AGE_GROUPS = ['0-66', '67-79', '80+'] as const;
export type KostraAgeGroup = (typeof KOSTRA_AGE_GROUPS)[number];

/** The age groups' first and last ages (null: open-ended). */
export const AGE_GROUP_SPAN: Readonly<Record<KostraAgeGroup, { from: number; to: number | null }>> = {
  '0-66': { from: 0, to: 66 },
  '67-79': { from: 67, to: 79 },
  '80+': { from: 80, to: null },
};

export interface AgeBand {
  readonly fromAge: number;
  /** The last age in the band; null for the last, open-ended band ("90 and over"). */
  readonly toAge: number | null;
  readonly inhabitants: number;
}

export interface Population {
  readonly year: number;
  /** The day the count holds for: 1 January of the year. */
  readonly asOf: string;
  readonly bands: readonly AgeBand[];
  readonly total: number;
  readonly source: string;
}

/** What is wrong with a set of bands, each naming the band's field: they must run from age 0 without gap or overlap to one open-ended band. */
export function bandProblems(bands: readonly AgeBand[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  let next = 0;
  bands.forEach((b, i) => {
    const at = `bands.${i}`;
    if (b.fromAge !== next) problems.push({ field: `${at}.fromAge`, message: `the band must begin at age ${next} (the bands run from 0 without gap or overlap)` });
    if (b.toAge !== null && b.toAge < b.fromAge) problems.push({ field: `${at}.toAge`, message: 'the band ends before it begins' });
    const last = i === bands.length - 1;
    if (last && b.toAge !== null) problems.push({ field: `${at}.toAge`, message: 'the last band is open-ended (leave its last age out)' });
    if (!last && b.toAge === null) problems.push({ field: `${at}.toAge`, message: 'only the last band may be open-ended' });
    next = (b.toAge ?? b.fromAge) + 1;
  });
  return problems;
}

/** The inhabitants of each KOSTRA age group, or null for a group the bands do not split out exactly. */
export function ageGroupInhabitants(bands: readonly AgeBand[]): Record<KostraAgeGroup, number | null> {
  const out = {} as Record<KostraAgeGroup, number | null>;
  for (const g of KOSTRA_AGE_GROUPS) {
    const span = AGE_GROUP_SPAN[g];
    let sum = 0;
    let exact = true;
    for (const b of bands) {
      const bTo = b.toAge ?? Number.POSITIVE_INFINITY;
      const gTo = span.to ?? Number.POSITIVE_INFINITY;
      const overlaps = b.fromAge <= gTo && bTo >= span.from;
      if (!overlaps) continue;
      if (b.fromAge < span.from || bTo > gTo) exact = false;
      sum += b.inhabitants;
    }
    out[g] = exact ? sum : null;
  }
  return out;
}

/**
 * Whole years of age on a day (a birthday on the day counts). Both are ISO dates (YYYY-MM-DD), so the
 * month and day compare as text; no parsing, since a KOSTRA year asks it of every recipient.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

export function ageGroupOf(age: number): KostraAgeGroup {
  if (age >= 80) return '80+';
  return age >= 67 ? '67-79' : '0-66';
}
