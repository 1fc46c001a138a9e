/**
 * Worked examples of egenandelsforskriften. We could not reach Helsedirektoratet's circular with its
 * own worked examples of vederlag, so these are BUILT BY HAND from the paragraph text and the 2023
 * figures (Rundskriv I-1/2023 as quoted by Stryn and Sandnes; G 118 620 from 1 May 2023), with
 * Sandnes kommune's published 2023 rates for practical help (cost price 517 kr an hour; monthly
 * ceilings 220 / 850 / 1 680 / 2 180 kr by income band). Each example shows its arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { hoursPerMonth, longTermStayPayment, practicalHelpPayment, shortTermStayPayment } from './compute.ts';
import { basicAmountOn, municipalRatesProblems, stateRatesFor, type MunicipalPaymentRates } from './rates.ts';
import { paymentStatement } from './statement.ts';

const G2023 = 118_620;
const SANDNES_2023: MunicipalPaymentRates = {
  year: 2023,
  practicalHelp: {
    costPerHour: 517,
    bands: [
      { fromG: 0, hourlyRate: 517, monthlyCap: 220 },
      { fromG: 2, hourlyRate: 517, monthlyCap: 850 },
      { fromG: 3, hourlyRate: 517, monthlyCap: 1_680 },
      { fromG: 4, hourlyRate: 517, monthlyCap: 2_180 },
    ],
  },
  longTermStayCostPerMonth: 60_000,
  source: 'Sandnes kommune, økonomiplan 2023–2026, vedlegg avgifter og egenbetalinger (levekår)',
};

describe('yearly figures', () => {
  it('finds the G in force on a date (set from 1 May)', () => {
    expect(basicAmountOn('2023-04-30').amount).toBe(111_477);
    expect(basicAmountOn('2023-05-01').amount).toBe(G2023);
  });

  it('uses the state rates of the year, or the latest earlier marked stale', () => {
    expect(stateRatesFor(2023)).toMatchObject({ shortTermStayPerDay: 185, allowance: 9_400, stale: false });
    expect(stateRatesFor(2026)).toMatchObject({ year: 2023, stale: true });
    const recorded = { ...stateRatesFor(2023), year: 2026, effectiveFrom: '2026-01-01', shortTermStayPerDay: 215, source: 'Rundskriv I-1/2026' };
    expect(stateRatesFor(2026, recorded)).toMatchObject({ shortTermStayPerDay: 215, stale: false });
  });

  it('refuses municipal rates that fall as income rises or exceed cost price', () => {
    const bad: MunicipalPaymentRates = { ...SANDNES_2023, practicalHelp: { costPerHour: 400, bands: [{ fromG: 0, hourlyRate: 300, monthlyCap: 500 }, { fromG: 2, hourlyRate: 450, monthlyCap: 300 }] } };
    expect(municipalRatesProblems(bad).map((p) => p.field)).toEqual(['practicalHelp.bands.1.monthlyCap', 'practicalHelp.bands.1.hourlyRate']);
    expect(municipalRatesProblems(SANDNES_2023)).toEqual([]);
  });
});

describe('practical help (§§ 8–10), hand-built examples', () => {
  const hours = hoursPerMonth(2); // 2 h a week × 52 / 12 = 8.67 h a month

  it('example 1: household income 200 000 kr is below 2 G (237 240 kr): 8.67 h × 517 kr = 4 482 kr, capped at the state’s 220 kr', () => {
    const r = practicalHelpPayment({ householdIncome: 200_000, hoursPerMonth: hours, basicAmount: G2023, maxUnder2G: 220, rates: SANDNES_2023.practicalHelp });
    expect(hours).toBe(8.67);
    expect(r).toMatchObject({ amount: 220, under2G: true, bandIndex: 0 });
  });

  it('example 2: 300 000 kr is 2.53 G, band 2–3 G: capped at the municipality’s 850 kr', () => {
    const r = practicalHelpPayment({ householdIncome: 300_000, hoursPerMonth: hours, basicAmount: G2023, maxUnder2G: 220, rates: SANDNES_2023.practicalHelp });
    expect(r).toMatchObject({ amount: 850, under2G: false, bandIndex: 1 });
  });

  it('example 3: one hour a month at 500 000 kr (4.2 G) costs the hour’s cost price, 517 kr, below the band cap 2 180 kr', () => {
    const r = practicalHelpPayment({ householdIncome: 500_000, hoursPerMonth: 1, basicAmount: G2023, maxUnder2G: 220, rates: SANDNES_2023.practicalHelp });
    expect(r).toMatchObject({ amount: 517, bandIndex: 3 });
  });
});

describe('long-term stay (§ 3), hand-built examples with 2023 figures (G 118 620, fribeløp 9 400)', () => {
  it('example 4: 250 000 kr after tax: 75 % × (118 620 − 9 400) + 85 % × (250 000 − 118 620) = 81 915 + 111 673 = 193 588 kr a year, 16 132 kr a month', () => {
    const r = longTermStayPayment({ annualIncome: 250_000, annualDeductions: 0, basicAmount: G2023, allowance: 9_400 });
    expect(r).toMatchObject({ annual: 193_588, amount: 16_132 });
    expect(r.steps.map((s) => s.rule)).toEqual(['longTermStay']);
  });

  it('example 5: 100 000 kr (below G): the resident keeps 25 % × 118 620 + 75 % × 9 400 = 36 705 kr, so pays 63 295 kr a year, 5 275 kr a month', () => {
    const r = longTermStayPayment({ annualIncome: 100_000, annualDeductions: 0, basicAmount: G2023, allowance: 9_400 });
    expect(r).toMatchObject({ annual: 63_295, amount: 5_275 });
    expect(r.steps.at(-1)?.rule).toBe('longTermKeep');
  });

  it('example 6: in a double room against their wish the allowance is 45 400 kr: 54 915 + 111 673 = 166 588 kr a year, 13 882 kr a month', () => {
    expect(longTermStayPayment({ annualIncome: 250_000, annualDeductions: 0, basicAmount: G2023, allowance: 45_400 })).toMatchObject({ annual: 166_588, amount: 13_882 });
  });

  it('example 7: 1 000 000 kr would give 69 257 kr a month, but a place costs 60 000 kr', () => {
    const r = longTermStayPayment({ annualIncome: 1_000_000, annualDeductions: 0, basicAmount: G2023, allowance: 9_400, costPerMonth: 60_000 });
    expect(r.amount).toBe(60_000);
    expect(r.steps.at(-1)?.rule).toBe('costCapStay');
  });

  it('example 8: a deduction of 50 000 kr for a spouse at home is made before the charge: 200 000 kr gives 151 088 kr a year', () => {
    // 81 915 + 85 % × (200 000 − 118 620) = 81 915 + 69 173 = 151 088
    expect(longTermStayPayment({ annualIncome: 250_000, annualDeductions: 50_000, basicAmount: G2023, allowance: 9_400 }).annual).toBe(151_088);
  });
});

describe('short-term stay (§ 4, § 1: 60 days a calendar year)', () => {
  it('example 9: 10 days after 55 earlier days: 5 days × 185 kr = 925 kr, then 5 days as long-term (16 132 × 5 / 30 = 2 689 kr)', () => {
    const r = shortTermStayPayment({ days: 10, daysEarlierThisYear: 55, perDay: 185, longTermMonthly: 16_132, daysInMonth: 30 });
    expect(r).toMatchObject({ amount: 925 + 2_689, daysAtDayRate: 5, daysAsLongTerm: 5, needsIncome: false });
  });

  it('needs an income basis for the days past the 60th', () => {
    expect(shortTermStayPayment({ days: 10, daysEarlierThisYear: 60, perDay: 185, longTermMonthly: null, daysInMonth: 30 })).toMatchObject({ needsIncome: true, daysAtDayRate: 0 });
  });
});

describe('the statement for a decision', () => {
  it('charges nothing for home nursing, and practical help by income, with the citations', () => {
    const s = paymentStatement({
      month: '2023-06',
      services: [{ serviceCode: 'practical_help', hoursPerWeek: 2 }, { serviceCode: 'home_nursing', hoursPerWeek: 5 }],
      validFrom: '2023-01-01',
      income: { householdIncome: 300_000 },
      rates: SANDNES_2023,
    });
    expect(s.lines.map((l) => [l.serviceCode, l.amount])).toEqual([['practical_help', 850], ['home_nursing', 0]]);
    expect(s).toMatchObject({ total: 850, complete: true, basicAmount: { amount: G2023 }, stateRates: { year: 2023, stale: false } });
    expect(s.lines[0]?.citations).toContain('egenandelsforskriften §§ 8–10; kommunens betalingsregulativ');
    expect(s.lines[1]?.citations).toEqual(['egenandelsforskriften § 8 første ledd, jf. helse- og omsorgstjenesteloven § 11-2']);
  });

  it('says what is missing instead of guessing, and prorates a part month', () => {
    const s = paymentStatement({ month: '2023-06', services: [{ serviceCode: 'practical_help', hoursPerWeek: 3 }, { serviceCode: 'long_term_stay' }], validFrom: '2023-06-16', income: null, rates: SANDNES_2023 });
    expect(s.lines.map((l) => [l.missing, l.amount])).toEqual([['income_basis', null], ['income_basis', null]]);
    expect(s.lines[0]?.hoursPerMonth).toBe(6.5); // 13 h a month × 15/30 days
    expect(s.complete).toBe(false);
    const stay = paymentStatement({ month: '2023-06', services: [{ serviceCode: 'long_term_stay' }], validFrom: '2023-06-16', income: { householdIncome: 400_000, netIncomeAfterTax: 250_000 }, rates: null });
    expect(stay.lines[0]).toMatchObject({ amount: Math.round((16_132 * 15) / 30), days: 15 });
  });

  it('charges a stay by the resident’s own income after tax (§ 3 fourth paragraph), never by the household’s income before tax', () => {
    const household = paymentStatement({ month: '2023-06', services: [{ serviceCode: 'long_term_stay' }], validFrom: '2023-01-01', income: { householdIncome: 500_000 }, rates: null });
    expect(household.lines[0]).toMatchObject({ amount: null, missing: 'net_income' });
    expect(household.complete).toBe(false);
    const own = paymentStatement({ month: '2023-06', services: [{ serviceCode: 'long_term_stay' }], validFrom: '2023-01-01', income: { householdIncome: 500_000, netIncomeAfterTax: 250_000 }, rates: null });
    expect(own.lines[0]).toMatchObject({ amount: 16_132, missing: null });
  });

  it('holds the practical help of a month to the household’s ceiling in all, not each service to it (§ 10: samlet egenandel)', () => {
    const both = (householdIncome: number) =>
      paymentStatement({ month: '2023-06', services: [{ serviceCode: 'practical_help', hoursPerWeek: 2 }, { serviceCode: 'bpa', hoursPerWeek: 10 }], validFrom: '2023-01-01', income: { householdIncome }, rates: SANDNES_2023 });
    // Below 2 G: 220 kr a month in all, not 220 for each.
    const low = both(200_000);
    expect(low.lines.map((l) => l.amount)).toEqual([220, 0]);
    expect(low.total).toBe(220);
    expect(low.lines[1]?.steps.at(-1)).toMatchObject({ rule: 'practicalHelpUnder2G', amount: 0 });
    // In a band with a monthly cap: the cap in all.
    const band = both(300_000);
    expect(band.total).toBe(850);
    expect(band.lines.map((l) => l.amount)).toEqual([850, 0]);
    expect(band.lines[1]?.steps.at(-1)).toMatchObject({ rule: 'municipalBands', amount: 0 });
    // One service alone is its own total: unchanged.
    const alone = paymentStatement({ month: '2023-06', services: [{ serviceCode: 'practical_help', hoursPerWeek: 2 }], validFrom: '2023-01-01', income: { householdIncome: 300_000 }, rates: SANDNES_2023 });
    expect(alone.total).toBe(850);
  });
});
