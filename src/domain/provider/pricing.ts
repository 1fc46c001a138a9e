/**
 * Price models and the monthly settlement with a provider (seed 002 §3.6, Figure 7). A model is paid
 * on decided time (vedtakstid) or performed time (utført tid) and combines price elements: a frame,
 * an hour price, a night rate, a visit price, a price per user, a day price per place, and a share by
 * ADL weight (for example 80 % per place and 20 % by the users' ADL sums). Amounts are computed in
 * øre and returned in kroner with two decimals.
 *
 * Nothing is silently paid as zero: a component that cannot be computed (the ADL-weighted part of an
 * ADL share while a user holding a place has no IPLOS scores) is left out of the total and stated as
 * unresolved, with its amount, the reason and the cases it waits for.
 */
import { z } from 'zod';

const kroner = z.number().min(0).max(100_000_000);

export const priceElementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frame'), amountPerMonth: kroner.describe('Frame budget (ramme) per month') }),
  z.object({ kind: z.literal('hour'), pricePerHour: kroner }),
  z.object({ kind: z.literal('night'), pricePerHour: kroner.describe('Rate for performed night hours, instead of the hour price') }),
  z.object({ kind: z.literal('visit'), pricePerVisit: kroner }),
  z.object({ kind: z.literal('user'), pricePerUserMonth: kroner }),
  z.object({ kind: z.literal('day'), pricePerDay: kroner.describe('Day price per place (the agreement’s service is the place type)') }),
  z.object({
    kind: z.literal('adl_share'),
    amountPerMonth: kroner,
    placeShare: z.number().min(0).max(1).describe('Share paid per place; the rest is shared by ADL sum'),
  }),
]);
export type PriceElement = z.infer<typeof priceElementSchema>;

export const priceModelSchema = z.object({
  basis: z.enum(['decided', 'performed']).describe('Paid on decided time (vedtakstid) or performed time (utført tid)'),
  elements: z.array(priceElementSchema).min(1).max(10),
});
export type PriceModel = z.infer<typeof priceModelSchema>;

/** One user's month with the provider. */
export interface UserMonth {
  readonly caseId: string;
  readonly decidedHours: number;
  readonly performedHours: number;
  /** Performed hours at night (part of performedHours). */
  readonly nightHours: number;
  readonly decidedVisits: number;
  readonly performedVisits: number;
  /** Days the person held a place in the month. */
  readonly placeDays: number;
  /** The sum of the person's latest IPLOS scores (ADL weight); null when unscored. */
  readonly adlSum: number | null;
}

export interface SettlementLine {
  readonly element: PriceElement['kind'];
  readonly quantity: number;
  readonly unitPrice: number;
  readonly amount: number;
}

/** A part of the month's price that cannot be computed: not paid, not counted as zero, but stated. */
export interface UnresolvedComponent {
  readonly element: PriceElement['kind'];
  /** The amount that could not be settled, in kroner (left out of total, onDecided and onPerformed). */
  readonly amount: number;
  readonly reason: string;
  /** The users whose missing facts keep the component from being computed. */
  readonly caseIds: readonly string[];
}

export interface Settlement {
  readonly basis: PriceModel['basis'];
  readonly lines: readonly SettlementLine[];
  /** What is paid under the model's basis (unresolved components are not in it). */
  readonly total: number;
  /** The same month priced on decided time and on performed time, to show the difference (unresolved components left out of both). */
  readonly onDecided: number;
  readonly onPerformed: number;
  /** Components that could not be computed, with their amounts; total + their amounts is the full price. */
  readonly unresolved: readonly UnresolvedComponent[];
  readonly decidedHours: number;
  readonly performedHours: number;
  /** Performed short of (positive) or beyond (negative) decided time, in per cent of decided time. */
  readonly performedDeviationPercent: number | null;
}

const toKroner = (ore: number) => Math.round(ore) / 100;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round2 = (x: number) => Math.round(x * 100) / 100;

function line(element: PriceElement['kind'], quantity: number, unitPrice: number): SettlementLine {
  return { element, quantity: round2(quantity), unitPrice, amount: toKroner(quantity * unitPrice * 100) };
}

function quantities(users: readonly UserMonth[], basis: PriceModel['basis'], hasNight: boolean) {
  const night = basis === 'performed' && hasNight ? sum(users.map((u) => u.nightHours)) : 0;
  const hours = basis === 'decided' ? sum(users.map((u) => u.decidedHours)) : sum(users.map((u) => u.performedHours)) - night;
  const visits = sum(users.map((u) => (basis === 'decided' ? u.decidedVisits : u.performedVisits)));
  const active = users.filter((u) => (basis === 'decided' ? u.decidedHours > 0 || u.placeDays > 0 : u.performedHours > 0 || u.placeDays > 0));
  return { hours, night, visits, users: active.length, placeDays: sum(users.map((u) => u.placeDays)) };
}

interface Priced {
  readonly lines: SettlementLine[];
  readonly unresolved: UnresolvedComponent[];
}

function linesOf(model: PriceModel, users: readonly UserMonth[], basis: PriceModel['basis']): Priced {
  const q = quantities(users, basis, model.elements.some((e) => e.kind === 'night'));
  const unresolved: UnresolvedComponent[] = [];
  const lines = model.elements.flatMap((e): SettlementLine[] => {
    switch (e.kind) {
      case 'frame':
        return [line('frame', 1, e.amountPerMonth)];
      case 'hour':
        return [line('hour', q.hours, e.pricePerHour)];
      case 'night':
        return [line('night', q.night, e.pricePerHour)];
      case 'visit':
        return [line('visit', q.visits, e.pricePerVisit)];
      case 'user':
        return [line('user', q.users, e.pricePerUserMonth)];
      case 'day':
        return [line('day', q.placeDays, e.pricePerDay)];
      case 'adl_share': {
        const share = adlShare(e, users);
        if (share.unresolved) unresolved.push(share.unresolved);
        return share.lines;
      }
    }
  });
  return { lines, unresolved };
}

/**
 * A share per place, and the rest in proportion to the ADL sums of the users holding a place. The
 * ADL-weighted part can only be divided when every one of them has IPLOS scores (an ADL sum above
 * zero): with one unscored, any division would move that user's part onto the others or pay it as
 * nothing. So it is then not paid at all but returned as unresolved, with the unscored cases; the
 * per-place part is paid either way.
 */
function adlShare(e: Extract<PriceElement, { kind: 'adl_share' }>, users: readonly UserMonth[]): { lines: SettlementLine[]; unresolved: UnresolvedComponent | null } {
  const holding = users.filter((u) => u.placeDays > 0 || u.decidedHours > 0);
  const places = holding.length;
  if (places === 0) return { lines: [], unresolved: null };
  const perPlace = line('adl_share', places, round2((e.amountPerMonth * e.placeShare) / places));
  const byAdl = round2(e.amountPerMonth * (1 - e.placeShare));
  const unscored = [...new Set(holding.filter((u) => u.adlSum === null || u.adlSum <= 0).map((u) => u.caseId))];
  if (unscored.length === 0) {
    const adlTotal = sum(holding.map((u) => u.adlSum ?? 0));
    return { lines: [perPlace, { element: 'adl_share', quantity: round2(adlTotal), unitPrice: round2(byAdl / adlTotal), amount: byAdl }], unresolved: null };
  }
  if (byAdl === 0) return { lines: [perPlace], unresolved: null };
  const counted = new Set(holding.map((u) => u.caseId)).size;
  return {
    lines: [perPlace],
    unresolved: {
      element: 'adl_share',
      amount: byAdl,
      reason: `ADL share: ${unscored.length} of ${counted} users have no IPLOS scores; their part cannot be computed, so the ADL-weighted part (${round2((1 - e.placeShare) * 100)} %) is not paid until they are scored`,
      caseIds: unscored,
    },
  };
}

/** What the users' month costs at the model's prices on decided time (a settlement's `onDecided`, without the rest of it). */
export function valueOnDecided(model: PriceModel, users: readonly UserMonth[]): number {
  return round2(sum(linesOf(model, users, 'decided').lines.map((l) => l.amount)));
}

export function settle(model: PriceModel, users: readonly UserMonth[]): Settlement {
  const { lines, unresolved } = linesOf(model, users, model.basis);
  const onDecided = sum(linesOf(model, users, 'decided').lines.map((l) => l.amount));
  const onPerformed = sum(linesOf(model, users, 'performed').lines.map((l) => l.amount));
  const decidedHours = round2(sum(users.map((u) => u.decidedHours)));
  const performedHours = round2(sum(users.map((u) => u.performedHours)));
  return {
    basis: model.basis,
    lines,
    total: round2(sum(lines.map((l) => l.amount))),
    onDecided: round2(onDecided),
    onPerformed: round2(onPerformed),
    unresolved,
    decidedHours,
    performedHours,
    performedDeviationPercent: decidedHours > 0 ? round2(((decidedHours - performedHours) / decidedHours) * 100) : null,
  };
}

/**
 * The two deviations of seed 002 L923: the activity deviation (aktivitetsavvik) is what the purchaser
 * granted beyond its frame; the efficiency deviation (effektivitetsavvik) is what the provider spent
 * beyond what it was paid. Positive is an overrun.
 */
export function activityDeviation(frame: number | null, granted: number): { amount: number; percent: number | null } | null {
  if (frame === null) return null;
  return { amount: round2(granted - frame), percent: frame > 0 ? round2(((granted - frame) / frame) * 100) : null };
}

export function efficiencyDeviation(paid: number, spent: number | null): { amount: number; percent: number | null } | null {
  if (spent === null) return null;
  return { amount: round2(spent - paid), percent: paid > 0 ? round2(((spent - paid) / paid) * 100) : null };
}
