/**
 * Budget frames over the year (budsjettramme med periodisering): a yearly amount per unit and service
 * is split over the twelve months by a phasing profile, a surplus or deficit is carried into the next
 * year by the frame's carry-over rule, and a shared pool is divided between units by share or drawn
 * first come. Pure functions; amounts are kroner with two decimals, computed in øre so that a split
 * always sums exactly to what was split.
 *
 * Sources: seed 002 §3.5–3.7 (frames set in the annual budget, monthly result reporting, activity
 * deviation); Drammen's consequence rule «KFT beholder inntil 2% av mer/mindreforbruk og tar dette
 * med inn i neste års budsjett» (seed 002 L297, ambiguous: the cap is configurable as a share of the
 * frame or of the deviation); Oslo's institution budget held centrally for the districts (L396, L537).
 */
import { z } from 'zod';

export const MONTHS_IN_YEAR = 12;

const toOre = (kr: number) => Math.round(kr * 100);
const toKr = (ore: number) => ore / 100;

/** How a yearly amount is spread over the months: evenly, or by explicit monthly shares in per cent that sum to 100. */
export const phasingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('even') }),
  z.object({
    kind: z.literal('shares'),
    percents: z.array(z.number().min(0).max(100)).length(MONTHS_IN_YEAR).describe('Twelve monthly shares in per cent, January first, summing to 100'),
  }),
]);
export type Phasing = z.infer<typeof phasingSchema>;

/** What happens to the year's result when the year closes (overføring av mer-/mindreforbruk). */
export const carryOverSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('surplus_only'), capPercent: z.number().min(0).max(100), capOf: z.enum(['frame', 'deviation']).default('frame') }),
  z.object({ kind: z.literal('surplus_and_deficit'), capPercent: z.number().min(0).max(100), capOf: z.enum(['frame', 'deviation']).default('frame') }),
]);
export type CarryOverRule = z.infer<typeof carryOverSchema>;

/** The per cent shares' sum may be off by rounding only. */
const SHARE_TOLERANCE = 0.001;

/** Why monthly shares cannot be used (null when they can): they must sum to 100 %. */
export function phasingProblem(p: Phasing): string | null {
  if (p.kind === 'even') return null;
  const total = p.percents.reduce((a, b) => a + b, 0);
  return Math.abs(total - 100) <= SHARE_TOLERANCE ? null : `the monthly shares sum to ${Math.round(total * 1000) / 1000} %, not 100 %`;
}

/**
 * Splits whole øre by weights so that the parts sum exactly to the whole (largest remainder: each part
 * gets its floor, the øre left over go to the largest fractions, ties to the earlier part).
 */
export function splitOre(totalOre: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? totalOre : 0));
  const exact = weights.map((w) => (totalOre * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = totalOre - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** The year's amount month by month (January first); the months sum exactly to the year. */
export function phase(yearAmount: number, phasing: Phasing): number[] {
  const weights = phasing.kind === 'even' ? Array.from({ length: MONTHS_IN_YEAR }, () => 1) : phasing.percents;
  return splitOre(toOre(yearAmount), weights).map(toKr);
}

/**
 * What the year's result carries into the next year's frame: positive adds, negative takes away.
 * `spent` is the year's value set against the frame. The cap is a share of the frame (or of the
 * deviation itself), and the carried amount never exceeds it in either direction.
 */
export function carryOver(rule: CarryOverRule, frame: number, spent: number): number {
  if (rule.kind === 'none') return 0;
  const result = toOre(frame) - toOre(spent);
  const base = rule.capOf === 'deviation' ? Math.abs(result) : Math.max(0, toOre(frame));
  const cap = Math.floor((base * rule.capPercent) / 100);
  if (result >= 0) return toKr(Math.min(result, cap));
  return rule.kind === 'surplus_and_deficit' ? toKr(-Math.min(-result, cap)) : 0;
}

export interface PoolShare {
  readonly unitId: string;
  /** Share of the pool in per cent. */
  readonly percent: number;
}

/** How a shared pool (felles pott) is divided between units: by fixed shares, or drawn first come. */
export const poolSplitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shares'), shares: z.array(z.object({ unitId: z.uuid(), percent: z.number().min(0).max(100) })).min(1).max(50) }),
  z.object({ kind: z.literal('first_come'), unitIds: z.array(z.uuid()).min(1).max(50) }),
]);
export type PoolSplit = z.infer<typeof poolSplitSchema>;

/** Why a pool's split cannot be used (null when it can): shares sum to 100 %, each unit once. */
export function poolProblem(split: PoolSplit): string | null {
  const ids = split.kind === 'shares' ? split.shares.map((s) => s.unitId) : split.unitIds;
  if (new Set(ids).size !== ids.length) return 'a unit is named more than once';
  if (split.kind === 'first_come') return null;
  const total = split.shares.reduce((a, s) => a + s.percent, 0);
  return Math.abs(total - 100) <= SHARE_TOLERANCE ? null : `the shares sum to ${Math.round(total * 1000) / 1000} %, not 100 %`;
}

/** A pool divided by shares: each unit's part, summing exactly to the pool. */
export function splitPool(amount: number, shares: readonly PoolShare[]): Map<string, number> {
  const parts = splitOre(toOre(amount), shares.map((s) => s.percent));
  return new Map(shares.map((s, i) => [s.unitId, toKr(parts[i] ?? 0)]));
}

/**
 * A pool drawn first come: each unit's need beyond its own frame, in the order the needs arose, is
 * covered while the pool lasts. The draws never exceed the pool, nor any unit's need.
 */
export function drawFirstCome(amount: number, needs: readonly { unitId: string; need: number }[]): Map<string, number> {
  let left = Math.max(0, toOre(amount));
  const out = new Map<string, number>();
  for (const n of needs) {
    const take = Math.min(left, Math.max(0, toOre(n.need)));
    left -= take;
    out.set(n.unitId, toKr((toOre(out.get(n.unitId) ?? 0)) + take));
  }
  return out;
}

/** The sum of the first `months` months (year to date through month `months`, 1–12). */
export function yearToDate(monthly: readonly number[], months: number): number {
  return toKr(monthly.slice(0, Math.max(0, Math.min(MONTHS_IN_YEAR, months))).reduce((a, x) => a + toOre(x), 0));
}

export interface YearForecast {
  /** The value month by month: what was decided in past months, what decisions in force commit in the rest. */
  readonly months: number[];
  readonly yearToDate: number;
  readonly forecast: number;
}

/**
 * The year's forecast from the value of each month: the months up to today as they were, the rest as
 * the decisions in force commit them (a decision runs until its end date, or the year's end).
 */
export function forecastYear(monthly: readonly number[], monthsPassed: number): YearForecast {
  return { months: [...monthly], yearToDate: yearToDate(monthly, monthsPassed), forecast: yearToDate(monthly, MONTHS_IN_YEAR) };
}

/** Adds month by month (the forecast with a proposed decision). */
export function addMonths(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: MONTHS_IN_YEAR }, (_, i) => toKr(toOre(a[i] ?? 0) + toOre(b[i] ?? 0)));
}

/** The first and last day of each month of a year. */
export function monthsOfYear(year: number): { first: string; last: string }[] {
  return Array.from({ length: MONTHS_IN_YEAR }, (_, i) => {
    const first = new Date(Date.UTC(year, i, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10);
    return { first, last };
  });
}

/** Days of [from, to] (inclusive; to open-ended when null) that fall in [first, last]. */
export function daysWithin(from: string, to: string | null, first: string, last: string): number {
  const start = from > first ? from : first;
  const end = to !== null && to < last ? to : last;
  if (end < start) return 0;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}
