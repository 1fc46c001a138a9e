/**
 * The payment computations of egenandelsforskriften, pure: each returns the amount and the steps
 * that led to it, each step naming its rule, so a letter and an invoice basis can carry the reasons.
 * Amounts are whole kroner; a share of a krone is rounded to the nearest krone at the end.
 */
import { PAYMENT_RULES, type PaymentRuleId } from './regulation.ts';
import type { IncomeBand, MunicipalPaymentRates } from './rates.ts';

export interface Step {
  readonly rule: PaymentRuleId;
  readonly what: string;
  readonly amount: number;
}

export interface Computed {
  readonly amount: number;
  readonly steps: readonly Step[];
}

/** Hours a month from hours a week (52 weeks over 12 months), to two decimals. */
export function hoursPerMonth(hoursPerWeek: number): number {
  return Math.round(((hoursPerWeek * 52) / 12) * 100) / 100;
}

export interface PracticalHelpInput {
  /** Husstandens samlede skattbare nettoinntekt før særfradrag, per year. */
  readonly householdIncome: number;
  readonly hoursPerMonth: number;
  /** The G in force. */
  readonly basicAmount: number;
  readonly maxUnder2G: number;
  readonly rates: MunicipalPaymentRates['practicalHelp'];
}

/** The income band a household falls in: the highest band whose lower limit it reaches. */
export function bandFor(income: number, basicAmount: number, bands: readonly IncomeBand[]): { readonly index: number; readonly band: IncomeBand } | null {
  let found: { index: number; band: IncomeBand } | null = null;
  bands.forEach((band, index) => {
    if (income >= band.fromG * basicAmount) found = { index, band };
  });
  return found;
}

/** Praktisk bistand per month (§§ 8–10): hours × the band's rate, within the band's cap, cost price, and the state's maximum under 2 G. */
export function practicalHelpPayment(input: PracticalHelpInput): Computed & { readonly bandIndex: number | null; readonly under2G: boolean } {
  const { householdIncome, hoursPerMonth: hours, basicAmount, maxUnder2G, rates } = input;
  const under2G = householdIncome < 2 * basicAmount;
  const found = bandFor(householdIncome, basicAmount, rates.bands);
  const steps: Step[] = [];
  let amount = hours * (found?.band.hourlyRate ?? rates.costPerHour);
  steps.push({ rule: 'practicalHelp', what: `${hours} h × ${found?.band.hourlyRate ?? rates.costPerHour} kr`, amount: Math.round(amount) });
  if (found?.band.monthlyCap != null && amount > found.band.monthlyCap) {
    amount = found.band.monthlyCap;
    steps.push({ rule: 'municipalBands', what: `band from ${found.band.fromG} G: at most ${found.band.monthlyCap} kr a month`, amount });
  }
  const costPrice = hours * rates.costPerHour;
  if (amount > costPrice) {
    amount = costPrice;
    steps.push({ rule: 'practicalHelpCostCap', what: `cost price ${rates.costPerHour} kr per hour`, amount: Math.round(amount) });
  }
  if (under2G) {
    // Stated also when the amount is already lower: the letter tells the household it is protected by § 10.
    amount = Math.min(amount, maxUnder2G);
    steps.push({ rule: 'practicalHelpUnder2G', what: `household income below 2 G (${2 * basicAmount} kr): at most ${maxUnder2G} kr a month`, amount: Math.round(amount) });
  }
  return { amount: Math.max(0, Math.round(amount)), steps, bandIndex: found?.index ?? null, under2G };
}

export interface LongTermInput {
  /** Income per year after tax and interest on debt (§ 3 fourth paragraph). */
  readonly annualIncome: number;
  /** Deductions the regulation allows, per year (dependants, a spouse at home, housing costs). */
  readonly annualDeductions: number;
  readonly basicAmount: number;
  /** Fribeløp; the double-room allowance when the resident is in a double room against their wish. */
  readonly allowance: number;
  /** What a place costs a month, the ceiling; undefined when the municipality has not set it. */
  readonly costPerMonth?: number | undefined;
}

/** Langtidsopphold (§ 3): 75 % of income up to G after the allowance, 85 % above G; the resident keeps 25 % of G plus the allowance's benefit. */
export function longTermStayPayment(input: LongTermInput): Computed & { readonly annual: number } {
  const { basicAmount: g, allowance: f } = input;
  const base = Math.max(0, input.annualIncome - input.annualDeductions);
  const steps: Step[] = [];
  if (input.annualDeductions > 0) steps.push({ rule: 'longTermDeductions', what: `income ${input.annualIncome} kr less deductions ${input.annualDeductions} kr`, amount: base });
  const upToG = 0.75 * Math.max(0, Math.min(base, g) - f);
  const aboveG = 0.85 * Math.max(0, base - g);
  steps.push({ rule: 'longTermStay', what: `75 % of (${Math.min(base, g)} − ${f}) + 85 % of ${Math.max(0, base - g)}`, amount: Math.round(upToG + aboveG) });
  let annual = upToG + aboveG;
  const keep = 0.25 * g + 0.75 * f;
  if (base - annual < keep) {
    annual = Math.max(0, base - keep);
    steps.push({ rule: 'longTermKeep', what: `keeps at least ${Math.round(keep)} kr a year`, amount: Math.round(annual) });
  }
  let amount = Math.round(annual / 12);
  if (input.costPerMonth !== undefined && amount > input.costPerMonth) {
    amount = input.costPerMonth;
    steps.push({ rule: 'costCapStay', what: `a place costs ${input.costPerMonth} kr a month`, amount });
  }
  return { amount, annual: Math.round(annual), steps };
}

export interface ShortTermInput {
  /** Days and nights of the stay in the month. */
  readonly days: number;
  /** Days in institution earlier in the same calendar year. */
  readonly daysEarlierThisYear: number;
  readonly perDay: number;
  /** The long-term monthly charge and days in the month, for days past the 60th; null when no income basis. */
  readonly longTermMonthly: number | null;
  readonly daysInMonth: number;
}

export const SHORT_TERM_DAYS_PER_YEAR = 60;

/** Korttidsopphold (§ 4, § 1): a charge per day up to the 60th day in the calendar year; after that, long-term rules by income. */
export function shortTermStayPayment(input: ShortTermInput): Computed & { readonly daysAtDayRate: number; readonly daysAsLongTerm: number; readonly needsIncome: boolean } {
  const remaining = Math.max(0, SHORT_TERM_DAYS_PER_YEAR - input.daysEarlierThisYear);
  const daysAtDayRate = Math.min(input.days, remaining);
  const daysAsLongTerm = input.days - daysAtDayRate;
  const steps: Step[] = [{ rule: 'shortTermStay', what: `${daysAtDayRate} days × ${input.perDay} kr`, amount: daysAtDayRate * input.perDay }];
  let amount = daysAtDayRate * input.perDay;
  if (daysAsLongTerm > 0 && input.longTermMonthly !== null) {
    const share = Math.round((input.longTermMonthly * daysAsLongTerm) / input.daysInMonth);
    steps.push({ rule: 'sixtyDays', what: `${daysAsLongTerm} days after the 60th, as a long-term stay`, amount: share });
    amount += share;
  }
  return { amount, steps, daysAtDayRate, daysAsLongTerm, needsIncome: daysAsLongTerm > 0 && input.longTermMonthly === null };
}

/** The citations of the steps, each once, in order. */
export function citationsOf(steps: readonly Step[]): string[] {
  return [...new Set(steps.map((s) => PAYMENT_RULES[s.rule].citation))];
}
