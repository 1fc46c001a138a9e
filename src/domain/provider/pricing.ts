/**
 * Price models and the monthly settlement with a provider (seed 002 §3.6, Figure 7). A model is paid
 * on decided time (vedtakstid) or performed time (utført tid) and combines price elements: a frame,
 * an hour price, a night rate, a visit price, a price per user, a day price per place, and a share by
 * ADL weight (for example 80 % per place and 20 % by the users' ADL sums). Amounts are computed in
 * øre and returned in kroner with two decimals.
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

export interface Settlement {
  readonly basis: PriceModel['basis'];
  readonly lines: readonly SettlementLine[];
  /** What is paid under the model's basis. */
  readonly total: number;
  /** The same month priced on decided time and on performed time, to show the difference. */
  readonly onDecided: number;
  readonly onPerformed: number;
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

function linesOf(model: PriceModel, users: readonly UserMonth[], basis: PriceModel['basis']): SettlementLine[] {
  const q = quantities(users, basis, model.elements.some((e) => e.kind === 'night'));
  return model.elements.flatMap((e): SettlementLine[] => {
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
      case 'adl_share':
        return adlShareLines(e, users);
    }
  });
}

/** A share per place, and the rest in proportion to each user's ADL sum (users without scores get none of it). */
function adlShareLines(e: Extract<PriceElement, { kind: 'adl_share' }>, users: readonly UserMonth[]): SettlementLine[] {
  const places = users.filter((u) => u.placeDays > 0 || u.decidedHours > 0).length;
  if (places === 0) return [];
  const perPlace = (e.amountPerMonth * e.placeShare) / places;
  const adlTotal = sum(users.map((u) => u.adlSum ?? 0));
  const byAdl = e.amountPerMonth * (1 - e.placeShare);
  return [line('adl_share', places, round2(perPlace)), { element: 'adl_share', quantity: adlTotal, unitPrice: adlTotal ? round2(byAdl / adlTotal) : 0, amount: adlTotal ? round2(byAdl) : 0 }];
}

export function settle(model: PriceModel, users: readonly UserMonth[]): Settlement {
  const lines = linesOf(model, users, model.basis);
  const onDecided = sum(linesOf(model, users, 'decided').map((l) => l.amount));
  const onPerformed = sum(linesOf(model, users, 'performed').map((l) => l.amount));
  const decidedHours = round2(sum(users.map((u) => u.decidedHours)));
  const performedHours = round2(sum(users.map((u) => u.performedHours)));
  return {
    basis: model.basis,
    lines,
    total: round2(sum(lines.map((l) => l.amount))),
    onDecided: round2(onDecided),
    onPerformed: round2(onPerformed),
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
