/**
 * The payment section of the decision letter says when an amount rests on the state's rates of an
 * earlier year (this year's not yet recorded): the amount is provisional, and the person is told.
 */
import { describe, expect, it } from 'vitest';
import { paymentStatement } from '../domain/payments/index.ts';
import type { MunicipalPaymentRates } from '../domain/payments/rates.ts';
import { STATE_RATES } from '../domain/payments/rates.ts';
import { paymentParagraphs } from './payment.ts';

const rates = (year: number): MunicipalPaymentRates => ({
  year,
  practicalHelp: { costPerHour: 600, bands: [{ fromG: 0, hourlyRate: 300, monthlyCap: 250 }, { fromG: 2, hourlyRate: 400, monthlyCap: 900 }] },
  longTermStayCostPerMonth: 70_000,
  source: 'Test figures',
});
const latestShipped = Math.max(...STATE_RATES.map((r) => r.year));

describe('the payment in the decision letter', () => {
  it('says the amount rests on the latest state rates when this year’s are not recorded, in bokmål and nynorsk', () => {
    const year = latestShipped + 1;
    const s = paymentStatement({ month: `${year}-03`, services: [{ serviceCode: 'practical_help', hoursPerWeek: 2 }], validFrom: `${year}-01-01`, income: { householdIncome: 400_000 }, rates: rates(year) });
    expect(s.stateRates).toMatchObject({ year: latestShipped, stale: true });
    expect(paymentParagraphs(s, 'nb').join(' ')).toContain(`statens satser for ${latestShipped}, de siste som er fastsatt. Når satsene for ${year} er fastsatt`);
    expect(paymentParagraphs(s, 'nn').join(' ')).toContain(`satsane til staten for ${latestShipped}, dei siste som er fastsette`);
  });

  it('says nothing of the sort when the year’s rates are known, or nothing is charged', () => {
    const known = paymentStatement({ month: `${latestShipped}-03`, services: [{ serviceCode: 'practical_help', hoursPerWeek: 2 }], validFrom: `${latestShipped}-01-01`, income: { householdIncome: 400_000 }, rates: rates(latestShipped) });
    expect(known.stateRates.stale).toBe(false);
    expect(paymentParagraphs(known, 'nb').join(' ')).not.toContain('de siste som er fastsatt');
    const year = latestShipped + 1;
    const free = paymentStatement({ month: `${year}-03`, services: [{ serviceCode: 'home_nursing', hoursPerWeek: 2 }], validFrom: `${year}-01-01`, income: null, rates: rates(year) });
    expect(free.stateRates.stale).toBe(true);
    expect(paymentParagraphs(free, 'nb').join(' ')).not.toContain('de siste som er fastsatt');
  });
});
