/**
 * The value a proposed decision adds to a year, month by month, at the prices of an agreement on
 * decided time (vedtakstid): the same elements the budget check counts for a decided case (hours,
 * visits, a price per user, a day price per place; a provider's fixed frame and ADL share do not
 * follow a case and are left out).
 */
import { settle, type PriceModel } from '../provider/pricing.ts';
import { daysWithin, monthsOfYear, MONTHS_IN_YEAR } from './budget.ts';

export interface ProposedDecision {
  readonly hoursPerWeek: number;
  /** The first day the decision holds. */
  readonly from: string;
  /** The last day it holds; null until further notice. */
  readonly to: string | null;
  /** A place (institution stay): priced by the day, never by hours. */
  readonly place: boolean;
}

/** The decided value of one case's month at a price model's prices (frame and ADL share left out). */
export function decidedValue(model: PriceModel, month: { decidedHours: number; placeDays: number }): number {
  const elements = model.elements.filter((e) => e.kind !== 'frame' && e.kind !== 'adl_share');
  if (!elements.length) return 0;
  const user = { caseId: 'proposed', decidedHours: month.decidedHours, performedHours: 0, nightHours: 0, decidedVisits: 0, performedVisits: 0, placeDays: month.placeDays, adlSum: null };
  return settle({ basis: 'decided', elements }, [user]).onDecided;
}

/** The proposed decision's value in each month of the year (January first). */
export function proposedMonths(year: number, d: ProposedDecision, model: PriceModel | null): number[] {
  if (!model) return Array.from({ length: MONTHS_IN_YEAR }, () => 0);
  return monthsOfYear(year).map((m) => {
    const days = daysWithin(d.from, d.to, m.first, m.last);
    if (days === 0) return 0;
    return decidedValue(model, { decidedHours: d.place ? 0 : Math.round(((d.hoursPerWeek * days) / 7) * 100) / 100, placeDays: d.place ? days : 0 });
  });
}
