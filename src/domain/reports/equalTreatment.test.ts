import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparableRange,
  distribution,
  EQUAL_TREATMENT_DEFINITIONS,
  EQUAL_TREATMENT_FIGURE_IDS,
  equalTreatment,
  flagOf,
  groupKey,
  MINIMUM_N,
  NEED_BAND_RULE,
  NEED_BANDS,
  needBand,
  quantile,
  tQuantile975,
  type Grant,
} from './equalTreatment.ts';

const grant = (caseId: string, hoursPerWeek: number, over: Partial<Grant> = {}): Grant => ({
  caseId,
  serviceCode: 'practical_help',
  hoursPerWeek,
  band: 'medium',
  diagnosisGroup: null,
  caseworker: 'a',
  team: 't',
  district: 'd',
  ...over,
});

describe('need bands', () => {
  it('bands the mean of the scores 1–5, leaving out 9 (not relevant), and needs three scores', () => {
    expect(needBand({ a: 2, b: 2, c: 3 })).toBe('limited'); // 2.33
    expect(needBand({ a: 2, b: 3, c: 9 })).toBe('unassessed'); // two scores only
    expect(needBand({ a: 2, b: 3, c: 3, d: 9 })).toBe('medium'); // 2.67
    expect(needBand({ a: 4, b: 3, c: 4, d: 3 })).toBe('extensive'); // 3.5
    expect(needBand({ a: 3, b: 4, c: 3, d: 3 })).toBe('medium'); // 3.25
    expect(needBand(null)).toBe('unassessed');
    for (const band of NEED_BANDS) for (const lang of ['nb', 'nn', 'en'] as const) expect(NEED_BAND_RULE.words[band][lang].length).toBeGreaterThan(10);
  });
});

describe('the figures', () => {
  it('gives mean, median, percentiles and a t-interval as computed by hand', () => {
    // 2, 3, 4, 5, 6: mean 4, s = √2.5, t(0.975; 4) = 2.7764 → half-width 2.7764 · √2.5 / √5 = 1.9632.
    const d = distribution([6, 2, 4, 3, 5]);
    expect([d.n, d.mean, d.median]).toEqual([5, 4, 4]);
    expect(d.p10).toBeCloseTo(2.4, 10); // h = 0.4: 2 + 0.4 · 1
    expect(d.p90).toBeCloseTo(5.6, 10);
    expect(d.ciLow).toBeCloseTo(4 - 2.7764 * Math.sqrt(0.5), 6);
    expect(d.ciHigh).toBeCloseTo(4 + 2.7764 * Math.sqrt(0.5), 6);
    expect(quantile([1, 3], 0.5)).toBe(2);
  });

  it('takes t from the table to df 30 and from the expansion beyond, agreeing where they meet', () => {
    expect(tQuantile975(4)).toBe(2.7764);
    const z = 1.959963985;
    const expansion = (df: number) => z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
    expect(Math.abs(expansion(30) - tQuantile975(30))).toBeLessThan(1e-4);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(31)).toBeLessThan(tQuantile975(30));
  });

  it('flags a caseworker whose interval lies wholly above the municipality’s, and suppresses small cells', () => {
    const grants = [
      ...[1, 1.5, 2, 2, 2.5, 1, 2, 1.5].map((h, i) => grant(`low${i}`, h, { caseworker: 'a' })),
      ...[6, 6.5, 7, 6, 7].map((h, i) => grant(`high${i}`, h, { caseworker: 'b' })),
      ...[3, 4].map((h, i) => grant(`few${i}`, h, { caseworker: 'c' })),
    ];
    const [group] = equalTreatment(grants, 'caseworker');
    expect(group?.key).toBe('practical_help|medium|none');
    expect(group?.municipality).toMatchObject({ suppressed: false, n: 15 });
    const byKey = Object.fromEntries((group?.units ?? []).map((u) => [u.key, u]));
    expect(byKey.b?.flag).toBe('above');
    expect(byKey.a?.flag).toBe('below');
    expect(byKey.c?.figures).toEqual({ suppressed: true });
    expect(byKey.c?.flag).toBeNull();
    expect(byKey.c?.caseIds).toEqual(['few0', 'few1']);
  });

  it('gives the range of the comparable users, without the case itself, or too few', () => {
    const grants = [1, 2, 3, 4, 5, 6].map((h, i) => grant(`c${i}`, h));
    expect(comparableRange(grants, { caseId: 'c5', serviceCode: 'practical_help', band: 'medium', diagnosisGroup: null })).toEqual({ suppressed: false, n: 5, p10: 1.4, median: 3, p90: 4.6 });
    expect(comparableRange(grants, { caseId: 'c5', serviceCode: 'practical_help', band: 'extensive', diagnosisGroup: null })).toEqual({ suppressed: true, minimumN: MINIMUM_N.n });
    expect(comparableRange(grants, { caseId: 'c5', serviceCode: 'practical_help', band: 'medium', diagnosisGroup: 'dementia' })).toEqual({ suppressed: true, minimumN: 5 });
  });

  it('defines every figure in three languages', () => {
    expect(EQUAL_TREATMENT_DEFINITIONS.map((d) => d.id)).toEqual([...EQUAL_TREATMENT_FIGURE_IDS]);
    for (const d of EQUAL_TREATMENT_DEFINITIONS) for (const lang of ['nb', 'nn', 'en'] as const) expect(d.definition[lang].length).toBeGreaterThan(10);
  });
});

const grantArb = fc.record({
  caseId: fc.uuid(),
  serviceCode: fc.constantFrom('practical_help', 'home_nursing'),
  hoursPerWeek: fc.integer({ min: 0, max: 400 }).map((x) => x / 4),
  band: fc.constantFrom(...NEED_BANDS),
  diagnosisGroup: fc.constantFrom(null, 'dementia'),
  caseworker: fc.constantFrom('a', 'b', 'c', null),
  team: fc.constantFrom('t1', 't2', null),
  district: fc.constantFrom('d1', 'd2'),
});
const grantsArb = fc.uniqueArray(grantArb, { selector: (g) => g.caseId, maxLength: 80 });
const byArb = fc.constantFrom('caseworker' as const, 'team' as const, 'district' as const);

describe('properties', () => {
  it('the interval contains the mean, and p10 ≤ median ≤ p90 within min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1680 }).map((x) => x / 10), { minLength: 1, maxLength: 60 }), (hours) => {
        const d = distribution(hours);
        expect(d.ciLow).toBeLessThanOrEqual(d.mean + 1e-9);
        expect(d.ciHigh).toBeGreaterThanOrEqual(d.mean - 1e-9);
        expect(d.p10).toBeLessThanOrEqual(d.median + 1e-9);
        expect(d.median).toBeLessThanOrEqual(d.p90 + 1e-9);
        expect(d.p10).toBeGreaterThanOrEqual(Math.min(...hours) - 1e-9);
        expect(d.p90).toBeLessThanOrEqual(Math.max(...hours) + 1e-9);
      }),
    );
  });

  it('the groups partition the grants, and every unit’s cases are its group’s', () => {
    fc.assert(
      fc.property(grantsArb, byArb, (grants, by) => {
        const groups = equalTreatment(grants, by);
        const ids = groups.flatMap((g) => g.units.flatMap((u) => u.caseIds));
        expect(ids.slice().sort()).toEqual(grants.map((g) => g.caseId).sort());
        for (const g of groups) for (const u of g.units) for (const id of u.caseIds) expect(groupKey(grants.find((x) => x.caseId === id) as Grant)).toBe(g.key);
      }),
    );
  });

  it('shows no figure and raises no flag below the minimum n, and shows n from it', () => {
    fc.assert(
      fc.property(grantsArb, byArb, fc.integer({ min: 1, max: 8 }), (grants, by, minN) => {
        for (const g of equalTreatment(grants, by, minN)) {
          for (const u of g.units) {
            if (u.caseIds.length < minN) expect([u.figures, u.flag]).toEqual([{ suppressed: true }, null]);
            else expect(u.figures).toMatchObject({ suppressed: false, n: u.caseIds.length });
            if (u.flag !== null) expect(g.municipality.suppressed).toBe(false);
          }
        }
      }),
    );
  });

  it('flags the same cells whatever the units are called', () => {
    fc.assert(
      fc.property(grantsArb, fc.constantFrom(2, 3, 5), (grants, minN) => {
        const rename: Record<string, string> = { a: 'zz', b: 'a', c: 'b' };
        const renamed = grants.map((g) => ({ ...g, caseworker: g.caseworker === null ? null : (rename[g.caseworker] ?? g.caseworker) }));
        const flags = (gs: readonly Grant[]) => new Map(equalTreatment(gs, 'caseworker', minN).flatMap((g) => g.units.map((u) => [[...u.caseIds].sort().join(','), u.flag] as const)));
        expect(flags(renamed)).toEqual(flags(grants));
      }),
    );
  });

  it('flags only where the intervals do not overlap, in the direction of the unit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 20 }), (unit, rest) => {
        const u = distribution(unit);
        const all = distribution([...unit, ...rest]);
        const flag = flagOf(u, all, 5);
        if (flag === 'above') expect(u.ciLow).toBeGreaterThan(all.ciHigh);
        else if (flag === 'below') expect(u.ciHigh).toBeLessThan(all.ciLow);
        else expect(u.ciLow <= all.ciHigh && u.ciHigh >= all.ciLow).toBe(true);
      }),
    );
  });
});
