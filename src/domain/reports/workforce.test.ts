/**
 * The workforce tables (seed 003 Tables 5.1–5.3): computed from the source's own numbers entered as
 * positions and user-months, with the source's inconsistencies computed, and properties that hold
 * for any input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneDecimal, STATED_SKILLED_SHARE, TABLE_51, TABLE_51_STATED_TOTAL, TABLE_51_YEARS, TABLE_53, TABLE_53_STATED_AVERAGE } from '../../../test/helpers/seed003Tables5.ts';
import { continuityTable, fteTable, positionTable, type PositionFact, type UserMonth } from './workforce.ts';
import { PROFESSION_CATEGORY_IDS, SKILLED_SHARE_VARIANTS, type ProfessionCategory } from './workforceDefinitions.ts';

/** Table 5.1 as positions: each category and year one position, in thousandths of the source's årsverk, held that year. */
function table51Positions(): PositionFact[] {
  return PROFESSION_CATEGORY_IDS.flatMap((category) =>
    TABLE_51_YEARS.flatMap((year, i) => {
      const fte = (TABLE_51[category][i] ?? 0) / 1000;
      return fte > 0 ? [{ staffId: `${category}-${year}`, districtId: null, category, fte, permanent: true, kostraFunction: '254' as const, validFrom: `${year}-01-01`, endsOn: `${year + 1}-01-01` }] : [];
    }),
  );
}

describe('Table 5.1: FTE by profession', () => {
  const t = fteTable(table51Positions(), [...TABLE_51_YEARS], '12-01');

  it('gives each category and year back, and a total that is the sum of the categories, not the stated «I alt»', () => {
    expect(t.columns.map((c) => Math.round(c.byCategory.other_nurse * 1000))).toEqual(TABLE_51.other_nurse);
    const totals = t.columns.map((c) => Math.round(c.total * 1000));
    expect(totals).toEqual(TABLE_51_YEARS.map((_, i) => PROFESSION_CATEGORY_IDS.reduce((a, c) => a + (TABLE_51[c][i] ?? 0), 0)));
    // The rows do not add up to the stated totals in five of the six years (rounding in the source): off by up to 3.
    expect(totals.map((x, i) => x - (TABLE_51_STATED_TOTAL[i] ?? 0))).toEqual([2, 3, 0, -2, -2, 1]);
  });

  it('computes the change from 2015 to 2020; the stated 184 % for occupational therapists is not (40 → 115)', () => {
    expect(oneDecimal((t.change.total ?? 0) * 100)).toBe(16);
    expect(oneDecimal((t.change.byCategory.occupational_therapist ?? 0) * 100)).toBe(187.5);
    expect(oneDecimal((t.change.byCategory.other_nurse ?? 0) * 100)).toBe(34.5);
    expect(t.change.byCategory.youth_worker).toBe(2);
  });

  it('cannot reproduce the stated skilled share of 79 → 83 % under any variant', () => {
    const first = t.columns[0];
    const last = t.columns[t.columns.length - 1];
    for (const v of SKILLED_SHARE_VARIANTS) {
      const pair = [first?.skilledShare[v.id] ?? 0, last?.skilledShare[v.id] ?? 0].map((x) => Math.round(x * 100));
      expect({ variant: v.id, pair }).not.toEqual({ variant: v.id, pair: [STATED_SKILLED_SHARE[2015] * 100, STATED_SKILLED_SHARE[2020] * 100] });
    }
    expect(first?.skilledShare.allButWithoutHealthEducation).toBeCloseTo(1 - 554 / 2313, 4);
  });
});

describe('Table 5.2: full-time, position size and permanent share', () => {
  const p = (staffId: string, districtId: string, fte: number, permanent: boolean, extra: Partial<PositionFact> = {}): PositionFact => ({ staffId, districtId, category: 'health_worker', fte, permanent, kostraFunction: '254', validFrom: '2015-01-01', endsOn: null, ...extra });
  it('counts employees (two positions of one employee are one full-time employee) and pools districts', () => {
    const [col] = positionTable([p('a', 'd1', 1, true), p('b', 'd1', 0.5, false), p('b', 'd1', 0.5, false), p('c', 'd2', 0.6, true), p('e', 'd2', 0.4, false, { kostraFunction: '253' }), p('f', 'd2', 1, true, { endsOn: '2015-12-01' })], ['2015-12-01']);
    expect(col?.all).toEqual({ employees: 3, fullTimeShare: 0.6667, meanPositionSize: 0.8667, permanentShare: 0.6667 });
    expect(col?.districts.map((d) => [d.districtId, d.employees, d.fullTimeShare])).toEqual([['d1', 2, 1], ['d2', 1, 0]]);
    // The plain mean of districts (1 and 0) is not the pooled share (2 of 3).
    expect(col?.simpleMeanOfDistricts.fullTimeShare).toBe(0.5);
  });
});

describe('Table 5.3: distinct employees per user per month', () => {
  const years = [2018, 2019, 2020, 2021];
  /** Each district one user-month per year holding the district's value: the plain mean over districts. */
  const plain: UserMonth[] = TABLE_53.flatMap(([district, ...values]) => values.map((v, i) => ({ personId: district, districtId: district, month: `${years[i]}-01`, distinctEmployees: v })));

  it('shows that the stated «Gjennomsnitt bydeler» is not the simple mean of the districts in three of four years', () => {
    const t = continuityTable(plain, years);
    const simple = t.map((y) => y.simpleMeanOfDistricts ?? 0);
    expect(simple.map((x) => Math.round(x * 100) / 100)).toEqual([15.27, 15.34, 14.21, 14.61]);
    expect(simple.map(oneDecimal).map((x, i) => x === TABLE_53_STATED_AVERAGE[i])).toEqual([true, false, false, false]);
    expect(t.map((y) => y.medianOfDistricts)).toEqual([15.2, 15.1, 14.4, 15.1]);
  });

  it('shows that a user-weighted mean can match the stated averages', () => {
    // Weights (user-months per district) under which 2019 and 2021 round to the stated 15.4 and 14.8.
    const weights = [2, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    const weighted = plain.flatMap((u) => Array.from({ length: weights[TABLE_53.findIndex(([d]) => d === u.districtId)] ?? 1 }, (_, k) => ({ ...u, personId: `${u.personId}-${k}` })));
    const t = continuityTable(weighted, years);
    expect([oneDecimal(t[1]?.weightedByUsers ?? 0), oneDecimal(t[3]?.weightedByUsers ?? 0)]).toEqual([TABLE_53_STATED_AVERAGE[1], TABLE_53_STATED_AVERAGE[3]]);
    expect(t[1]?.simpleMeanOfDistricts).toBe(15.34);
  });
});

const userMonth = fc.record({ personId: fc.constantFrom('a', 'b', 'c', 'd'), districtId: fc.constantFrom('d1', 'd2', 'd3'), month: fc.constantFrom('2020-01', '2020-06', '2021-03'), distinctEmployees: fc.integer({ min: 1, max: 40 }) });
const position = fc.record({
  staffId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
  districtId: fc.constantFrom('d1', 'd2', null),
  category: fc.constantFrom(...PROFESSION_CATEGORY_IDS) as fc.Arbitrary<ProfessionCategory>,
  fte: fc.integer({ min: 1, max: 10_000 }).map((x) => x / 10_000),
  permanent: fc.boolean(),
  kostraFunction: fc.constantFrom('254', '253') as fc.Arbitrary<'254' | '253'>,
  validFrom: fc.constantFrom('2019-01-01', '2020-06-01', '2020-12-01'),
  endsOn: fc.constantFrom(null, '2020-12-01', '2021-06-01'),
});

describe('properties', () => {
  it('the user-weighted mean lies between the lowest and highest district; equal users make it the simple mean', () => {
    fc.assert(
      fc.property(fc.array(userMonth, { maxLength: 40 }), (ums) => {
        for (const y of continuityTable(ums, [2020, 2021])) {
          const means = y.districts.map((d) => d.mean ?? 0);
          if (!means.length) {
            expect(y.weightedByUsers).toBeNull();
            continue;
          }
          expect(y.weightedByUsers ?? 0).toBeGreaterThanOrEqual(Math.min(...means) - 1e-3);
          expect(y.weightedByUsers ?? 0).toBeLessThanOrEqual(Math.max(...means) + 1e-3);
          if (new Set(y.districts.map((d) => d.userMonths)).size === 1) expect(y.weightedByUsers ?? 0).toBeCloseTo(y.simpleMeanOfDistricts ?? 0, 3);
          expect(y.districts.reduce((a, d) => a + d.userMonths, 0)).toBe(y.userMonths);
        }
      }),
    );
  });

  const inUnit = (x: number | null | undefined) => x === null || x === undefined || (x >= 0 && x <= 1);
  const inForce254 = (p: PositionFact, day: string) => p.kostraFunction === '254' && p.validFrom <= day && (p.endsOn === null || day < p.endsOn);

  it('the total FTE is the sum of positions under 254 in force; shares lie in [0, 1]; districts add up to all', () => {
    fc.assert(
      fc.property(fc.array(position, { maxLength: 30 }), (ps) => {
        const day = '2020-12-01';
        const [col] = fteTable(ps, [2020], '12-01').columns;
        expect(col?.total ?? 0).toBeCloseTo(ps.filter((p) => inForce254(p, day)).reduce((a, p) => a + p.fte, 0), 3);
        expect(Object.values(col?.skilledShare ?? {}).every(inUnit)).toBe(true);
        const [t] = positionTable(ps, [day]);
        expect(t?.districts.reduce((a, d) => a + d.employees, 0)).toBe(t?.all.employees);
        expect([t?.all.fullTimeShare, t?.all.permanentShare].every(inUnit)).toBe(true);
      }),
    );
  });
});
