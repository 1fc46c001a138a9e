/**
 * The national figures (KOSTRA; issue 20 part 5) computed from the municipality's own data: the
 * recipients of each service on the reference date per 1,000 inhabitants by age group (0–66, 67–79,
 * 80+) and per 100 inhabitants (seed 002 Table 14), home-service recipients by IPLOS need level and
 * the share with extensive need, decided hours per week per recipient, BPA per inhabitant under 67
 * and among those entitled to it, and costs per inhabitant and per recipient where the accounts are
 * entered. Pure: the store finds the grants, score tallies, population and expenses; this counts them. A
 * figure that cannot be computed says why (no population, bands that do not split at 67 and 80, no
 * accounts, no recipients, or something tildel does not record). Definitions: kostraDefinitions.ts.
 */
import { entryOf, pushTo } from '../collections.ts';
import type { ScoreTally } from './equalTreatment.ts';
import { NEED_BAND_RULE, type NeedBandRule } from './equalTreatmentDefinitions.ts';
import { HOME_SERVICES, KOSTRA_SERVICE_ROWS, NEED_LEVELS, needLevel, type NeedLevel } from './kostraDefinitions.ts';
import { ageGroupInhabitants, ageGroupOf, ageOn, KOSTRA_AGE_GROUPS, type KostraAgeGroup, type Population } from './population.ts';

/** A granted decision on one service (a package's services are grants of their own). */
export interface KostraGrant {
  readonly personId: string;
  readonly birthDate: string;
  readonly serviceCode: string;
  readonly validFrom: string;
  /** The earliest of the decision's end, the service's end and the person's death; null: open. */
  readonly validTo: string | null;
  readonly hoursPerWeek: number | null;
}

/** The year's expenses as entered: in all, by KOSTRA function where a provider's agreements lie in one function, and what could not be attributed. */
export interface KostraAccounts {
  readonly total: number;
  readonly byFunction: Readonly<Record<string, number>>;
  readonly unattributed: number;
  /** Provider-months with a figure entered. */
  readonly entries: number;
}

export interface KostraInput {
  readonly year: number;
  readonly referenceDate: string;
  readonly grants: readonly KostraGrant[];
  /** Per person: the tally of the scores (scoreTally) of the latest completed IPLOS assessment on or before the reference date. */
  readonly tallies: ReadonlyMap<string, ScoreTally>;
  readonly population: Population | null;
  readonly accounts: KostraAccounts | null;
  readonly grouping?: NeedBandRule;
}

export type NotComputable = 'no_population' | 'population_bands' | 'no_accounts' | 'no_recipients' | 'not_recorded' | 'suppressed';

export interface KostraFigure {
  /** What was counted: recipients, or the recipients a mean is over; null when suppressed as a small number. */
  readonly n: number | null;
  /** The denominator (inhabitants, recipients, kroner's divisor); null for a mean or when suppressed. */
  readonly of: number | null;
  readonly value: number | null;
  readonly reason: NotComputable | null;
}

export type Column = KostraAgeGroup | 'total';
export const COLUMNS: readonly Column[] = [...KOSTRA_AGE_GROUPS, 'total'];
export type Columns = Record<Column, KostraFigure>;

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;
const fig = (n: number | null, of: number | null, value: number | null, reason: NotComputable | null = null): KostraFigure => ({ n, of, value, reason });

/** n per `per` of `of`, or why not. */
function rate(n: number, of: number | null, per: number, missing: NotComputable): KostraFigure {
  if (of === null) return fig(n, null, null, missing);
  if (of === 0) return fig(n, 0, null, 'no_recipients');
  return fig(n, of, round((n / of) * per));
}

/** A grant in force on the day. */
export function inForce(g: KostraGrant, day: string): boolean {
  return g.validFrom <= day && (g.validTo === null || g.validTo >= day);
}

export interface Recipient {
  readonly personId: string;
  readonly group: KostraAgeGroup;
  readonly age: number;
  readonly grants: KostraGrant[];
}

/**
 * Adds the grants in force on the day to their persons (the accumulator of a fold, so that a report
 * over an Oslo-size municipality can take its grants in slices; app/slices.ts).
 */
export function addRecipients(out: Map<string, Recipient>, grants: readonly KostraGrant[], day: string): void {
  for (const g of grants) {
    if (!inForce(g, day)) continue;
    const r = entryOf(out, g.personId, () => {
      const age = ageOn(g.birthDate, day);
      return { personId: g.personId, age, group: ageGroupOf(age), grants: [] as KostraGrant[] };
    });
    r.grants.push(g);
  }
}

/** The persons with a grant in force on the reference date, each with those grants and their age group. */
export function recipientsOn(grants: readonly KostraGrant[], day: string): Map<string, Recipient> {
  const out = new Map<string, Recipient>();
  addRecipients(out, grants, day);
  return out;
}

const hasAny = (r: Recipient, services: readonly string[]) => r.grants.some((g) => services.includes(g.serviceCode));

interface Denominators {
  readonly total: number | null;
  readonly byAge: Record<KostraAgeGroup, number | null>;
  readonly missing: NotComputable;
}

function denominators(p: Population | null): Denominators {
  if (!p) return { total: null, byAge: { '0-66': null, '67-79': null, '80+': null }, missing: 'no_population' };
  return { total: p.total, byAge: ageGroupInhabitants(p.bands), missing: 'population_bands' };
}

/** Recipients among `who` per `per` inhabitants, by age group and in total. */
function perInhabitants(who: readonly Recipient[], d: Denominators, per: number): Columns {
  const out = {} as Columns;
  for (const g of KOSTRA_AGE_GROUPS) out[g] = rate(who.filter((r) => r.group === g).length, d.byAge[g], per, d.total === null ? 'no_population' : d.missing);
  out.total = rate(who.length, d.total, per, 'no_population');
  return out;
}

function notRecordedColumns(): Columns {
  return Object.fromEntries(COLUMNS.map((c) => [c, fig(0, null, null, 'not_recorded')])) as Columns;
}

export interface ServiceRowFigures {
  readonly id: string;
  readonly per1000: Columns;
  readonly per100: KostraFigure;
  readonly notRecorded: string | null;
}

function serviceRows(all: readonly Recipient[], d: Denominators): ServiceRowFigures[] {
  return KOSTRA_SERVICE_ROWS.map((row) => {
    if (row.notRecorded) return { id: row.id, per1000: notRecordedColumns(), per100: fig(0, null, null, 'not_recorded'), notRecorded: row.notRecorded };
    const who = all.filter((r) => hasAny(r, row.services));
    return { id: row.id, per1000: perInhabitants(who, d, 1000), per100: rate(who.length, d.total, 100, 'no_population'), notRecorded: null };
  });
}

export interface HoursFigures {
  readonly id: 'practical_help' | 'home_nursing' | 'both';
  readonly byAge: Columns;
  readonly byNeed: Record<NeedLevel, KostraFigure>;
  /** Recipients whose decisions state no hours (left out of the mean). */
  readonly withoutHours: number;
}

const HOUR_ROWS = { practical_help: ['practical_help', 'bpa'], home_nursing: ['home_nursing', 'psychiatric_home_services'], both: ['practical_help', 'bpa', 'home_nursing', 'psychiatric_home_services'] } as const;

function meanHours(rows: readonly { hours: number | null }[]): KostraFigure {
  const withHours = rows.filter((r) => r.hours !== null).map((r) => r.hours as number);
  if (!withHours.length) return fig(0, null, null, 'no_recipients');
  return fig(withHours.length, null, round(withHours.reduce((a, b) => a + b, 0) / withHours.length, 2));
}

function hoursFigures(all: readonly Recipient[], levels: ReadonlyMap<string, NeedLevel>): HoursFigures[] {
  return (Object.keys(HOUR_ROWS) as HoursFigures['id'][]).map((id) => {
    const services: readonly string[] = HOUR_ROWS[id];
    const rows = all
      .filter((r) => hasAny(r, services))
      .map((r) => {
        // The hours of the person's grants of these services that state hours, summed; null when none does.
        let hours: number | null = null;
        for (const g of r.grants) if (g.hoursPerWeek !== null && services.includes(g.serviceCode)) hours = (hours ?? 0) + g.hoursPerWeek;
        return { r, hours };
      });
    // Grouped in one pass each (an Oslo-size year has about 30,000 recipients), in the rows' order.
    const ofGroup = new Map<Column, typeof rows>();
    const ofLevel = new Map<NeedLevel | undefined, typeof rows>();
    for (const x of rows) {
      pushTo(ofGroup, x.r.group, x);
      pushTo(ofLevel, levels.get(x.r.personId), x);
    }
    const byAge = Object.fromEntries(COLUMNS.map((c) => [c, meanHours(c === 'total' ? rows : (ofGroup.get(c) ?? []))])) as Columns;
    const byNeed = Object.fromEntries(NEED_LEVELS.map((l) => [l, meanHours(ofLevel.get(l) ?? [])])) as Record<NeedLevel, KostraFigure>;
    return { id, byAge, byNeed, withoutHours: rows.filter((x) => x.hours === null).length };
  });
}

/** Decided hours a week of home services (the basis of the right to BPA). */
const homeHours = (r: Recipient) => r.grants.filter((g) => (HOME_SERVICES as readonly string[]).includes(g.serviceCode)).reduce((a, g) => a + (g.hoursPerWeek ?? 0), 0);

/** The hours from which a person under 67 has a right to BPA (pbrl. § 2-1 d: 32; 25–32 unless substantially more costly). */
export const BPA_ENTITLED_FROM_HOURS = 25;

function bpaFigures(all: readonly Recipient[], d: Denominators) {
  const under67 = all.filter((r) => r.age < 67);
  const bpa = under67.filter((r) => hasAny(r, ['bpa']));
  const entitled = under67.filter((r) => homeHours(r) >= BPA_ENTITLED_FROM_HOURS);
  const missing = d.total === null ? 'no_population' : d.missing;
  return {
    per1000Under67: rate(bpa.length, d.byAge['0-66'], 1000, missing),
    per10000Under67: rate(bpa.length, d.byAge['0-66'], 10000, missing),
    coverage: rate(entitled.filter((r) => hasAny(r, ['bpa'])).length, entitled.length, 1, 'no_recipients'),
  };
}

function costFigures(all: readonly Recipient[], input: Omit<KostraInput, 'grants'>) {
  const a = input.accounts;
  const home = all.filter((r) => hasAny(r, HOME_SERVICES)).length;
  const institution = all.filter((r) => hasAny(r, ['long_term_stay', 'short_term_stay'])).length;
  const per = (amount: number | undefined, of: number | null, noOf: NotComputable): KostraFigure => {
    if (!a) return fig(0, of, null, 'no_accounts');
    if (of === null) return fig(0, null, null, noOf);
    return of > 0 ? fig(of, of, round((amount ?? 0) / of, 0)) : fig(0, 0, null, 'no_recipients');
  };
  return {
    expenses: a?.total ?? null,
    unattributed: a?.unattributed ?? null,
    entries: a?.entries ?? 0,
    perInhabitant: per(a?.total, input.population?.total ?? null, 'no_population'),
    perHomeServiceRecipient: per(a?.byFunction['254'], home, 'no_recipients'),
    perInstitutionResident: per(a?.byFunction['253'], institution, 'no_recipients'),
  };
}

/** Every KOSTRA figure of the year. */
export function kostraFigures(input: KostraInput) {
  return kostraFiguresOf(recipientsOn(input.grants, input.referenceDate), input);
}

/** Every KOSTRA figure of the year, from the recipients on the reference date (`recipientsOn` of the input's grants). */
export function kostraFiguresOf(recipients: ReadonlyMap<string, Recipient>, input: Omit<KostraInput, 'grants'>) {
  const rule = input.grouping ?? NEED_BAND_RULE;
  const all = [...recipients.values()];
  const d = denominators(input.population);
  const home = all.filter((r) => hasAny(r, HOME_SERVICES));
  const levels = new Map(home.map((r) => [r.personId, needLevel(input.tallies.get(r.personId) ?? null, rule)]));
  const needRows = NEED_LEVELS.map((level) => {
    const who = home.filter((r) => levels.get(r.personId) === level);
    return { level, per1000: perInhabitants(who, d, 1000), per100: rate(who.length, d.total, 100, 'no_population') };
  });
  const extensiveNeedShare = Object.fromEntries(
    COLUMNS.map((c) => {
      const inGroup = c === 'total' ? home : home.filter((r) => r.group === c);
      return [c, rate(inGroup.filter((r) => levels.get(r.personId) === 'extensive').length, inGroup.length, 1, 'no_recipients')];
    }),
  ) as Columns;
  return {
    year: input.year,
    referenceDate: input.referenceDate,
    needGrouping: { id: rule.id, source: rule.source, minScored: rule.minScored, mediumFrom: rule.from.medium, extensiveFrom: rule.from.extensive },
    recipients: all.length,
    serviceRows: serviceRows(all, d),
    needRows,
    extensiveNeedShare,
    hoursPerWeek: hoursFigures(all, levels),
    bpa: bpaFigures(all, d),
    costs: costFigures(all, input),
  };
}

export type KostraFigures = ReturnType<typeof kostraFigures>;

const isFigure = (x: object): x is KostraFigure => 'n' in x && 'of' in x && 'value' in x && 'reason' in x;
const small = (x: number | null, minN: number) => x !== null && x > 0 && x < minN;

/**
 * The figures as served: a cell counted over fewer than `minN` recipients (its count, or the
 * recipients a share or cost is over) shows neither its value nor its n, so no one is pointed out
 * (the small-number rule of the other leader reports, equalTreatmentDefinitions.ts MINIMUM_N).
 */
export function suppressSmallCells<T>(x: T, minN: number): T {
  if (Array.isArray(x)) return x.map((v: unknown) => suppressSmallCells(v, minN)) as T;
  if (x === null || typeof x !== 'object') return x;
  if (isFigure(x)) return (small(x.n, minN) || small(x.of, minN) ? fig(null, null, null, 'suppressed') : x) as T;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'needGrouping' ? v : suppressSmallCells(v, minN)])) as T;
}
