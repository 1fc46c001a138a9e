import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestOutcomes, requestOutcomesByService, type RequestOutcomeRow } from './outcomes.ts';
import { CASE_STATUSES, DECISION_OUTCOMES } from './vocabulary.ts';

const row = fc.record({
  serviceCode: fc.constantFrom('home_nursing', 'practical_help'),
  status: fc.constantFrom(...CASE_STATUSES),
  firstOutcome: fc.option(fc.constantFrom(...DECISION_OUTCOMES), { nil: null }),
  referred: fc.boolean(),
  count: fc.constant(1),
}) as fc.Arbitrary<RequestOutcomeRow>;

describe('request outcomes', () => {
  it('count every request once: answered one way or still open, and shares of the answered add up to 100', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const o = requestOutcomes(rows);
        expect(o.granted + o.partlyGranted + o.refused + o.lowThreshold + o.withdrawn + o.open).toBe(rows.length);
        const answered = rows.length - o.open;
        const sum = Object.values(o.shares).reduce<number>((a, b) => a + (b ?? 0), 0);
        if (answered) expect(Math.abs(sum - 100)).toBeLessThanOrEqual(0.5);
        else expect(Object.values(o.shares).every((s) => s === null)).toBe(true);
      }),
    );
  });

  it('counts a low-threshold answer apart from refusals, and a referral only with a refusal or partial grant', () => {
    const o = requestOutcomes([
      { serviceCode: 'x', status: 'answered_low_threshold', firstOutcome: null, referred: false, count: 1 },
      { serviceCode: 'x', status: 'ended', firstOutcome: 'refused', referred: true, count: 1 },
      { serviceCode: 'x', status: 'under_assessment', firstOutcome: null, referred: false, count: 1 },
    ]);
    expect(o).toMatchObject({ lowThreshold: 1, refused: 1, refusedOrPartlyWithReferral: 1, open: 1, shares: { lowThreshold: 50, refused: 50 } });
  });

  it('gives the same figures from requests counted together as from each request counted alone', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        // The same requests merged as GROUP BY merges them, in an order of their own.
        const merged = new Map<string, RequestOutcomeRow>();
        for (const r of rows) {
          const key = JSON.stringify({ ...r, count: 0 });
          merged.set(key, { ...r, count: (merged.get(key)?.count ?? 0) + 1 });
        }
        const together = requestOutcomesByService([...merged.values()].reverse());
        expect(together).toEqual(requestOutcomesByService(rows));
        expect(together.overall.requests).toBe(rows.length);
        expect(together.overall.granted).toBe(rows.filter((r) => r.firstOutcome === 'granted').length);
        expect(together.overall.refusedOrPartlyWithReferral).toBe(rows.filter((r) => r.referred && r.firstOutcome !== 'granted').length);
      }),
    );
  });
});
