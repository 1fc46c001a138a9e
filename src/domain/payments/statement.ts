/**
 * The payment for one decision in one month (the line a letter states and an invoice basis
 * exports): each service of the decision, its kind under the regulation, the amount and the steps
 * with their citations. Where a figure is missing (no income basis, no municipal rates) the line
 * says which, and carries no amount, rather than guessing.
 */
import { citationsOf, hoursPerMonth, longTermStayPayment, practicalHelpPayment, shortTermStayPayment, type Step } from './compute.ts';
import { basicAmountOn, stateRatesFor, type MunicipalPaymentRates, type StateRates } from './rates.ts';
import { PAYMENT_RULES, SERVICE_PAYMENT, paymentKindOf, type PaymentKind } from './regulation.ts';

/** The person's income as the payment rules need it (inntektsgrunnlag). */
export interface IncomeBasis {
  /** Husstandens samlede skattbare nettoinntekt før særfradrag, per year (practical help, § 10). */
  readonly householdIncome: number;
  /**
   * The person's own income after tax and interest on debt, per year (stays, § 3 fourth paragraph).
   * Without it a stay past the day rate has no amount: the household's income before tax, and a
   * spouse's, are not what § 3 counts, and would overcharge.
   */
  readonly netIncomeAfterTax?: number | null | undefined;
  /** Deductions the regulation allows for stays, per year. */
  readonly annualDeductions?: number | null | undefined;
}

export interface DecidedService {
  readonly serviceCode: string;
  readonly hoursPerWeek?: number | null | undefined;
}

export interface StatementInput {
  /** yyyy-mm */
  readonly month: string;
  readonly services: readonly DecidedService[];
  readonly validFrom: string;
  readonly validTo?: string | null | undefined;
  readonly income: IncomeBasis | null;
  readonly rates: MunicipalPaymentRates | null;
  /** Days the person has spent on short-term stays earlier this calendar year. */
  readonly daysEarlierThisYear?: number | undefined;
  readonly involuntaryDoubleRoom?: boolean | undefined;
}

/** What a line lacks: any income basis; the resident's own income after tax, which a stay is charged by (§ 3); the municipality's rates; the decided hours. */
export type Missing = 'income_basis' | 'net_income' | 'municipal_rates' | 'hours';

export interface PaymentLine {
  readonly serviceCode: string;
  readonly kind: PaymentKind;
  /** Kroner for the month; null when a figure is missing. */
  readonly amount: number | null;
  readonly missing: Missing | null;
  readonly hoursPerMonth: number | null;
  readonly days: number | null;
  readonly incomeBand: number | null;
  readonly under2G: boolean | null;
  readonly steps: readonly Step[];
  readonly citations: readonly string[];
}

export interface PaymentStatement {
  readonly month: string;
  readonly lines: readonly PaymentLine[];
  /** The sum of the lines with an amount. */
  readonly total: number;
  readonly complete: boolean;
  readonly basicAmount: { readonly amount: number; readonly effectiveFrom: string; readonly verify?: string | undefined };
  readonly stateRates: { readonly year: number; readonly stale: boolean; readonly source: string };
  readonly ratesYear: number | null;
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
}

/** Days of [from, to] that fall in the month (to open: to the month's end). */
export function daysInPeriod(month: string, from: string, to?: string | null): number {
  return daysWithin(monthBounds(month), from, to);
}

/** A month's first and last day (YYYY-MM-DD) and its number of days. */
function monthBounds(month: string): { readonly first: string; readonly last: string; readonly monthDays: number } {
  const monthDays = daysInMonth(month);
  return { first: `${month}-01`, last: `${month}-${String(monthDays).padStart(2, '0')}`, monthDays };
}

/**
 * What every statement of one month under one set of rates shares: the G in force on its first day,
 * the state's rates for its year, its first and last day and its number of days. A month's invoice
 * basis states every case under the same terms, so it works them out once (issue 18).
 */
export interface MonthTerms {
  readonly month: string;
  /** The state's figures the municipality recorded (its rates' `state`), which the terms were worked out with. */
  readonly recorded: StateRates | null;
  readonly g: ReturnType<typeof basicAmountOn>;
  readonly state: ReturnType<typeof stateRatesFor>;
  readonly first: string;
  readonly last: string;
  readonly monthDays: number;
}

/** The terms of a month's statements under the municipality's rates (or none). */
export function monthTerms(month: string, rates: MunicipalPaymentRates | null): MonthTerms {
  const recorded = rates?.state ?? null;
  return { month, recorded, g: basicAmountOn(`${month}-01`), state: stateRatesFor(Number(month.slice(0, 4)), recorded), ...monthBounds(month) };
}

/** Days of [from, to] within the month of the terms (to open: to the month's end); daysInPeriod with the month's bounds worked out. */
function daysWithin(t: Pick<MonthTerms, 'first' | 'last'>, from: string, to?: string | null): number {
  const start = from > t.first ? from : t.first;
  const end = to && to < t.last ? to : t.last;
  if (end < start) return 0;
  return Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
}

interface Context {
  readonly input: StatementInput;
  readonly g: number;
  readonly state: ReturnType<typeof stateRatesFor>;
  readonly days: number;
  readonly monthDays: number;
}

function line(serviceCode: string, kind: PaymentKind, part: Partial<PaymentLine>): PaymentLine {
  const steps = part.steps ?? [];
  const rule = SERVICE_PAYMENT[serviceCode as keyof typeof SERVICE_PAYMENT]?.rule ?? 'legalBasis';
  const citations = steps.length ? citationsOf(steps) : [PAYMENT_RULES[rule].citation];
  return { serviceCode, kind, amount: null, missing: null, hoursPerMonth: null, days: null, incomeBand: null, under2G: null, ...part, steps, citations };
}

function longTermComputed(ctx: Context): ReturnType<typeof longTermStayPayment> | null {
  const income = ctx.input.income;
  if (income?.netIncomeAfterTax == null) return null;
  return longTermStayPayment({
    annualIncome: income.netIncomeAfterTax,
    annualDeductions: income.annualDeductions ?? 0,
    basicAmount: ctx.g,
    allowance: ctx.input.involuntaryDoubleRoom ? ctx.state.allowanceDoubleRoom : ctx.state.allowance,
    costPerMonth: ctx.input.rates?.longTermStayCostPerMonth,
  });
}

/** Which income a stay's charge lacks: any basis at all, or the resident's own income after tax. */
function incomeMissing(ctx: Context): Missing {
  return ctx.input.income ? 'net_income' : 'income_basis';
}

function practicalHelpLine(ctx: Context, service: DecidedService): PaymentLine {
  const { serviceCode } = service;
  if (service.hoursPerWeek == null) return line(serviceCode, 'practical_help', { missing: 'hours' });
  const hours = Math.round(hoursPerMonth(service.hoursPerWeek) * (ctx.days / ctx.monthDays) * 100) / 100;
  if (!ctx.input.rates) return line(serviceCode, 'practical_help', { missing: 'municipal_rates', hoursPerMonth: hours });
  if (!ctx.input.income) return line(serviceCode, 'practical_help', { missing: 'income_basis', hoursPerMonth: hours });
  const r = practicalHelpPayment({ householdIncome: ctx.input.income.householdIncome, hoursPerMonth: hours, basicAmount: ctx.g, maxUnder2G: ctx.state.practicalHelpMaxUnder2G, rates: ctx.input.rates.practicalHelp });
  return line(serviceCode, 'practical_help', { amount: r.amount, hoursPerMonth: hours, incomeBand: r.bandIndex, under2G: r.under2G, steps: r.steps });
}

function shortTermLine(ctx: Context, serviceCode: string): PaymentLine {
  const perDay = Math.min(ctx.input.rates?.shortTermStayPerDay ?? ctx.state.shortTermStayPerDay, ctx.state.shortTermStayPerDay);
  const r = shortTermStayPayment({ days: ctx.days, daysEarlierThisYear: ctx.input.daysEarlierThisYear ?? 0, perDay, longTermMonthly: longTermComputed(ctx)?.amount ?? null, daysInMonth: ctx.monthDays });
  return line(serviceCode, 'short_term_stay', { amount: r.needsIncome ? null : r.amount, missing: r.needsIncome ? incomeMissing(ctx) : null, days: ctx.days, steps: r.steps });
}

function longTermLine(ctx: Context, serviceCode: string): PaymentLine {
  const full = longTermComputed(ctx);
  if (!full) return line(serviceCode, 'long_term_stay', { missing: incomeMissing(ctx), days: ctx.days });
  const amount = ctx.days === ctx.monthDays ? full.amount : Math.round((full.amount * ctx.days) / ctx.monthDays);
  return line(serviceCode, 'long_term_stay', { amount, days: ctx.days, steps: full.steps });
}

function lineFor(ctx: Context, service: DecidedService): PaymentLine {
  const kind = paymentKindOf(service.serviceCode);
  if (ctx.days === 0) return line(service.serviceCode, kind, { amount: 0, days: 0 });
  switch (kind) {
    case 'free':
    case 'outside':
      return line(service.serviceCode, kind, { amount: 0 });
    case 'practical_help':
      return practicalHelpLine(ctx, service);
    case 'short_term_stay':
      return shortTermLine(ctx, service.serviceCode);
    case 'long_term_stay':
      return longTermLine(ctx, service.serviceCode);
  }
}

/**
 * The month's ceilings on practical help are the household's, not each service's: the state's
 * maximum under 2 G is "samlet egenandel per måned" for practical help and training (§ 10), and a
 * band's cap in the municipality's rates is a month's. When a decision gives more than one service
 * charged as practical help (practical help and BPA, say), their sum is held to the ceiling, the
 * later lines reduced first, each reduction a step with its rule.
 */
function householdCeiling(ctx: Context, lines: readonly PaymentLine[]): PaymentLine[] {
  const charged = lines.filter((l) => l.kind === 'practical_help' && l.amount !== null && l.amount > 0);
  const first = charged[0];
  const ceiling = first && charged.length > 1 ? ceilingOf(ctx, first) : undefined;
  if (!ceiling) return [...lines];
  let over = charged.reduce((sum, l) => sum + (l.amount ?? 0), 0) - ceiling.cap;
  if (over <= 0) return [...lines];
  const reduced = new Map<PaymentLine, PaymentLine>();
  for (const l of [...charged].reverse()) {
    if (over <= 0) break;
    const amount = Math.max(0, (l.amount ?? 0) - over);
    over -= (l.amount ?? 0) - amount;
    const step: Step = { rule: ceiling.rule, what: `with the month's other practical help: at most ${ceiling.cap} kr a month in all`, amount };
    reduced.set(l, line(l.serviceCode, l.kind, { ...l, amount, steps: [...l.steps, step] }));
  }
  return lines.map((l) => reduced.get(l) ?? l);
}

/** The lower of the month's ceilings on a household's practical help, as a line charged under them shows them: § 10's under 2 G, and its band's cap. */
function ceilingOf(ctx: Context, charged: PaymentLine): { readonly cap: number; readonly rule: 'practicalHelpUnder2G' | 'municipalBands' } | undefined {
  const band = charged.incomeBand === null ? null : (ctx.input.rates?.practicalHelp.bands[charged.incomeBand] ?? null);
  const ceilings = [
    ...(charged.under2G ? [{ cap: ctx.state.practicalHelpMaxUnder2G, rule: 'practicalHelpUnder2G' as const }] : []),
    ...(band?.monthlyCap != null ? [{ cap: band.monthlyCap, rule: 'municipalBands' as const }] : []),
  ];
  return ceilings.sort((a, b) => a.cap - b.cap)[0];
}

/**
 * The payment for a decision's services in a month. `terms` may be given for many statements of the
 * same month under the same rates; terms of another month or rates are not used.
 */
export function paymentStatement(input: StatementInput, terms?: MonthTerms): PaymentStatement {
  const t = terms && terms.month === input.month && terms.recorded === (input.rates?.state ?? null) ? terms : monthTerms(input.month, input.rates);
  const { g, state } = t;
  const ctx: Context = { input, g: g.amount, state, days: daysWithin(t, input.validFrom, input.validTo), monthDays: t.monthDays };
  const lines = householdCeiling(ctx, input.services.map((s) => lineFor(ctx, s)));
  return {
    month: input.month,
    lines,
    total: lines.reduce((sum, l) => sum + (l.amount ?? 0), 0),
    complete: lines.every((l) => l.amount !== null),
    basicAmount: { amount: g.amount, effectiveFrom: g.effectiveFrom, verify: g.verify },
    stateRates: { year: state.year, stale: state.stale, source: state.source },
    ratesYear: input.rates?.year ?? null,
  };
}
