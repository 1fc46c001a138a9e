/**
 * Equal treatment (likebehandling, issue 20; seed 003 A7, seed 001–004 F-09): for users with
 * comparable assessed need (service, IPLOS band, diagnosis group), the spread of granted hours per
 * week across caseworkers (the decider), teams and districts — n, mean, median, p10/p90 and a 95 %
 * t-interval of the mean — beside the municipality's figures for the same group. A unit whose interval
 * lies wholly outside the municipality's is flagged as unwanted variation to look at: a signal, never
 * a claim about a cause. Cells below the minimum n are suppressed. Pure: the store finds the grants,
 * the use case asks the gate who may see which case behind a cell.
 */
import { MINIMUM_N, NEED_BAND_RULE, type NeedBand, type NeedBandRule } from './equalTreatmentDefinitions.ts';

export * from './equalTreatmentDefinitions.ts';

/** What the band reads of an assessment's scores: how many variables are scored 1–5, and their sum. */
export interface ScoreTally {
  readonly scored: number;
  readonly sum: number;
}

/**
 * The tally of an assessment's scores (null: no assessment). The database keeps the same tally of
 * every completed assessment as generated columns (assessment.adl_scored and adl_sum, migrations
 * 0030 and 0044), so that a report over many cases reads two numbers, not the scores.
 */
export function scoreTally(scores: Readonly<Record<string, number>> | null): ScoreTally {
  // One pass without intermediate arrays: the KOSTRA figures ask it of every home-service recipient.
  let scored = 0;
  let sum = 0;
  for (const s of Object.values(scores ?? {})) {
    if (typeof s !== 'number' || s < 1 || s > 5) continue;
    scored += 1;
    sum += s;
  }
  return { scored, sum };
}

/** A tally as the database keeps it (assessment.adl_scored and adl_sum): NULL, for no assessment or no score counted, is nothing. */
export function storedTally(scored: number | null, sum: number | null): ScoreTally {
  return { scored: scored ?? 0, sum: sum ?? 0 };
}

/** The band of a tally of scores by the rule: unassessed with too few scored, else by the mean. */
export function bandOfTally(tally: ScoreTally, rule: NeedBandRule = NEED_BAND_RULE): NeedBand {
  if (tally.scored < rule.minScored || tally.scored === 0) return 'unassessed';
  const mean = tally.sum / tally.scored;
  if (mean >= rule.from.extensive) return 'extensive';
  return mean >= rule.from.medium ? 'medium' : 'limited';
}

/** The band of an assessment's scores (null: no assessment before the decision). */
export function needBand(scores: Readonly<Record<string, number>> | null, rule: NeedBandRule = NEED_BAND_RULE): NeedBand {
  return bandOfTally(scoreTally(scores), rule);
}

/** One granted service of a case's current decision, with what makes it comparable and who decided it where. */
export interface Grant {
  readonly caseId: string;
  readonly serviceCode: string;
  readonly hoursPerWeek: number;
  readonly band: NeedBand;
  readonly diagnosisGroup: string | null;
  /** The decider (staff id), the owning team (unit id), the district; null: not given. */
  readonly caseworker: string | null;
  readonly team: string | null;
  readonly district: string | null;
}

export const BREAKDOWNS = ['caseworker', 'team', 'district'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface Comparable {
  readonly serviceCode: string;
  readonly band: NeedBand;
  readonly diagnosisGroup: string | null;
}

/** The key of a comparable-need group. */
export const groupKey = (g: Comparable): string => `${g.serviceCode}|${g.band}|${g.diagnosisGroup ?? 'none'}`;

/**
 * The two-sided 97.5 % quantile of Student's t for df 1–30 (standard tables, four decimals); above
 * 30 the Cornish–Fisher expansion around the normal quantile, which agrees with the table at 30 to
 * four decimals.
 */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687,
  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
export function tQuantile975(df: number): number {
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959963985;
  const [z3, z5, z7] = [z ** 3, z ** 5, z ** 7];
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** The p-quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7, PERCENTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

export interface Distribution {
  readonly n: number;
  readonly mean: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  /** The 95 % t-interval of the mean (n ≥ 2). */
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** The distribution of a non-empty list of hours, unrounded. */
export function distribution(hours: readonly number[]): Distribution {
  const sorted = [...hours].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : 0;
  return { n, mean, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), ciLow: mean - half, ciHigh: mean + half };
}

/** A cell's figures as served: shown (rounded to two decimals), or suppressed below the minimum n. */
export type Cell = ({ readonly suppressed: false } & Distribution) | { readonly suppressed: true };

const round = (x: number) => Math.round(x * 100) / 100;

function cellOf(d: Distribution | null, minN: number): Cell {
  if (!d || d.n < minN) return { suppressed: true };
  return { suppressed: false, n: d.n, mean: round(d.mean), median: round(d.median), p10: round(d.p10), p90: round(d.p90), ciLow: round(d.ciLow), ciHigh: round(d.ciHigh) };
}

/** Whether a unit's interval lies wholly above or below the municipality's (both shown); null otherwise. */
export function flagOf(unit: Distribution, municipality: Distribution, minN: number): 'above' | 'below' | null {
  if (unit.n < minN || municipality.n < minN) return null;
  if (unit.ciLow > municipality.ciHigh) return 'above';
  if (unit.ciHigh < municipality.ciLow) return 'below';
  return null;
}

export interface UnitCell {
  /** The staff, unit or district id, or "none". */
  readonly key: string;
  readonly figures: Cell;
  /** Unwanted variation to look at: the unit's interval wholly above or below the municipality's. Never a cause. */
  readonly flag: 'above' | 'below' | null;
  /** The cases behind the cell (for the drill-down through the gate; not served as such). */
  readonly caseIds: readonly string[];
}

export interface GroupResult extends Comparable {
  readonly key: string;
  readonly municipality: Cell;
  readonly units: readonly UnitCell[];
}

function bucket<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The unit of a grant under a breakdown. */
export const unitOf = (g: Grant, by: Breakdown): string => g[by] ?? 'none';

/**
 * The equal-treatment figures: every comparable-need group (the groups partition the grants), its
 * municipality figures and, per unit of the breakdown, the unit's figures and flag. Groups and units
 * in key order.
 */
export function equalTreatment(grants: readonly Grant[], by: Breakdown, minN: number = MINIMUM_N.n): GroupResult[] {
  const groups = bucket(grants, groupKey);
  return [...groups.keys()].sort().map((key) => {
    const members = groups.get(key) ?? [];
    const first = members[0] as Grant;
    const all = distribution(members.map((g) => g.hoursPerWeek));
    const units = bucket(members, (g) => unitOf(g, by));
    return {
      key,
      serviceCode: first.serviceCode,
      band: first.band,
      diagnosisGroup: first.diagnosisGroup,
      municipality: cellOf(all, minN),
      units: [...units.keys()].sort().map((u) => {
        const list = units.get(u) ?? [];
        const dist = distribution(list.map((g) => g.hoursPerWeek));
        return { key: u, figures: cellOf(dist, minN), flag: flagOf(dist, all, minN), caseIds: list.map((g) => g.caseId) };
      }),
    };
  });
}

/** What the decision form shows: the range granted to users comparable with this one in the municipality, or too few to show. */
export type ComparableRange = { readonly suppressed: false; readonly n: number; readonly p10: number; readonly median: number; readonly p90: number } | { readonly suppressed: true; readonly minimumN: number };

/** The range of the grants comparable with `c`, leaving out the case itself (its own earlier decision is not a comparison). */
export function comparableRange(grants: readonly Grant[], c: Comparable & { readonly caseId: string }, minN: number = MINIMUM_N.n): ComparableRange {
  const key = groupKey(c);
  const hours = grants.filter((g) => g.caseId !== c.caseId && groupKey(g) === key).map((g) => g.hoursPerWeek);
  if (hours.length < minN) return { suppressed: true, minimumN: minN };
  const d = distribution(hours);
  return { suppressed: false, n: d.n, p10: round(d.p10), median: round(d.median), p90: round(d.p90) };
}
