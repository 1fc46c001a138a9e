/**
 * Properties of the payment rules with fast-check (fixed seed; set TILDEL_PROPERTY_RUNS and
 * TILDEL_PROPERTY_SEED for a longer or different run): never negative, never above cost price,
 * never falling as income rises, the state's maximum under 2 G, and free services always free.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { longTermStayPayment, practicalHelpPayment } from './compute.ts';
import { municipalRatesProblems, type IncomeBand, type MunicipalPaymentRates } from './rates.ts';
import { SERVICE_PAYMENT } from './regulation.ts';
import { monthTerms, paymentStatement } from './statement.ts';

const RUNS = Number(process.env.TILDEL_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.TILDEL_PROPERTY_SEED ?? 42);
const check = <T>(property: fc.IProperty<T>) => fc.assert(property, { seed: SEED, numRuns: RUNS });

/** Valid municipal rates: bands rising in G, rate and cap; rates within cost price. */
const ratesArb = fc
  .record({
    costPerHour: fc.integer({ min: 100, max: 900 }),
    steps: fc.array(fc.record({ gStep: fc.integer({ min: 1, max: 3 }), rateStep: fc.integer({ min: 0, max: 100 }), capStep: fc.integer({ min: 0, max: 800 }) }), { minLength: 1, maxLength: 5 }),
    firstCap: fc.integer({ min: 0, max: 600 }),
    lastUncapped: fc.boolean(),
  })
  .map(({ costPerHour, steps, firstCap, lastUncapped }) => {
    let fromG = 0;
    let rate = Math.floor(costPerHour / 3);
    let cap = firstCap;
    const bands: IncomeBand[] = steps.map((s, i) => {
      const band = { fromG, hourlyRate: Math.min(rate, costPerHour), monthlyCap: lastUncapped && i === steps.length - 1 ? null : cap };
      fromG += s.gStep;
      rate += s.rateStep;
      cap += s.capStep;
      return band;
    });
    return { costPerHour, bands };
  });

const G = 118_620;
const MAX_UNDER_2G = 220;

describe('practical help properties', () => {
  it('is never negative, never above cost price, and at most the state’s maximum under 2 G', () => {
    check(
      fc.property(ratesArb, fc.integer({ min: 0, max: 3_000_000 }), fc.double({ min: 0, max: 200, noNaN: true }), (rates, income, hours) => {
        const rounded = Math.round(hours * 100) / 100;
        const r = practicalHelpPayment({ householdIncome: income, hoursPerMonth: rounded, basicAmount: G, maxUnder2G: MAX_UNDER_2G, rates });
        const costPrice = Math.round(rounded * rates.costPerHour);
        return r.amount >= 0 && r.amount <= costPrice && (income >= 2 * G || r.amount <= MAX_UNDER_2G);
      }),
    );
  });

  it('never falls as income rises (for rates the municipality may set)', () => {
    check(
      fc.property(ratesArb, fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 100 }), (rates, income, more, hours) => {
        const full: MunicipalPaymentRates = { year: 2023, practicalHelp: rates, source: 'test' };
        if (municipalRatesProblems(full).length) return true;
        const at = (i: number) => practicalHelpPayment({ householdIncome: i, hoursPerMonth: hours, basicAmount: G, maxUnder2G: MAX_UNDER_2G, rates }).amount;
        return at(income) <= at(income + more);
      }),
    );
  });
});

describe('long-term stay properties', () => {
  const stay = (income: number, deductions = 0) => longTermStayPayment({ annualIncome: income, annualDeductions: deductions, basicAmount: G, allowance: 9_400 });

  it('is never negative, leaves the resident 25 % of G plus the allowance’s benefit, and takes at most 85 % of income', () => {
    check(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (income) => {
        const r = stay(income);
        return r.annual >= 0 && (r.annual === 0 || income - r.annual >= Math.floor(0.25 * G + 0.75 * 9_400)) && r.annual <= 0.85 * income + 1;
      }),
    );
  });

  it('never falls as income rises, nor rises as deductions grow', () => {
    check(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 500_000 }), (income, more) => stay(income).amount <= stay(income + more).amount && stay(income, more).amount <= stay(income).amount),
    );
  });
});

describe('free services', () => {
  const free = Object.entries(SERVICE_PAYMENT)
    .filter(([, p]) => p.kind === 'free' || p.kind === 'outside')
    .map(([code]) => code);

  it('are always 0, whatever the income, hours or month', () => {
    check(
      fc.property(fc.constantFrom(...free), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 168 }), fc.integer({ min: 2022, max: 2030 }), fc.integer({ min: 1, max: 12 }), (code, income, hours, year, month) => {
        const s = paymentStatement({ month: `${year}-${String(month).padStart(2, '0')}`, services: [{ serviceCode: code, hoursPerWeek: hours }], validFrom: '2022-01-01', income: { householdIncome: income }, rates: null });
        return s.total === 0 && s.lines[0]?.amount === 0;
      }),
    );
  });
});

describe('the terms of a month worked out once', () => {
  const date = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const statementArb = fc.record({
    year: fc.integer({ min: 2021, max: 2031 }),
    month: fc.integer({ min: 1, max: 12 }),
    services: fc.array(fc.record({ serviceCode: fc.constantFrom(...Object.keys(SERVICE_PAYMENT)), hoursPerWeek: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }) }), { minLength: 1, maxLength: 3 }),
    from: fc.record({ year: fc.integer({ min: 2020, max: 2032 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
    days: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    income: fc.option(fc.record({ householdIncome: fc.integer({ min: 0, max: 2_000_000 }), netIncomeAfterTax: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }) }), { nil: null }),
    rates: fc.option(ratesArb, { nil: null }),
    stateYear: fc.option(fc.integer({ min: 2021, max: 2031 }), { nil: null }),
    earlier: fc.integer({ min: 0, max: 90 }),
  });

  it('give each statement what it gives worked out alone; terms of another month or rates are not used', () => {
    check(
      fc.property(statementArb, fc.integer({ min: 1, max: 11 }), (x, shift) => {
        const validFrom = date(x.from.year, x.from.month, x.from.day);
        const validTo = x.days === null ? null : new Date(Date.parse(validFrom) + x.days * 86_400_000).toISOString().slice(0, 10);
        const state = x.stateYear === null ? undefined : { year: x.stateYear, effectiveFrom: `${x.stateYear}-01-01`, shortTermStayPerDay: 190, dayOrNightStay: 100, practicalHelpMaxUnder2G: 230, allowance: 9_500, allowanceDoubleRoom: 45_000, source: 'test' };
        const rates: MunicipalPaymentRates | null = x.rates === null ? null : { year: x.year, practicalHelp: x.rates, longTermStayCostPerMonth: 60_000, source: 'test', ...(state && { state }) };
        const month = date(x.year, x.month, 1).slice(0, 7);
        const input = { month, services: x.services, validFrom, validTo, income: x.income, rates, daysEarlierThisYear: x.earlier };
        const alone = paymentStatement(input);
        const other = date(x.year, ((x.month - 1 + shift) % 12) + 1, 1).slice(0, 7);
        const otherRates: MunicipalPaymentRates = { year: x.year, practicalHelp: { costPerHour: 1, bands: [{ fromG: 0, hourlyRate: 1, monthlyCap: 1 }] }, source: 'other', state: { ...(state ?? { year: x.year, effectiveFrom: `${x.year}-01-01`, shortTermStayPerDay: 1, dayOrNightStay: 1, practicalHelpMaxUnder2G: 1, allowance: 1, allowanceDoubleRoom: 1, source: 'other' }), shortTermStayPerDay: 1 } };
        const same = (s: ReturnType<typeof paymentStatement>) => JSON.stringify(s) === JSON.stringify(alone);
        return same(paymentStatement(input, monthTerms(month, rates))) && same(paymentStatement(input, monthTerms(other, rates))) && same(paymentStatement(input, monthTerms(month, otherRates)));
      }),
    );
  });
});

describe('the household’s ceiling on a month’s practical help (§ 10: samlet egenandel)', () => {
  const helpCodes = Object.entries(SERVICE_PAYMENT).filter(([, p]) => p.kind === 'practical_help').map(([code]) => code);

  it('holds the lines in all to the lowest ceiling that applies, never raises a line, and leaves a line alone under it', () => {
    check(
      fc.property(
        fc.array(fc.record({ serviceCode: fc.constantFrom(...helpCodes), hoursPerWeek: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1_500_000 }),
        ratesArb,
        (services, householdIncome, practicalHelp) => {
          const rates: MunicipalPaymentRates = { year: 2023, practicalHelp, source: 'test' };
          const input = (s: typeof services) => paymentStatement({ month: '2023-06', services: s, validFrom: '2023-01-01', income: { householdIncome }, rates });
          const together = input(services);
          const alone = services.map((s) => input([s]).lines[0]);
          const sumAlone = alone.reduce((sum, l) => sum + (l?.amount ?? 0), 0);
          const first = alone.find((l) => (l?.amount ?? 0) > 0);
          const band = first?.incomeBand == null ? undefined : practicalHelp.bands[first.incomeBand];
          const caps = [first?.under2G ? monthTerms('2023-06', rates).state.practicalHelpMaxUnder2G : null, band?.monthlyCap ?? null].filter((c): c is number => c !== null);
          const ceiling = caps.length ? Math.min(...caps) : Infinity;
          const raised = together.lines.some((l, i) => (l.amount ?? 0) > (alone[i]?.amount ?? 0));
          return !raised && together.total === Math.min(sumAlone, ceiling);
        },
      ),
    );
  });
});
