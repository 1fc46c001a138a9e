/**
 * Workforce and continuity tables (issue 20 part 7; seed 003 Tables 5.1, 5.2, 5.3 and measures B2,
 * B3, B4, B5 of the seed notes). Pure: the store finds positions in force and counts distinct
 * employees per user and month; these functions form the tables.
 *
 * - Table 5.1: FTE (årsverk) by profession category on a reference day each year, the change from the
 *   first to the last year, and the skilled share under each variant (workforceDefinitions.ts).
 * - Table 5.2: per district and in all, on a snapshot day: the full-time share (employees whose
 *   positions add up to a full position ÷ all employees), the mean position size, and the permanent
 *   share. «In all» is pooled over employees; the plain mean of districts is given beside it, since
 *   the source's «Alle bydelene» is not the plain mean (seed notes §3.6).
 * - Table 5.3: per district and year, the mean over user-months of distinct employees; over the
 *   districts, the user-weighted mean, the plain mean of districts and their median, each labelled.
 */
import { pushTo } from '../collections.ts';
import { median } from './steering.ts';
import { educationOf, FULL_TIME_AT, HOME_SERVICES_FUNCTION, PROFESSION_CATEGORY_IDS, SKILLED_SHARE_VARIANTS, type KostraFunction, type ProfessionCategory, type SkilledShareVariant } from './workforceDefinitions.ts';

/** A position as the tables see it. Dates are Norwegian local dates; a position holds from validFrom up to (not on) its end. */
export interface PositionFact {
  readonly staffId: string;
  readonly districtId: string | null;
  readonly category: ProfessionCategory;
  readonly fte: number;
  readonly permanent: boolean;
  readonly kostraFunction: KostraFunction;
  readonly validFrom: string;
  /** The first day it no longer holds: the earlier of its recorded end and its planned end; null while open. */
  readonly endsOn: string | null;
}

export const round = (x: number, places = 4): number => Math.round(x * 10 ** places) / 10 ** places;
const share = (n: number, of: number): number | null => (of > 0 ? round(n / of) : null);
const meanOf = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const roundOrNull = (x: number | null, places = 4): number | null => (x === null ? null : round(x, places));

export const inForceOn = (p: Pick<PositionFact, 'validFrom' | 'endsOn'>, day: string): boolean => p.validFrom <= day && (p.endsOn === null || day < p.endsOn);

// ---- Table 5.1 ----

export interface FteColumn {
  readonly year: number;
  readonly day: string;
  readonly total: number;
  readonly byCategory: Readonly<Record<ProfessionCategory, number>>;
  readonly skilledShare: Readonly<Record<SkilledShareVariant, number | null>>;
}

export interface Table51 {
  readonly columns: readonly FteColumn[];
  /** From the first column to the last: (last − first) ÷ first; null where the first is 0 or there is one column. */
  readonly change: { readonly total: number | null; readonly byCategory: Readonly<Record<ProfessionCategory, number | null>> };
}

function fteColumn(positions: readonly PositionFact[], year: number, day: string, fn: KostraFunction): FteColumn {
  const byCategory = Object.fromEntries(PROFESSION_CATEGORY_IDS.map((c) => [c, 0])) as Record<ProfessionCategory, number>;
  for (const p of positions) if (p.kostraFunction === fn && inForceOn(p, day)) byCategory[p.category] += p.fte;
  for (const c of PROFESSION_CATEGORY_IDS) byCategory[c] = round(byCategory[c]);
  const total = round(PROFESSION_CATEGORY_IDS.reduce((a, c) => a + byCategory[c], 0));
  const sumWhere = (levels: readonly string[]) => PROFESSION_CATEGORY_IDS.filter((c) => levels.includes(educationOf(c))).reduce((a, c) => a + byCategory[c], 0);
  const skilledShare = Object.fromEntries(SKILLED_SHARE_VARIANTS.map((v) => [v.id, share(sumWhere(v.skilled), sumWhere(v.of))])) as Record<SkilledShareVariant, number | null>;
  return { year, day, total, byCategory, skilledShare };
}

const change = (first: number | undefined, last: number | undefined): number | null => (first === undefined || last === undefined || first === 0 ? null : round((last - first) / first));

/** Table 5.1 for each year on `monthDay` (MM-DD) of that year, over positions under `fn` (home services by default). */
export function fteTable(positions: readonly PositionFact[], years: readonly number[], monthDay: string, fn: KostraFunction = HOME_SERVICES_FUNCTION): Table51 {
  const columns = years.map((y) => fteColumn(positions, y, `${y}-${monthDay}`, fn));
  const first = columns.length > 1 ? columns[0] : undefined;
  const last = columns.length > 1 ? columns[columns.length - 1] : undefined;
  return {
    columns,
    change: {
      total: change(first?.total, last?.total),
      byCategory: Object.fromEntries(PROFESSION_CATEGORY_IDS.map((c) => [c, change(first?.byCategory[c], last?.byCategory[c])])) as Record<ProfessionCategory, number | null>,
    },
  };
}

// ---- Table 5.2 ----

export interface PositionFigures {
  readonly employees: number;
  readonly fullTimeShare: number | null;
  /** The mean of employees' total position size, as a fraction of a full position. */
  readonly meanPositionSize: number | null;
  readonly permanentShare: number | null;
}

export interface Table52Column {
  readonly day: string;
  /** Pooled over every employee (each district weighs by its employees). */
  readonly all: PositionFigures;
  /** The plain mean of the districts' figures, each district counting once. */
  readonly simpleMeanOfDistricts: Omit<PositionFigures, 'employees'>;
  readonly districts: readonly ({ readonly districtId: string | null } & PositionFigures)[];
}

interface Employee {
  readonly districtId: string | null;
  readonly fte: number;
  readonly permanent: boolean;
}

/** Each employee with positions under `fn` on the day: their positions' sizes added, permanent if any is, in the district of their largest position. */
export function employeesOn(positions: readonly PositionFact[], day: string, fn: KostraFunction): Employee[] {
  const by = new Map<string, PositionFact[]>();
  for (const p of positions) if (p.kostraFunction === fn && inForceOn(p, day)) pushTo(by, p.staffId, p);
  return [...by.values()].map((ps) => {
    const largest = ps.reduce((a, b) => (b.fte > a.fte ? b : a));
    return { districtId: largest.districtId, fte: round(ps.reduce((a, p) => a + p.fte, 0)), permanent: ps.some((p) => p.permanent) };
  });
}

export function positionFigures(employees: readonly Employee[]): PositionFigures {
  const n = employees.length;
  return {
    employees: n,
    fullTimeShare: share(employees.filter((e) => e.fte >= FULL_TIME_AT).length, n),
    meanPositionSize: roundOrNull(meanOf(employees.map((e) => e.fte))),
    permanentShare: share(employees.filter((e) => e.permanent).length, n),
  };
}

/** Table 5.2 on each snapshot day (YYYY-MM-DD). */
export function positionTable(positions: readonly PositionFact[], days: readonly string[], fn: KostraFunction = HOME_SERVICES_FUNCTION): Table52Column[] {
  return days.map((day) => {
    const employees = employeesOn(positions, day, fn);
    const districtIds = [...new Set(employees.map((e) => e.districtId))].sort((a, b) => String(a).localeCompare(String(b)));
    const districts = districtIds.map((districtId) => ({ districtId, ...positionFigures(employees.filter((e) => e.districtId === districtId)) }));
    const plain = (k: 'fullTimeShare' | 'meanPositionSize' | 'permanentShare') => roundOrNull(meanOf(districts.map((d) => d[k]).filter((x): x is number => x !== null)));
    return { day, all: positionFigures(employees), simpleMeanOfDistricts: { fullTimeShare: plain('fullTimeShare'), meanPositionSize: plain('meanPositionSize'), permanentShare: plain('permanentShare') }, districts };
  });
}

// ---- Table 5.3 ----

/** One user in one month: the distinct employees who visited them, in the district of the user's case. */
export interface UserMonth {
  readonly personId: string;
  readonly districtId: string | null;
  /** YYYY-MM */
  readonly month: string;
  readonly distinctEmployees: number;
}

export interface ContinuityYear {
  readonly year: number;
  readonly userMonths: number;
  /** The mean over every user-month of every district: the districts weighted by their users. */
  readonly weightedByUsers: number | null;
  /** The plain mean of the districts' means, each district counting once. */
  readonly simpleMeanOfDistricts: number | null;
  readonly medianOfDistricts: number | null;
  readonly districts: readonly { readonly districtId: string | null; readonly userMonths: number; readonly mean: number | null }[];
}

/** Table 5.3: per year, each district's mean distinct employees per user-month, and the three ways to sum them up. */
export function continuityTable(userMonths: readonly UserMonth[], years: readonly number[]): ContinuityYear[] {
  return years.map((year) => {
    const rows = userMonths.filter((u) => u.month.startsWith(`${year}-`));
    const districtIds = [...new Set(rows.map((u) => u.districtId))].sort((a, b) => String(a).localeCompare(String(b)));
    const districts = districtIds.map((districtId) => {
      const counts = rows.filter((u) => u.districtId === districtId).map((u) => u.distinctEmployees);
      return { districtId, userMonths: counts.length, mean: roundOrNull(meanOf(counts)) };
    });
    const means = districts.map((d) => d.mean).filter((x): x is number => x !== null);
    return {
      year,
      userMonths: rows.length,
      weightedByUsers: roundOrNull(meanOf(rows.map((u) => u.distinctEmployees))),
      simpleMeanOfDistricts: roundOrNull(meanOf(means)),
      medianOfDistricts: roundOrNull(median(means)),
      districts,
    };
  });
}
