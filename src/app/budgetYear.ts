/**
 * The year's budget of a unit and service as it stands: its own frame phased over the months, what
 * the last year carried in when it closed, its part of shared pools, the monthly override of the
 * unit's whole budget (POST /budget-frames), and the decided value month by month (SQL). The budget
 * check (budgetCheck.ts), the forecast at decision time and the admin's year view all read it here.
 */
import { carryOver, drawFirstCome, phase, splitPool, MONTHS_IN_YEAR } from '../domain/finance/budget.ts';
import { activityDeviation } from '../domain/provider/pricing.ts';
import { SERVICES } from '../domain/services/catalogue.ts';
import { monthOverrides, poolsInForce, yearFramesInForce, type PoolRow, type YearFrameRow } from '../store/budget.ts';
import { decidedValueByMonth } from '../store/budgetValue.ts';
import { monthFigures } from '../store/provider.ts';
import { listUnits } from '../store/org.ts';
import type { Tx } from '../store/tx.ts';

export interface Scope {
  readonly unitId: string;
  /** One service, or null for the unit's whole budget. */
  readonly serviceCode: string | null;
}

export interface BudgetConfig {
  readonly year: number;
  readonly frames: readonly YearFrameRow[];
  readonly pools: readonly PoolRow[];
}

const PLACE_CODES = SERVICES.filter((s) => s.institutional).map((s) => s.code);
const pad = (m: number) => String(m).padStart(2, '0');
const round2 = (x: number) => Math.round(x * 100) / 100;
const sum = (xs: readonly number[]) => round2(xs.reduce((a, b) => a + b, 0));

export async function budgetConfig(tx: Tx, year: number, onDate: string): Promise<BudgetConfig> {
  return { year, frames: await yearFramesInForce(tx, year, onDate), pools: await poolsInForce(tx, year, onDate) };
}

const sameScope = (s: Scope) => (x: { serviceCode: string | null }) => x.serviceCode === s.serviceCode;
export const frameOf = (c: BudgetConfig, s: Scope) => c.frames.find((f) => f.unitId === s.unitId && sameScope(s)(f)) ?? null;
const poolUnits = (p: PoolRow) => (p.split.kind === 'shares' ? p.split.shares.map((x) => x.unitId) : p.split.unitIds);
export const poolsOf = (c: BudgetConfig, s: Scope) => c.pools.filter((p) => sameScope(s)(p) && poolUnits(p).includes(s.unitId));

/** The decided value of the scope in months `from`..`to` (1–12) of the year; an array of twelve (zeros outside). */
export async function valueMonths(tx: Tx, s: Scope, year: number, from = 1, to = MONTHS_IN_YEAR): Promise<number[]> {
  const rows = await decidedValueByMonth(tx, { ...s, fromMonth: `${year}-${pad(from)}-01`, toMonth: `${year}-${pad(to)}-01`, placeCodes: PLACE_CODES });
  const out = Array.from({ length: MONTHS_IN_YEAR }, () => 0);
  for (const r of rows) out[r.month - 1] = r.value;
  return out;
}

/**
 * What the previous year carries into this one when it has closed (before 1 January nothing has): its
 * frame's carry-over rule on its frame and its decided value. The previous year's frame is the
 * version in force today, so a revision recorded when the accounts are closed counts.
 */
export async function carriedIn(tx: Tx, s: Scope, year: number, today: string): Promise<number> {
  if (today < `${year}-01-01`) return 0;
  const prev = frameOf(await budgetConfig(tx, year - 1, today), s);
  if (!prev || prev.carryOver.kind === 'none') return 0;
  const spent = sum(await valueMonths(tx, s, year - 1));
  return carryOver(prev.carryOver, prev.amount, spent);
}

export interface OwnFrame {
  readonly frameId: string | null;
  /** The year's amount as configured. */
  readonly amount: number;
  readonly carriedIn: number;
  /** Months that a monthly override (POST /budget-frames) set, 1–12. */
  readonly overridden: readonly number[];
  /** Own frame month by month: the amount and carry-in phased, overrides in their months. */
  readonly months: number[];
}

/** The scope's own frame (without pools), or null when it has none and no override. */
export async function ownFrame(tx: Tx, c: BudgetConfig, s: Scope, today: string): Promise<OwnFrame | null> {
  const f = frameOf(c, s);
  const overrides = s.serviceCode === null ? await monthOverrides(tx, s.unitId, c.year) : new Map<number, number>();
  if (!f && overrides.size === 0) return null;
  const carried = f ? await carriedIn(tx, s, c.year, today) : 0;
  const phased = f ? phase(Math.max(0, f.amount + carried), f.phasing) : Array.from({ length: MONTHS_IN_YEAR }, () => 0);
  const months = phased.map((m, i) => overrides.get(i + 1) ?? m);
  return { frameId: f?.id ?? null, amount: f?.amount ?? 0, carriedIn: carried, overridden: [...overrides.keys()].sort((a, b) => a - b), months };
}

export interface PoolPart {
  readonly poolId: string;
  readonly name: string;
  readonly kind: 'shares' | 'first_come';
  /** The pool's amount for the year. */
  readonly poolAmount: number;
  /** This unit's part month by month: its share, or for a first-come pool what others have not drawn (in the months computed). */
  readonly months: number[];
}

/** A unit's share of a pool divided by shares, month by month. */
function sharePart(p: PoolRow & { split: { kind: 'shares' } }, unitId: string): number[] {
  return phase(splitPool(p.amount, p.split.shares).get(unitId) ?? 0, p.phasing);
}

/**
 * What a first-come pool leaves for this unit in a month: the other members' needs beyond their own
 * frames came first (they are on record), and this unit draws what is left.
 */
async function firstComeLeft(tx: Tx, c: BudgetConfig, p: PoolRow, s: Scope, month: number, today: string): Promise<number> {
  const poolMonth = phase(p.amount, p.phasing)[month - 1] ?? 0;
  const needs: { unitId: string; need: number }[] = [];
  for (const unitId of poolUnits(p).filter((u) => u !== s.unitId)) {
    const other = { unitId, serviceCode: s.serviceCode };
    const own = (await ownFrame(tx, c, other, today))?.months[month - 1] ?? 0;
    const value = (await valueMonths(tx, other, c.year, month, month))[month - 1] ?? 0;
    needs.push({ unitId, need: Math.max(0, value - own) });
  }
  const drawn = drawFirstCome(poolMonth, [...needs, { unitId: s.unitId, need: poolMonth }]);
  return drawn.get(s.unitId) ?? 0;
}

/** The scope's parts of pools; a first-come pool is worked out for the given months only (others' needs are read per month). */
export async function poolParts(tx: Tx, c: BudgetConfig, s: Scope, today: string, months: readonly number[]): Promise<PoolPart[]> {
  const out: PoolPart[] = [];
  for (const p of poolsOf(c, s)) {
    if (p.split.kind === 'shares') {
      out.push({ poolId: p.poolId, name: p.name, kind: 'shares', poolAmount: p.amount, months: sharePart(p as PoolRow & { split: { kind: 'shares' } }, s.unitId) });
      continue;
    }
    const left = Array.from({ length: MONTHS_IN_YEAR }, () => 0);
    for (const m of months) left[m - 1] = await firstComeLeft(tx, c, p, s, m, today);
    out.push({ poolId: p.poolId, name: p.name, kind: 'first_come', poolAmount: p.amount, months: left });
  }
  return out;
}

export interface EffectiveFrame {
  readonly own: OwnFrame | null;
  readonly pools: readonly PoolPart[];
  /** Own frame and pool parts month by month. */
  readonly months: number[];
  readonly total: number;
}

/** The frame the scope's value is set against, or null when it has none (no frame, override or pool). */
export async function effectiveFrame(tx: Tx, c: BudgetConfig, s: Scope, today: string, months: readonly number[]): Promise<EffectiveFrame | null> {
  const own = await ownFrame(tx, c, s, today);
  const pools = await poolParts(tx, c, s, today, months);
  if (!own && pools.length === 0) return null;
  const monthly = Array.from({ length: MONTHS_IN_YEAR }, (_, i) => round2((own?.months[i] ?? 0) + pools.reduce((a, p) => a + (p.months[i] ?? 0), 0)));
  return { own, pools, months: monthly, total: sum(monthly) };
}

/** A frame's year as it stands: month by month with carry-in and pools, decided so far, forecast, deviation. */
async function frameStanding(tx: Tx, c: BudgetConfig, f: YearFrameRow, today: string, passed: number) {
  const s = { unitId: f.unitId, serviceCode: f.serviceCode };
  const eff = await effectiveFrame(tx, c, s, today, Array.from({ length: MONTHS_IN_YEAR }, (_, i) => i + 1));
  const value = await valueMonths(tx, s, c.year);
  const forecast = sum(value);
  const total = eff?.total ?? null;
  return { carriedIn: eff?.own?.carriedIn ?? 0, months: eff?.months ?? [], total: total ?? 0, yearToDate: sum(value.slice(0, passed)), forecast, activityDeviation: activityDeviation(total, forecast) };
}

/**
 * The admin's year: every frame with its phasing, carry-in, pool parts, decided value so far and
 * forecast. It shows the latest version of each, also one that takes effect later in the year (its
 * date says from when); earlier versions are in the history.
 */
export async function yearView(tx: Tx, year: number, today: string) {
  const yearEnd = `${year}-12-31`;
  const c = await budgetConfig(tx, year, today > yearEnd ? today : yearEnd);
  const names = new Map((await listUnits(tx)).map((u) => [u.id, u.name]));
  const passed = monthsPassed(year, today);
  const frames = [];
  for (const f of c.frames) frames.push({ ...f, unitName: names.get(f.unitId) ?? '', ...(await frameStanding(tx, c, f, today, passed)) });
  const pools = c.pools.map((p) => ({ ...p, unitNames: poolUnits(p).map((u) => names.get(u) ?? ''), parts: p.split.kind === 'shares' ? [...splitPool(p.amount, p.split.shares)].map(([unitId, amount]) => ({ unitId, amount })) : [] }));
  return { year, frames, pools };
}

/**
 * Each unit's whole-budget frame for a month (YYYY-MM), as the settlement's activity deviation reads
 * it: the monthly figure of POST /budget-frames where one is set, else the month of the unit's yearly
 * frame for all services (phased, with what last year carried in).
 */
export async function wholeUnitMonthFrames(tx: Tx, month: string, today: string): Promise<Map<string, number>> {
  const out = await monthFigures(tx, 'budget_frame', `${month}-01`);
  const c = await budgetConfig(tx, Number(month.slice(0, 4)), today);
  for (const f of c.frames.filter((x) => x.serviceCode === null && !out.has(x.unitId))) {
    const own = await ownFrame(tx, c, { unitId: f.unitId, serviceCode: null }, today);
    out.set(f.unitId, own?.months[Number(month.slice(5, 7)) - 1] ?? 0);
  }
  return out;
}

/** Months of the year that have begun by today (0 before the year, 12 after it). */
export function monthsPassed(year: number, today: string): number {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (y < year) return 0;
  return y > year ? MONTHS_IN_YEAR : m;
}
